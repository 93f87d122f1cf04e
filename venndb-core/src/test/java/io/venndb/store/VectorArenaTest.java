package io.venndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.testing.TestSeed;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.roaringbitmap.RoaringBitmap;

@ExtendWith(TestSeed.class)
class VectorArenaTest {
  /** Random sparse writes across many small chunks, checked against a TreeMap oracle. */
  @Test
  void growsAcrossChunksAndMatchesAnOracle() {
    SplittableRandom random = TestSeed.random("arena.oracle");
    TreeMap<Integer, float[]> oracle = new TreeMap<>();
    try (VectorArena arena = new VectorArena(5, 4)) {
      for (int i = 0; i < 2000; i++) {
        int doc = random.nextInt(1000) + (random.nextInt(4) == 0 ? 100_000 : 0);
        float[] v = vector(random, 5);
        arena.set(doc, v);
        oracle.put(doc, v);
      }
      assertThat(arena.vectorCount()).isEqualTo(oracle.size());
      assertThat(arena.maxDocExclusive()).isEqualTo(oracle.lastKey() + 1);
      float[] out = new float[5];
      for (int doc = 0; doc < arena.maxDocExclusive() + 40; doc++) {
        assertThat(arena.has(doc)).isEqualTo(oracle.containsKey(doc));
        assertThat(arena.get(doc, out)).isEqualTo(oracle.containsKey(doc));
        if (oracle.containsKey(doc)) {
          assertThat(out).containsExactly(oracle.get(doc));
        }
      }
    }
  }

  @Test
  void forEachVisitsCandidatesWithVectorsInDocOrder() {
    try (VectorArena arena = new VectorArena(2, 3)) {
      for (int doc : new int[] {1, 2, 7, 8, 9, 30}) {
        arena.set(doc, new float[] {doc, -doc});
      }
      RoaringBitmap candidates = RoaringBitmap.bitmapOf(0, 2, 7, 9, 10, 30, 31, 1 << 20, -5);
      List<Integer> seen = new ArrayList<>();
      arena.forEach(candidates, (doc, segment, offset) -> {
        assertThat(segment.get(VectorArena.FLOAT, offset)).isEqualTo((float) doc);
        assertThat(segment.get(VectorArena.FLOAT, offset + 4)).isEqualTo((float) -doc);
        seen.add(doc);
      });
      assertThat(seen).containsExactly(2, 7, 9, 30);
    }
  }

  @Test
  void segmentAndOffsetLocateTheVector() {
    try (VectorArena arena = new VectorArena(3, 2)) {
      arena.set(6, new float[] {1, 2, 3});
      MemorySegment segment = arena.segmentOf(6);
      long offset = arena.byteOffsetOf(6);
      assertThat(segment.get(VectorArena.FLOAT, offset + 8)).isEqualTo(3f);
      assertThat(arena.segmentOf(5)).isNull();
      assertThat(arena.segmentOf(1_000)).isNull();
    }
  }

  @Test
  void batchesVisitTheSameDocsAsOneByOne() {
    SplittableRandom random = TestSeed.random("arena.batches");
    try (VectorArena arena = new VectorArena(2, 4)) {
      RoaringBitmap candidates = new RoaringBitmap();
      for (int doc = 0; doc < 3 * VectorArena.BATCH; doc++) {
        if (random.nextInt(4) > 0) {
          arena.set(doc, new float[] {doc, -doc});
        }
        if (random.nextInt(3) > 0) {
          candidates.add(doc);
        }
      }
      List<Integer> one = new ArrayList<>(), batched = new ArrayList<>();
      arena.forEach(candidates, (doc, segment, offset) -> one.add(doc));
      arena.forEachBatch(candidates, (docs, segments, offsets, count) -> {
        assertThat(count).isBetween(1, VectorArena.BATCH);
        for (int i = 0; i < count; i++) {
          assertThat(segments[i].get(VectorArena.FLOAT, offsets[i])).isEqualTo((float) docs[i]);
          batched.add(docs[i]);
        }
      });
      assertThat(batched).isEqualTo(one);
    }
  }

