package io.venndb.bench.system;

/**
 * What building a system cost. Memory figures are growth across the build, measured by the
 * harness after a GC, so they are approximate (other allocations in the JVM move them too).
 *
 * @param seconds wall-clock time of the build (load, index, commit, merge)
 * @param indexBytes bytes on disk after the build; -1 when the system keeps nothing on disk
 * @param heapBytes growth of the used Java heap
 * @param offHeapBytes growth of JDK-tracked native memory: direct buffers and FFM allocations
 *     (VennDB's vector arena)
 * @param mappedBytes growth of memory-mapped file buffers (Lucene's MMapDirectory); backed by the
 *     page cache, not private memory
 * @param rssBytes growth of the process's resident set; the only figure that includes RocksDB's
 *     native memory
 * @param notes anything a reader needs (e.g. "uses lucene-hnsw's index")
 */
public record BuildReport(double seconds, long indexBytes, long heapBytes, long offHeapBytes, long mappedBytes,
    long rssBytes, String notes) {

  /** A report with only what the system itself knows; the harness measures memory around it. */
  public static BuildReport of(double seconds, long indexBytes, String notes) {
    return new BuildReport(seconds, indexBytes, 0, 0, 0, 0, notes);
  }

  public BuildReport withMemory(long heap, long offHeap, long mapped, long rss) {
    return new BuildReport(seconds, indexBytes, heap, offHeap, mapped, rss, notes);
  }
}
