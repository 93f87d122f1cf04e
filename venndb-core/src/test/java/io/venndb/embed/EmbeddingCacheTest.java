package io.venndb.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.InvalidInputException;
import io.venndb.testing.TestSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSeed.class)
class EmbeddingCacheTest {
  private static final List<String> PACKAGES =
      List.of(
          "text editor for the terminal",
          "network time protocol daemon",
          "",
          "library for reading and writing compressed archives");

  @TempDir Path dir;

  @Test
  void secondCallReadsTheFileInsteadOfEmbedding() {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    CountingEmbedder counting = new CountingEmbedder(TestModels.miniLm());

    float[][] computed = cache.getOrCompute("packages", PACKAGES, counting);
    float[][] cached = cache.getOrCompute("packages", PACKAGES, counting);

    assertThat(counting.textsEmbedded()).isEqualTo(PACKAGES.size());
    assertThat(cached).isDeepEqualTo(computed);
    assertThat(computed[1]).isEqualTo(TestModels.miniLm().embed(PACKAGES.get(1)));
    assertThat(singleFile()).isEqualTo(cache.fileFor("packages", header(counting, PACKAGES)));
  }

  @Test
  void largeListIsComputedInChunksWithProgressAndReadBackExactly() {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    CountingEmbedder counting = new CountingEmbedder(new HashEmbedder(384));
    List<String> texts = numbered(EmbeddingCache.CHUNK_TEXTS + 904);
    List<long[]> reports = new ArrayList<>();

    float[][] computed =
        cache.getOrCompute(
            "big", texts, counting, (done, total) -> reports.add(new long[] {done, total}));
    float[][] cached = cache.getOrCompute("big", texts, counting, ProgressListener.none());

    assertThat(reports)
        .containsExactly(new long[] {0, 5000}, new long[] {4096, 5000}, new long[] {5000, 5000});
    assertThat(counting.textsEmbedded()).isEqualTo(5000);
    assertThat(cached).isDeepEqualTo(computed);
  }

  @Test
  void cacheHitReportsCompletion() {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    Embedder embedder = new HashEmbedder(8);
    cache.getOrCompute("hit", PACKAGES, embedder);
    List<String> reports = new ArrayList<>();

    cache.getOrCompute("hit", PACKAGES, embedder, (done, total) -> reports.add(done + "/" + total));

    assertThat(reports).containsExactly("4/4");
  }

  @Test
  void flippedByteAnywhereIsDetectedAndRecomputed() throws IOException {
    SplittableRandom random = TestSeed.random("flipped byte");
    for (int trial = 0; trial < 20; trial++) {
      assertDamageIsRepaired(
          bytes -> {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            return bytes;
          });
    }
  }

  @Test
  void truncationAnywhereIsDetectedAndRecomputed() throws IOException {
    SplittableRandom random = TestSeed.random("truncation");
    for (int trial = 0; trial < 20; trial++) {
      assertDamageIsRepaired(bytes -> Arrays.copyOf(bytes, random.nextInt(bytes.length)));
    }
  }

  @Test
  void wrongMagicIsDetectedAndRecomputed() throws IOException {
    assertDamageIsRepaired(
        bytes -> {
          bytes[0] = 'X';
          return bytes;
        });
  }

  @Test
  void wrongVersionIsDetectedAndRecomputed() throws IOException {
    assertDamageIsRepaired(
        bytes -> {
          bytes[VectorFileHeader.MAGIC.length] = 9;
          return bytes;
        });
  }

  @Test
  void appendedBytesAreDetectedAndRecomputed() throws IOException {
    assertDamageIsRepaired(bytes -> Arrays.copyOf(bytes, bytes.length + 1));
  }

  @Test
  void changingOneTextChangesTheKeyAndRecomputes() {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    CountingEmbedder counting = new CountingEmbedder(new HashEmbedder(16));
    List<String> changed = new ArrayList<>(PACKAGES);
    changed.set(2, "a changed description");

    cache.getOrCompute("set", PACKAGES, counting);
    cache.getOrCompute("set", changed, counting);

    assertThat(counting.textsEmbedded()).isEqualTo(2 * PACKAGES.size());
    assertThat(CacheKey.of("m", PACKAGES)).isNotEqualTo(CacheKey.of("m", changed));
  }

  @Test
  void keyCoversModelOrderSubsetAndTextBoundaries() {
    CacheKey key = CacheKey.of("m", List.of("ab", "c"));

    assertThat(CacheKey.of("m", List.of("ab", "c"))).isEqualTo(key);
    assertThat(CacheKey.of("other", List.of("ab", "c"))).isNotEqualTo(key);
    assertThat(CacheKey.of("m", List.of("c", "ab"))).isNotEqualTo(key);
    assertThat(CacheKey.of("m", List.of("ab"))).isNotEqualTo(key);
    assertThat(CacheKey.of("m", List.of("a", "bc"))).isNotEqualTo(key);
  }

  @Test
  void badArgumentsAreInvalidInput() {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    Embedder embedder = new HashEmbedder(4);

    assertThatThrownBy(() -> cache.getOrCompute("../escape", PACKAGES, embedder))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> cache.getOrCompute("ok", Arrays.asList("a", null), embedder))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void defaultLocationFollowsTheSystemProperty() {
    String previous = System.getProperty(CacheLocation.PROPERTY);
    System.setProperty(CacheLocation.PROPERTY, dir.toString());
    try {
      assertThat(EmbeddingCache.atDefaultLocation().directory())
          .isEqualTo(dir.resolve("embeddings"));
    } finally {
      restore(previous);
    }
  }

  /** Damages the one cache file, then expects a warning naming it, a recompute and a good file. */
  private void assertDamageIsRepaired(Damage damage) throws IOException {
    EmbeddingCache cache = EmbeddingCache.at(dir);
    CountingEmbedder counting = new CountingEmbedder(new HashEmbedder(32));
    float[][] original = cache.getOrCompute("damaged", PACKAGES, counting);
    int embeddedBefore = counting.textsEmbedded();
    Path file = singleFile();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, damage.apply(bytes.clone()));

    try (LogCapture log = new LogCapture(EmbeddingCache.class)) {
      float[][] recomputed = cache.getOrCompute("damaged", PACKAGES, counting);

      assertThat(recomputed).isDeepEqualTo(original);
      assertThat(counting.textsEmbedded() - embeddedBefore)
          .as("texts recomputed")
          .isEqualTo(PACKAGES.size());
      assertThat(log.warnings()).singleElement().asString().contains(file.toString());
    }
    assertThat(Files.readAllBytes(file)).as("file rewritten").isEqualTo(bytes);
  }

  private static VectorFileHeader header(Embedder embedder, List<String> texts) {
    return new VectorFileHeader(
        embedder.modelId(),
        embedder.dimension(),
        texts.size(),
        CacheKey.of(embedder.modelId(), texts));
  }

  private Path singleFile() {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).as("files in the cache directory").hasSize(1);
      return all.getFirst();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> numbered(int count) {
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add("package number " + i);
    }
    return texts;
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(CacheLocation.PROPERTY);
    } else {
      System.setProperty(CacheLocation.PROPERTY, previous);
    }
  }

  @FunctionalInterface
  private interface Damage {
    byte[] apply(byte[] bytes);
  }
}
