package io.venndb.bench.measure;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap, JDK-tracked native memory, mapped buffers and resident set size of this process. */
public record MemoryProbe(long heapUsed, long direct, long mapped, long rss) {

  /** A snapshot after asking for two full GCs, so heap figures are mostly live data. */
  public static MemoryProbe take() {
    System.gc();
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long direct = 0;
    long mapped = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct += pool.getMemoryUsed();
      } else if (pool.getName().startsWith("mapped")) {
        mapped += pool.getMemoryUsed();
      }
    }
    return new MemoryProbe(heap, direct, mapped, residentSetSize());
  }

  /** VmRSS from /proc/self/status; -1 where there is no procfs. */
  static long residentSetSize() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
