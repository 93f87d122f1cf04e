package io.venndb.bench.measure;

import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.SearchResult;
import io.venndb.bench.system.SearchSystem;
import io.venndb.bench.workload.QueryTask;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;

/**
 * Runs a list of tasks against one system setting: serially on the calling thread (per-query
 * latencies and answers), or on a fixed pool of {@code threads} workers pulling tasks from a
 * shared counter (wall time only). The same pool serves every system.
 */
public final class TaskRunner implements AutoCloseable {
  private final int threads;
  private final ExecutorService pool;

  public TaskRunner(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public int threads() {
    return threads;
  }

  /** One serial pass. */
  public record Serial(SearchResult[] results, double[] latencyNanos, double wallSeconds) {}

  public Serial serial(SearchSystem system, SearchParams params, List<QueryTask> tasks) {
    SearchResult[] results = new SearchResult[tasks.size()];
    double[] latency = new double[tasks.size()];
    long start = System.nanoTime();
    for (int i = 0; i < tasks.size(); i++) {
      long t0 = System.nanoTime();
      results[i] = run(system, params, tasks.get(i));
      latency[i] = System.nanoTime() - t0;
    }
    return new Serial(results, latency, (System.nanoTime() - start) / 1e9);
  }

  /** Wall seconds for all tasks on all workers. */
  public double parallel(SearchSystem system, SearchParams params, List<QueryTask> tasks) {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < threads; w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
          run(system, params, tasks.get(i));
        }
      }));
    }
    try {
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  static SearchResult run(SearchSystem system, SearchParams params, QueryTask task) {
    return guarded(system, params, task, () -> system.search(task, params));
  }

  /** {@link SearchSystem#counted}, failing like {@link #run}. */
  static Optional<SearchResult> counted(SearchSystem system, SearchParams params, QueryTask task) {
    return guarded(system, params, task, () -> system.counted(task, params));
  }

  private static <T> T guarded(SearchSystem system, SearchParams params, QueryTask task,
      Callable<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw new IllegalStateException(system.name() + " failed on " + params + " for query " + task.query()
          + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException(system.name() + " failed on " + params + " for query " + task.query(), e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