  /**
   * Codes are visited for the same docs as vectors, in runs that never mix two chunks' arrays, and
   * each holds its vector's signs, f = ||x||² / Σ|x_i| and ||x||² (70 components: two words, the
   * second partly padding).
   */
  @Test
  void codesAreVisitedInSingleChunkRunsAndHoldTheirVectorsSigns() {
    SplittableRandom random = TestSeed.random("arena.codes");
    int dimension = 70;
    try (VectorArena arena = new VectorArena(dimension, 4)) {
      RoaringBitmap candidates = new RoaringBitmap();
      for (int doc = 0; doc < 3 * VectorArena.BATCH; doc++) {
        if (random.nextInt(4) > 0) {
          float[] v = new float[dimension];
          for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
          }
          arena.set(doc, v);
        }
        if (random.nextInt(3) > 0) {
          candidates.add(doc);
        }
      }
      List<Integer> one = new ArrayList<>(), coded = new ArrayList<>();
      arena.forEach(candidates, (doc, segment, offset) -> one.add(doc));
      float[] x = new float[dimension];
      int words = VectorBits.words(dimension);
      arena.forEachCode(candidates, (codes, docs, bases, count) -> {
        assertThat(count).isBetween(1, VectorArena.BATCH);
        assertThat(docs[0] >>> 4).as("one chunk per run").isEqualTo(docs[count - 1] >>> 4);
        for (int i = 0; i < count; i++) {
          coded.add(docs[i]);
          arena.get(docs[i], x);
          double squares = 0, absolutes = 0;
          for (int c = 0; c < dimension; c++) {
            boolean bit = (codes[bases[i] + c / 64] >>> (c % 64) & 1) == 1;
            assertThat(bit).as("doc %d component %d", docs[i], c).isEqualTo(x[c] > 0);
            squares += (double) x[c] * x[c];
            absolutes += Math.abs(x[c]);
          }
          assertThat(codes[bases[i] + 1] >>> (dimension - 64)).as("padding bits").isZero();
          assertThat(VectorBits.scale(codes, bases[i], words)).isEqualTo((float) (squares / absolutes));
          assertThat(VectorBits.squaredNorm(codes, bases[i], words)).isEqualTo((float) squares);
        }
      });
      assertThat(coded).isEqualTo(one);
    }
  }

  @Test
  void touchingANonFiniteVectorReportsCorruption() {
    try (VectorArena arena = new VectorArena(2)) {
      arena.set(0, new float[] {1, 2});
      arena.set(1, new float[] {Float.NaN, 2});
      MemorySegment[] segments = new MemorySegment[2];
      long[] offsets = new long[2];
      arena.locate(new int[] {0, 1}, 2, segments, offsets);
      VectorArena.touch(segments, offsets, 1);
      assertThatThrownBy(() -> VectorArena.touch(segments, offsets, 2))
          .isInstanceOf(CorruptionException.class).hasMessageContaining("non-finite");
    }
  }

  @Test
  void locatingABatchAgreesWithLocatingEachDoc() {
    try (VectorArena arena = new VectorArena(3, 2)) {
      for (int doc : new int[] {0, 3, 6, 13}) {
        arena.set(doc, new float[] {doc, 1, 2});
      }
      int[] docs = {13, 5, 0, 1_000, 6, 3};
      MemorySegment[] segments = new MemorySegment[docs.length];
      long[] offsets = new long[docs.length];
      arena.locate(docs, docs.length, segments, offsets);
      for (int i = 0; i < docs.length; i++) {
        assertThat(segments[i]).as("doc %d", docs[i]).isSameAs(arena.segmentOf(docs[i]));
        if (segments[i] != null) {
          assertThat(offsets[i]).isEqualTo(arena.byteOffsetOf(docs[i]));
          assertThat(segments[i].get(VectorArena.FLOAT, offsets[i])).isEqualTo((float) docs[i]);
        }
      }
    }
  }

  @Test
  void overwritingKeepsTheCountAndReplacesTheVector() {
    try (VectorArena arena = new VectorArena(2)) {
      arena.set(3, new float[] {1, 1});
      arena.set(3, new float[] {2, 2});
      float[] out = new float[2];
      assertThat(arena.get(3, out)).isTrue();
      assertThat(out).containsExactly(2, 2);
      assertThat(arena.vectorCount()).isEqualTo(1);
    }
  }

  @Test
  void rejectsCallerMistakesQuotingTheValue() {
    assertThatThrownBy(() -> new VectorArena(0)).hasMessageContaining("dimension 0");
    try (VectorArena arena = new VectorArena(4)) {
      assertThatThrownBy(() -> arena.set(1, new float[3]))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("has 3 dimensions; expected 4")
          .extracting(e -> ((InvalidInputException) e).code())
          .isEqualTo(ErrorCode.DIMENSION_MISMATCH);
      assertThatThrownBy(() -> arena.set(-1, new float[4])).hasMessageContaining("doc id -1");
      assertThatThrownBy(() -> arena.set(Integer.MAX_VALUE, new float[4]))
          .hasMessageContaining("doc id " + Integer.MAX_VALUE + " is too large");
      assertThatThrownBy(() -> arena.get(0, new float[5])).isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void chunkSizeFollowsTheDimension() {
    assertThat(VectorArena.defaultChunkShift(3)).isEqualTo(14);
    assertThat(VectorArena.defaultChunkShift(384)).isEqualTo(14);
    assertThat(VectorArena.defaultChunkShift(768)).isEqualTo(13);
    assertThat(VectorArena.defaultChunkShift(1 << 16)).isEqualTo(7);
  }

  @Test
  void everyUseAfterCloseFailsClearly() {
    VectorArena arena = new VectorArena(2);
    arena.set(0, new float[] {1, 2});
    arena.close();
    arena.close(); // idempotent
    List<Executable> uses = List.of(
        () -> arena.set(1, new float[2]),
        () -> arena.get(0, new float[2]),
        () -> arena.has(0),
        () -> arena.segmentOf(0),
        () -> arena.maxDocExclusive(),
        () -> arena.vectorCount(),
        () -> arena.forEach(RoaringBitmap.bitmapOf(0), (d, s, o) -> {}),
        () -> arena.save(Path.of("never-written"), 1));
    for (Executable use : uses) {
      assertThatThrownBy(use::execute)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is closed");
    }
    assertThat(arena.toString()).contains("closed");
  }

  static float[] vector(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }
}
