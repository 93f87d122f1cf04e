package io.venndb.store;

import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Off-heap vectors indexed by dense doc id, stored as little-endian floats in fixed-size chunks
 * (each vector with its int8 {@link VectorSketch} in a parallel block, and its one-bit {@link
 * VectorBits} code in a {@code long[]} per chunk)
 * allocated from one shared {@link Arena} that this object owns. Growing adds chunks and never
 * copies a vector, so (segment, offset) pairs handed to readers stay valid until {@link #close}.
 *
 * <p>Concurrency: one writer calls {@link #set}; any number of readers may read doc ids that were
 * completely written before, including while the writer appends. The chunk array is republished
 * through a volatile field; each presence bit is released after its vector's bytes. Overwriting a
 * doc id that readers are reading is the caller's race: the engine gives updates new doc ids.
 */
public final class VectorArena implements AutoCloseable {
  /** How a stored component is laid out: a little-endian float, any alignment. */
  public static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_DIMENSION = 1 << 16;
  /** Chunks of about 32 MiB: large enough for long sequential scans, small enough to add cheaply. */
  private static final long TARGET_CHUNK_BYTES = 32L << 20;
  private static final int MIN_CHUNK_SHIFT = 6, MAX_CHUNK_SHIFT = 14;
  /** Most docs one {@link BatchVisitor} call receives. */
  public static final int BATCH = 256;

  private final int dimension;
  private final long vectorBytes;
  private final long sketchBytes;
  /** Longs of one {@link VectorBits} code. */
  private final int codeStride;
  private final int chunkShift;
  private final Arena arena = Arena.ofShared();
  /** Null once closed; readers read {@link #maxDocExclusive} first, then this. */
  private volatile ArenaChunk[] chunks = new ArenaChunk[0];
  private volatile int maxDocExclusive;
  private volatile int vectorCount;
  private volatile long generation;
  private static final long CACHE_LINE = 64;

  /** Called for each doc that has a vector; the vector is {@code dimension()} floats at offset. */
  @FunctionalInterface
  public interface VectorVisitor {
    void visit(int docId, MemorySegment segment, long byteOffset);
  }

  /** Called with up to {@link #BATCH} docs that have a vector, and where their vectors are. */
  @FunctionalInterface
  public interface BatchVisitor {
    void visit(int[] docs, MemorySegment[] segments, long[] offsets, int count);
  }

  public VectorArena(int dimension) {
    this(dimension, defaultChunkShift(dimension));
  }

  VectorArena(int dimension, int chunkShift) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "vector dimension " + dimension + " is outside [1, " + MAX_DIMENSION + "]");
    }
    this.dimension = dimension;
    this.vectorBytes = 4L * dimension;
    this.sketchBytes = VectorSketch.slotBytes(dimension);
    this.codeStride = VectorBits.stride(dimension);
    this.chunkShift = chunkShift;
  }

  static int defaultChunkShift(int dimension) {
    long vectors = Math.max(1, TARGET_CHUNK_BYTES / (4L * Math.max(1, dimension)));
    int shift = 63 - Long.numberOfLeadingZeros(vectors);
    return Math.clamp(shift, MIN_CHUNK_SHIFT, MAX_CHUNK_SHIFT);
  }

  /** Loads a file written by {@link #save}; see {@link ArenaFile} for the layout and checks. */
  public static VectorArena load(Path file, int expectedDimension) throws IOException {
    return ArenaFile.read(file, expectedDimension);
  }

  /**
   * Writes every vector to {@code file} atomically (temp file, fsync, rename, fsync of the
   * directory) and records {@code generation}. Safe while the writer appends; callers serialise
   * saves to the same file.
   */
  public void save(Path file, long generation) throws IOException {
    openChunks();
    ArenaFile.write(this, file, generation);
    this.generation = generation;
  }

  /**
   * Bytes allocated for vectors and their sketches (off the heap) and their codes (on it), whole
   * chunks, for memory reporting.
   */
  public long allocatedBytes() {
    ArenaChunk[] current = chunks;
    return current == null ? 0
        : (long) current.length * (1L << chunkShift) * (vectorBytes + sketchBytes + 8L * codeStride);
  }

  public int dimension() {
    return dimension;
  }

  /** One past the largest doc id ever set; 0 when empty. */
  public int maxDocExclusive() {
    openChunks();
    return maxDocExclusive;
  }

  /** Number of docs that have a vector. */
  public int vectorCount() {
    openChunks();
    return vectorCount;
  }

  /** The generation last saved or loaded; 0 for a new arena. */
  public long generation() {
    return generation;
  }

  void restoreGeneration(long generation) {
    this.generation = generation;
  }

  /** Stores a copy of {@code vector} for {@code docId}. Single writer only. */
  public void set(int docId, float[] vector) {
    if (vector.length != dimension) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH,
          "vector for doc " + docId + " has " + vector.length + " dimensions; expected " + dimension);
    }
    ArenaChunk chunk = writableChunk(docId);
    MemorySegment.copy(vector, 0, chunk.data, FLOAT, slotOffset(docId), dimension);
    sketch(docId, chunk);
    publish(docId, chunk);
  }

  /** Stores {@code dimension()} little-endian floats copied from {@code source} (file loading). */
  void set(int docId, MemorySegment source, long sourceOffset) {
    ArenaChunk chunk = writableChunk(docId);
    MemorySegment.copy(source, sourceOffset, chunk.data, slotOffset(docId), vectorBytes);
    sketch(docId, chunk);
    publish(docId, chunk);
  }

  /** Copies the vector of {@code docId} into {@code out}; false (out untouched) when it has none. */
  public boolean get(int docId, float[] out) {
    if (out.length != dimension) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH,
          "output array has " + out.length + " slots; the arena holds " + dimension + " dimensions");
    }
    MemorySegment segment = segmentOf(docId);
    if (segment == null) {
      return false;
    }
    MemorySegment.copy(segment, FLOAT, slotOffset(docId), out, 0, dimension);
    return true;
  }

  public boolean has(int docId) {
    return segmentOf(docId) != null;
  }

  /**
   * The segment holding the vector of {@code docId}, or null when it has none. The vector starts
   * at {@link #byteOffsetOf(int)}; the segment stays valid until {@link #close}.
   */
  public MemorySegment segmentOf(int docId) {
    checkDocId(docId);
    int limit = maxDocExclusive;
    ArenaChunk[] current = openChunks();
    if (docId >= limit) {
      return null;
    }
    ArenaChunk chunk = current[docId >>> chunkShift];
    return chunk != null && chunk.has(slot(docId)) ? chunk.data : null;
  }

  /** Byte offset of {@code docId}'s vector inside {@link #segmentOf(int)}. */
  public long byteOffsetOf(int docId) {
    return slotOffset(docId);
  }

  /**
   * Where the vectors of {@code docs[0..count)} are: {@code segments[i]} (null when doc i has no
   * vector) and {@code offsets[i]}. One read of the chunk table serves the whole batch, so a
   * caller scoring a graph node's neighbours pays it once per node, not once per neighbour.
   */
  public void locate(int[] docs, int count, MemorySegment[] segments, long[] offsets) {
    locate(docs, count, segments, offsets, Block.VECTORS);
  }

  /**
   * As {@link #locate}, for the docs' {@link VectorSketch} slots: {@code offsets[i]} is where doc
   * i's slot starts in {@code segments[i]} (null when it has no vector).
   */
  public void locateSketches(int[] docs, int count, MemorySegment[] segments, long[] offsets) {
    locate(docs, count, segments, offsets, Block.SKETCHES);
  }

  /** Which of a chunk's off-heap blocks a visit or a locate reads. */
  private enum Block {
    VECTORS, SKETCHES
  }

  private void locate(int[] docs, int count, MemorySegment[] segments, long[] offsets, Block block) {
    int limit = maxDocExclusive; // read before the chunks: every chunk below it is published
    ArenaChunk[] current = openChunks();
    for (int i = 0; i < count; i++) {
      int doc = docs[i];
      checkDocId(doc);
      ArenaChunk chunk = doc < limit ? current[doc >>> chunkShift] : null;
      boolean has = chunk != null && chunk.has(slot(doc));
      segments[i] = has ? segment(chunk, block) : null;
      offsets[i] = offset(doc, block);
    }
  }

  /** Visits, in increasing doc id order, each doc of {@code docs} that has a vector. */
  public void forEach(RoaringBitmap docs, VectorVisitor visitor) {
    forEach(docs, visitor, Block.VECTORS);
  }

  /**
   * Visits, in increasing doc id order, the {@link VectorSketch} slot of each doc of {@code docs}
   * that has a vector (the offset is the slot's start).
   */
  public void forEachSketch(RoaringBitmap docs, VectorVisitor visitor) {
    forEach(docs, visitor, Block.SKETCHES);
  }

  private void forEach(RoaringBitmap docs, VectorVisitor visitor, Block block) {
    int limit = maxDocExclusive; // read before the chunks: every chunk below it is published
    ArenaChunk[] current = openChunks();
    int[] buffer = new int[BATCH];
    BatchIterator batches = docs.getBatchIterator();
    while (batches.hasNext()) {
      int n = batches.nextBatch(buffer);
      for (int i = 0; i < n; i++) {
        int doc = buffer[i];
        if (doc < 0 || doc >= limit) {
          return; // ids come in unsigned order, so every later one is out of range too
        }
        ArenaChunk chunk = current[doc >>> chunkShift];
        if (chunk != null && chunk.has(slot(doc))) {
          visitor.visit(doc, segment(chunk, block), offset(doc, block));
        }
      }
    }
  }

  /**
   * Visits, in increasing doc id order and in batches of up to {@link #BATCH}, the docs of {@code
   * docs} that have a vector. The arrays are reused between calls; read them before returning.
   */
  public void forEachBatch(RoaringBitmap docs, BatchVisitor visitor) {
    forEachBatch(docs, visitor, Block.VECTORS);
  }

  /** As {@link #forEachBatch} for the docs' {@link VectorSketch} slots. */
  public void forEachSketchBatch(RoaringBitmap docs, BatchVisitor visitor) {
    forEachBatch(docs, visitor, Block.SKETCHES);
  }

  /** Called with up to {@link #BATCH} docs whose codes share one array: {@code codes[bases[i]..]} is doc i's. */
  @FunctionalInterface
  public interface CodeVisitor {
    void visit(long[] codes, int[] docs, int[] bases, int count);
  }

  /**
   * Visits, in increasing doc id order, the {@link VectorBits} code of each doc of {@code docs}
   * that has a vector, in runs that share one chunk's array (so a kernel can gather across them).
   * The arrays are reused between calls; read them before returning.
   */
  public void forEachCode(RoaringBitmap docs, CodeVisitor visitor) {
    int limit = maxDocExclusive; // read before the chunks: every chunk below it is published
    ArenaChunk[] current = openChunks();
    int[] buffer = new int[BATCH];
    int[] run = new int[BATCH];
    int[] bases = new int[BATCH];
    long[] runCodes = null;
    int count = 0;
    BatchIterator batches = docs.getBatchIterator();
    scan:
    while (batches.hasNext()) {
      int n = batches.nextBatch(buffer);
      for (int i = 0; i < n; i++) {
        int doc = buffer[i];
        if (doc < 0 || doc >= limit) {
          break scan; // ids come in unsigned order, so every later one is out of range too
        }
        ArenaChunk chunk = current[doc >>> chunkShift];
        if (chunk == null || !chunk.has(slot(doc))) {
          continue;
        }
        if (count == BATCH || (count > 0 && chunk.codes != runCodes)) {
          visitor.visit(runCodes, run, bases, count);
          count = 0;
        }
        runCodes = chunk.codes;
        run[count] = doc;
        bases[count++] = slot(doc) * codeStride;
      }
    }
    if (count > 0) {
      visitor.visit(runCodes, run, bases, count);
    }
  }

  private void forEachBatch(RoaringBitmap docs, BatchVisitor visitor, Block block) {
    int[] ids = new int[BATCH];
    MemorySegment[] segments = new MemorySegment[BATCH];
    long[] offsets = new long[BATCH];
    int[] count = {0};
    forEach(docs, (doc, segment, offset) -> {
      ids[count[0]] = doc;
      segments[count[0]] = segment;
      offsets[count[0]] = offset;
      if (++count[0] == BATCH) {
        visitor.visit(ids, segments, offsets, BATCH);
        count[0] = 0;
      }
    }, block);
    if (count[0] > 0) {
      visitor.visit(ids, segments, offsets, count[0]);
    }
  }

  /**
   * Reads the first component of each of {@code count} located vectors (none may be null) before
   * any is scored. Vectors read in random order (a graph walk, a sparse filter) are cache misses;
   * these reads do not depend on each other, so the CPU overlaps their misses, and its prefetcher
   * then streams the rest of each vector while the first are scored, instead of waiting out one
   * miss per vector. The sum of the values read keeps a JIT from dropping the reads; it doubles
   * as a cheap integrity check, since stored vectors are finite and only a non-finite component
   * makes the sum NaN.
   */
  public static void touch(MemorySegment[] segments, long[] offsets, int count) {
    float sum = 0;
    for (int i = 0; i < count; i++) {
      sum += segments[i].get(FLOAT, offsets[i]);
    }
    if (Float.isNaN(sum)) {
      throw new CorruptionException("vector arena", "a stored vector has a non-finite component", null);
    }
  }

  /**
   * As {@link #touch} for sketch slots, but reading every cache line of each slot, not just the
   * first: a sketch is too short for the prefetcher to stream (it needs a few misses to notice a
   * run), so without this each of its lines was a separate wait: a sketched top-10 over a
   * scattered 1% of the 828k PyPI vectors took ~250 ns a doc with it and ~450 without (a one-off
   * probe on the 2-core VM). Reading the scale also checks it: a scale is never negative or NaN;
   * anything else means the memory was overwritten.
   */
  public void touchSketches(MemorySegment[] segments, long[] offsets, int count) {
    float sum = 0;
    int lines = 0;
    for (int i = 0; i < count; i++) {
      sum += VectorSketch.scale(segments[i], offsets[i]);
      for (long line = CACHE_LINE; line < sketchBytes; line += CACHE_LINE) {
        lines += segments[i].get(ValueLayout.JAVA_BYTE, offsets[i] + line);
      }
      // Slots are not line-aligned (396 bytes at 384-d): one in eight ends on a line the reads
      // above miss; reading it here lets its miss overlap the others (too small a share for a
      // probe to measure: docs/benchmarks.md, "Where the 828k stream's time goes").
      lines += segments[i].get(ValueLayout.JAVA_BYTE, offsets[i] + sketchBytes - 1);
    }
    // NaN or negative; a very large sum may overflow to +Inf, which is fine. The line sum cannot be
    // MIN_VALUE (a few bytes per slot), but testing it keeps a JIT from dropping those reads.
    if (!(sum >= 0) || lines == Integer.MIN_VALUE) {
      throw new CorruptionException("vector arena", "a vector sketch has an invalid scale", null);
    }
  }

  /**
   * As {@link #touch} for {@link VectorBits} codes: reads the first and last long of each of {@code
   * count} codes before any is scored, so a batch's misses overlap — a scan of a scattered tenth
   * of 828k codes took 180 ns a code without it and 40 with it (a probe on the 2-core VM). A
   * code's squared norm is never negative or NaN; anything else means the memory was overwritten.
   */
  public void touchCodes(long[] codes, int[] bases, int count) {
    int words = codeStride - 1;
    float sum = 0;
    long first = 0;
    for (int i = 0; i < count; i++) {
      first += codes[bases[i]];
      sum += VectorBits.squaredNorm(codes, bases[i], words);
    }
    if (!(sum >= 0) || first == Long.MIN_VALUE + 1) { // the word sum keeps a JIT from dropping those reads
      throw new CorruptionException("vector arena", "a vector code has an invalid norm", null);
    }
  }

  /** Frees the memory. Later calls throw {@link IllegalStateException}; closing twice is a no-op. */
  @Override
  public void close() {
    if (chunks != null) {
      chunks = null;
      arena.close();
    }
  }

  @Override
  public String toString() {
    ArenaChunk[] current = chunks;
    return "VectorArena[dimension=" + dimension + ", vectors=" + vectorCount
        + ", maxDocExclusive=" + maxDocExclusive + (current == null ? ", closed]" : "]");
  }

  private ArenaChunk writableChunk(int docId) {
    if (docId == Integer.MAX_VALUE) { // maxDocExclusive could not count past it
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "doc id " + docId + " is too large; the largest is " + (Integer.MAX_VALUE - 1));
    }
    checkDocId(docId);
    ArenaChunk[] current = openChunks();
    int index = docId >>> chunkShift;
    if (index < current.length && current[index] != null) {
      return current[index];
    }
    ArenaChunk[] grown = Arrays.copyOf(current, Math.max(current.length, index + 1));
    grown[index] = new ArenaChunk(block(vectorBytes << chunkShift), block(sketchBytes << chunkShift),
        new long[codeStride << chunkShift], 1 << chunkShift);
    chunks = grown; // publish before any presence bit in the new chunk can be seen
    return grown[index];
  }

  /** Zeroed memory for a chunk: on 2 MiB pages where the platform allows ({@link LargePages}). */
  private MemorySegment block(long bytes) {
    MemorySegment large = LargePages.allocate(arena, bytes);
    return large != null ? large : arena.allocate(bytes, 64);
  }

  private void sketch(int docId, ArenaChunk chunk) {
    VectorSketch.encode(chunk.data, slotOffset(docId), dimension, chunk.sketches, sketchOffset(docId));
    VectorBits.encode(chunk.data, slotOffset(docId), dimension, chunk.codes, slot(docId) * codeStride);
  }

  private void publish(int docId, ArenaChunk chunk) {
    if (!chunk.has(slot(docId))) {
      chunk.markPresent(slot(docId));
      vectorCount = vectorCount + 1; // single writer
    }
    maxDocExclusive = Math.max(maxDocExclusive, docId + 1);
  }

  private ArenaChunk[] openChunks() {
    ArenaChunk[] current = chunks;
    if (current == null) {
      throw new IllegalStateException("VectorArena (dimension " + dimension + ") is closed");
    }
    return current;
  }

  private static void checkDocId(int docId) {
    if (docId < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "doc id " + docId + " is negative");
    }
  }

  private int slot(int docId) {
    return docId & ((1 << chunkShift) - 1);
  }

  private long slotOffset(int docId) {
    return slot(docId) * vectorBytes;
  }

  private long sketchOffset(int docId) {
    return slot(docId) * sketchBytes;
  }

  private static MemorySegment segment(ArenaChunk chunk, Block block) {
    return switch (block) {
      case VECTORS -> chunk.data;
      case SKETCHES -> chunk.sketches;
    };
  }

  private long offset(int docId, Block block) {
    return switch (block) {
      case VECTORS -> slotOffset(docId);
      case SKETCHES -> sketchOffset(docId);
    };
  }
}
