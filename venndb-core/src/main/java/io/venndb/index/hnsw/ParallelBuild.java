package io.venndb.index.hnsw;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inserts many docs with several threads, each with its own {@link Inserter}, taking docs in
 * chunks from a shared counter. The first doc is inserted before the threads start, so the
 * graph always has an entry point. With more than one thread the graph depends on scheduling
 * (which node finds which first), so it is not deterministic; with one thread it is.
 */
final class ParallelBuild {
  /** Small enough to balance the threads, large enough that the shared counter is not contended. */
  private static final int CHUNK = 64;

  private ParallelBuild() {}

  static void run(Inserter first, GraphStore graph, VectorSource vectors, HnswConfig config,
      int[] docs, long[] keys, int threads) {
    if (docs.length == 0) {
      return;
    }
    first.insert(docs[0], keys[0]);
    if (threads == 1) {
      for (int i = 1; i < docs.length; i++) {
        first.insert(docs[i], keys[i]);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads())) {
      List<Future<?>> workers = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> insertChunks(new Inserter(graph, vectors, config), docs, keys, next)));
      }
      awaitAll(workers, next, docs.length);
    }
  }

  private static void insertChunks(Inserter inserter, int[] docs, long[] keys, AtomicInteger next) {
    for (int start = next.getAndAdd(CHUNK); start < docs.length; start = next.getAndAdd(CHUNK)) {
      for (int i = start, end = Math.min(docs.length, start + CHUNK); i < end; i++) {
        inserter.insert(docs[i], keys[i]);
      }
    }
  }

  private static void awaitAll(List<Future<?>> workers, AtomicInteger next, int total) {
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (ExecutionException e) {
      next.set(total); // the other workers stop after their current chunk
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("HNSW build worker failed", e.getCause());
    } catch (InterruptedException e) {
      next.set(total);
      Thread.currentThread().interrupt();
      throw new CancellationException("HNSW build interrupted");
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "venndb-hnsw-build-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
