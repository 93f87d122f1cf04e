package io.venndb.bench.measure;

import java.lang.management.ManagementFactory;

/**
 * Waits for the process to go idle after a build, so one system's background work (RocksDB
 * flushes and compactions, Lucene merges) is not billed to the next system's build or queries.
 */
public final class Settle {
  /** Process CPU below this share of one core for a whole second counts as idle. */
  static final double IDLE_CORES = 0.05;

  private Settle() {}

  /** Returns the seconds waited (at most {@code maxSeconds}). */
  public static double waitForIdle(double maxSeconds) {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
      return 0;
    }
    long start = System.nanoTime();
    long deadline = start + (long) (maxSeconds * 1e9);
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    while (System.nanoTime() < deadline) {
      sleep(1000);
      long cpuNow = os.getProcessCpuTime();
      long wallNow = System.nanoTime();
      double cores = (double) (cpuNow - cpu) / (wallNow - wall);
      if (cores < IDLE_CORES) {
        break;
      }
      cpu = cpuNow;
      wall = wallNow;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
