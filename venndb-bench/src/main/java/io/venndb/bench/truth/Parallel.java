package io.venndb.bench.truth;

import io.venndb.bench.data.Embeddings;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;

/** Runs the brute-force work for each query on a bounded pool, with a progress bar. */
final class Parallel {
  private Parallel() {}

  static void forEachQuery(String task, int count, int threads, IntConsumer work) {
    try (ProgressBar bar = Embeddings.bar(task, count)) {
      ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
      try {
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> {
          work.accept(i);
          bar.step();
        })).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(task + " interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } finally {
        pool.shutdown();
      }
    }
  }
}
