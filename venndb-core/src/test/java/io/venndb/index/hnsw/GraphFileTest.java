package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.RoaringBitmap;

/** Save and load: identical answers after a round trip, and every kind of damage detected. */
@ExtendWith(TestSeed.class)
class GraphFileTest {
  private static final int N = 2000, DIMENSION = 16;
  private static final HnswConfig CONFIG = HnswConfig.defaults();
  private static VectorArena arena;
  private static HnswIndex index;

  @TempDir Path dir;

  @BeforeAll
  static void build() {
    arena = HnswFixtures.randomArena(Metric.L2, TestSeed.random("file.data"), N, DIMENSION);
    index = HnswFixtures.build(arena, Metric.L2, CONFIG, 2);
  }

  @AfterAll
  static void close() {
    arena.close();
  }

  @Test
  void aReopenedGraphAnswersExactlyAsTheSavedOne() throws IOException {
    Path file = dir.resolve("graph.hnsw");
    index.save(file);
    index.save(file); // overwriting an existing file is the normal checkpoint
    HnswIndex loaded = HnswIndex.load(file, arena, Metric.L2, CONFIG);
    DeterminismTest.assertSameGraph(index.graph(), loaded.graph());
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("graph.hnsw");

    SplittableRandom random = TestSeed.random("file.queries");
    RoaringBitmap live = FilteredSearchTest.sample(random, N, 0.9);
    HnswSearcher before = index.newSearcher(), after = loaded.newSearcher();
    for (int q = 0; q < 30; q++) {
      float[] query = HnswFixtures.randomVector(random, DIMENSION);
      assertThat(after.search(query, 10, live).sameRows(before.search(query, 10, live))).isTrue();
      assertThat(after.topK(query, 10, live, d -> d % 4 == 1, CursorOptions.defaults())
          .sameRows(before.topK(query, 10, live, d -> d % 4 == 1, CursorOptions.defaults()))).isTrue();
      assertThat(after.range(query, 2.5f, live, CursorOptions.defaults())
          .sameRows(before.range(query, 2.5f, live, CursorOptions.defaults()))).isTrue();
    }
  }

  @Test
  void anEmptyGraphRoundTrips() throws IOException {
    Path file = dir.resolve("empty.hnsw");
    HnswIndex.create(arena, Metric.L2, CONFIG).save(file);
    HnswIndex loaded = HnswIndex.load(file, arena, Metric.L2, CONFIG);
    assertThat(loaded.size()).isZero();
    assertThat(loaded.maxLevel()).isEqualTo(-1);
  }

  /** Header fields, the levels, the links and the checksum itself: one flipped byte each. */
  @ParameterizedTest
  @ValueSource(ints = {0, 7, 8, 12, 16, 20, 24, 28, 35, 36, 40, 44, 48, 52, 3000, -30, -5, -1})
  void aFlippedByteIsDetected(int offset) throws IOException {
    Path file = saved("flip.hnsw");
    byte[] bytes = Files.readAllBytes(file);
    int at = offset >= 0 ? offset : bytes.length + offset;
    bytes[at] ^= 0x10;
    Files.write(file, bytes);
    assertCorrupt(file, CONFIG);
  }

  @Test
  void randomFlippedBytesAreDetected() throws IOException {
    SplittableRandom random = TestSeed.random("file.flips");
    Path file = saved("random.hnsw");
    byte[] original = Files.readAllBytes(file);
    for (int round = 0; round < 25; round++) {
      byte[] bytes = original.clone();
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      Files.write(file, bytes);
      assertCorrupt(file, CONFIG);
    }
  }

  @Test
  void truncationAndTrailingBytesAreDetected() throws IOException {
    Path file = saved("cut.hnsw");
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 5, 47, 48, bytes.length / 2, bytes.length - 1}) {
      Files.write(file, Arrays.copyOf(bytes, length));
      assertCorrupt(file, CONFIG);
    }
    Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
    assertCorrupt(file, CONFIG);
  }

  @Test
  void wrongMagicVersionOrParametersAreDetected() throws IOException {
    Path file = saved("params.hnsw");
    byte[] bytes = Files.readAllBytes(file);
    byte[] magic = bytes.clone();
    System.arraycopy("VNDBVECS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, magic, 0, 8);
    Files.write(file, magic);
    assertThatThrownBy(() -> HnswIndex.load(file, arena, Metric.L2, CONFIG)).hasMessageContaining("magic");
    byte[] version = bytes.clone();
    version[8] = 2;
    Files.write(file, version);
    assertThatThrownBy(() -> HnswIndex.load(file, arena, Metric.L2, CONFIG)).hasMessageContaining("version 2");

    Files.write(file, bytes);
    assertCorrupt(file, new HnswConfig(12, CONFIG.efConstruction(), CONFIG.efSearch(), CONFIG.seed()));
    assertCorrupt(file, new HnswConfig(CONFIG.m(), 50, CONFIG.efSearch(), CONFIG.seed()));
    assertCorrupt(file, new HnswConfig(CONFIG.m(), CONFIG.efConstruction(), CONFIG.efSearch(), 1));
    assertThatThrownBy(() -> HnswIndex.load(file, arena, Metric.COSINE, CONFIG)).hasMessageContaining("metric");
    assertThat(HnswIndex.load(file, arena, Metric.L2, CONFIG.withEfSearch(7)).size()).isEqualTo(N);
  }

  @Test
  void aGraphNamingDocsWithoutVectorsIsRejected() throws IOException {
    Path file = saved("arena.hnsw");
    try (VectorArena smaller = HnswFixtures.randomArena(Metric.L2, TestSeed.random("file.small"), N / 2, DIMENSION);
        VectorArena otherDimension = new VectorArena(DIMENSION + 1)) {
      assertThatThrownBy(() -> HnswIndex.load(file, smaller, Metric.L2, CONFIG)).hasMessageContaining("no vector");
      assertThatThrownBy(() -> HnswIndex.load(file, otherDimension, Metric.L2, CONFIG))
          .hasMessageContaining("dimension");
    }
  }

  private Path saved(String name) throws IOException {
    Path file = dir.resolve(name);
    index.save(file);
    return file;
  }

  private static void assertCorrupt(Path file, HnswConfig config) {
    assertThatThrownBy(() -> HnswIndex.load(file, arena, Metric.L2, config))
        .isInstanceOfSatisfying(CorruptionException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION);
          assertThat(e.resource()).isEqualTo(file.toString());
        });
  }
}
