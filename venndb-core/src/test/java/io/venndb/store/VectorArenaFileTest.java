package io.venndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.CorruptionException;
import io.venndb.testing.TestSeed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSeed.class)
class VectorArenaFileTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsEveryVectorGapAndTheGeneration() throws IOException {
    SplittableRandom random = TestSeed.random("arenafile.roundtrip");
    Path file = dir.resolve("vectors.arena");
    try (VectorArena arena = new VectorArena(7, 3)) {
      for (int i = 0; i < 300; i++) {
        arena.set(random.nextInt(5000), VectorArenaTest.vector(random, 7));
      }
      arena.set(70_000, VectorArenaTest.vector(random, 7)); // leaves whole chunks empty
      arena.save(file, 42);
      assertThat(arena.generation()).isEqualTo(42);
      try (VectorArena loaded = VectorArena.load(file, 7)) {
        assertSameContents(arena, loaded);
        assertThat(loaded.generation()).isEqualTo(42);
      }
    }
    assertThat(dir.resolve("vectors.arena.tmp")).doesNotExist();
  }

  @Test
  void emptyArenaRoundTrips() throws IOException {
    Path file = dir.resolve("empty.arena");
    try (VectorArena arena = new VectorArena(3)) {
      arena.save(file, 0);
    }
    try (VectorArena loaded = VectorArena.load(file, 3)) {
      assertThat(loaded.maxDocExclusive()).isZero();
      assertThat(loaded.vectorCount()).isZero();
    }
  }

  @Test
  void saveReplacesAnOlderFile() throws IOException {
    Path file = dir.resolve("v.arena");
    try (VectorArena arena = new VectorArena(2)) {
      arena.set(0, new float[] {1, 2});
      arena.save(file, 1);
      arena.set(1, new float[] {3, 4});
      arena.save(file, 2);
    }
    try (VectorArena loaded = VectorArena.load(file, 2)) {
      assertThat(loaded.generation()).isEqualTo(2);
      assertThat(loaded.vectorCount()).isEqualTo(2);
    }
  }

  /** Every single-byte flip anywhere in the file must be caught. */
  @Test
  void everyFlippedByteIsDetected() throws IOException {
    byte[] good = smallFile();
    SplittableRandom random = TestSeed.random("arenafile.flips");
    for (int position = 0; position < good.length; position++) {
      byte[] bad = good.clone();
      bad[position] ^= (byte) (1 << random.nextInt(8));
      assertCorrupt(bad, "");
    }
  }

  @Test
  void everyTruncationIsDetected() throws IOException {
    byte[] good = smallFile();
    for (int length = 0; length < good.length; length++) {
      assertCorrupt(Arrays.copyOf(good, length), "truncated");
    }
    assertCorrupt(Arrays.copyOf(good, good.length + 1), "trailing bytes");
  }

  @Test
  void wrongMagicVersionOrDimensionIsNamed() throws IOException {
    byte[] good = smallFile();
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertCorrupt(magic, "bad magic");
    byte[] version = good.clone();
    ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
    assertCorrupt(withChecksum(version), "unsupported format version 2");
    Path file = write(good);
    assertThatThrownBy(() -> VectorArena.load(file, 4))
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining("dimension 3 does not match the expected 4");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> VectorArena.load(dir.resolve("absent"), 3))
        .isInstanceOf(NoSuchFileException.class);
  }

  private byte[] smallFile() throws IOException {
    SplittableRandom random = TestSeed.random("arenafile.small");
    Path file = dir.resolve("small.arena");
    try (VectorArena arena = new VectorArena(3)) {
      for (int doc : new int[] {0, 2, 3, 65, 70}) {
        arena.set(doc, VectorArenaTest.vector(random, 3));
      }
      arena.save(file, 7);
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).hasSize((int) ArenaFile.expectedLength(3, 71, 5));
    return bytes;
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("candidate.arena");
    Files.write(file, bytes);
    return file;
  }

  private void assertCorrupt(byte[] bytes, String problem) throws IOException {
    Path file = write(bytes);
    assertThatThrownBy(() -> VectorArena.load(file, 3))
        .as("file of %d bytes", bytes.length)
        .isInstanceOf(CorruptionException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(problem);
  }

  /** Re-seals a deliberately edited file so that the check under test, not the CRC, fires. */
  private static byte[] withChecksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  private static void assertSameContents(VectorArena expected, VectorArena actual) {
    assertThat(actual.maxDocExclusive()).isEqualTo(expected.maxDocExclusive());
    assertThat(actual.vectorCount()).isEqualTo(expected.vectorCount());
    float[] a = new float[expected.dimension()], b = new float[expected.dimension()];
    for (int doc = 0; doc < expected.maxDocExclusive(); doc++) {
      assertThat(actual.get(doc, b)).isEqualTo(expected.get(doc, a));
      assertThat(b).containsExactly(a);
    }
    assertThat(sketches(actual)).as("sketches are rebuilt on load").isEqualTo(sketches(expected));
  }

  /** Every doc's sketch slot, as bytes keyed by doc. */
  private static java.util.Map<Integer, java.util.List<Byte>> sketches(VectorArena arena) {
    java.util.Map<Integer, java.util.List<Byte>> out = new java.util.TreeMap<>();
    long bytes = VectorSketch.slotBytes(arena.dimension());
    arena.forEachSketch(org.roaringbitmap.RoaringBitmap.bitmapOfRange(0, arena.maxDocExclusive()),
        (doc, segment, offset) -> {
          java.util.List<Byte> slot = new java.util.ArrayList<>();
          for (byte b : segment.asSlice(offset, bytes).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)) {
            slot.add(b);
          }
          out.put(doc, slot);
        });
    return out;
  }
}
