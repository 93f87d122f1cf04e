package io.venndb.store;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One fixed block of vector slots, their sketches and sign codes, and the bits saying which slots
 * hold a vector. A presence bit is set with release semantics after the slot's bytes are written,
 * so a reader that sees the bit (acquire) also sees the whole vector.
 */
final class ArenaChunk {
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  final MemorySegment data;
  /** The {@link VectorSketch} of each slot's vector, written before its presence bit. */
  final MemorySegment sketches;
  /** The {@link VectorBits} code of each slot's vector, written before its presence bit. */
  final long[] codes;
  private final long[] presence;

  ArenaChunk(MemorySegment data, MemorySegment sketches, long[] codes, int slots) {
    this.data = data;
    this.sketches = sketches;
    this.codes = codes;
    this.presence = new long[(slots + 63) >>> 6];
  }

  boolean has(int slot) {
    long word = (long) WORDS.getAcquire(presence, slot >>> 6);
    return (word & (1L << slot)) != 0;
  }

  /** Only the single writer calls this, so reading its own word plainly is safe. */
  void markPresent(int slot) {
    int index = slot >>> 6;
    WORDS.setRelease(presence, index, presence[index] | (1L << slot));
  }
}
