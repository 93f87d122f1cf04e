package io.venndb.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.error.StorageException;
import io.venndb.error.VennDbError;
import io.venndb.testing.TestSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class MiniLmEmbedderTest {
  /** Each text runs alone, so batching may not move a vector by more than rounding. */
  private static final float TOLERANCE = 1e-5f;

  private final Embedder embedder = TestModels.miniLm();

  @Test
  void vectorsHave384UnitLengthFiniteComponents() {
    float[][] vectors = embedder.embed(List.of("a text editor", "", "   ", "ünïcødé — ✓ 日本語"));

    assertThat(embedder.dimension()).isEqualTo(384);
    assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2-q");
    for (float[] vector : vectors) {
      assertThat(vector).hasSize(384);
      assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
      for (float component : vector) {
        assertThat(Float.isFinite(component)).isTrue();
      }
    }
  }

  @Test
  void batchEqualsOneTextAtATime() {
    List<String> texts =
        List.of(
            "GNU Emacs editor",
            "utilities for manipulating network time protocol settings on a system",
            "x",
            "",
            "library for reading and writing compressed archives in several formats");

    float[][] batch = embedder.embed(texts);

    for (int i = 0; i < texts.size(); i++) {
      assertClose(batch[i], embedder.embed(texts.get(i)));
    }
  }

  @Test
  void orderIsPreservedAcrossBatchesOfMixedLength() {
    SplittableRandom random = TestSeed.random("mixed lengths");
    List<String> texts = SampleTexts.descriptions(random, 100, 40);

    float[][] batch = embedder.embed(texts);

    for (int i = 0; i < texts.size(); i++) {
      assertClose(batch[i], embedder.embed(texts.get(i)));
    }
  }

  @Test
  void similarMeaningsAreCloser() {
    float[] editor = embedder.embed("text editor for the terminal");
    float[] console = embedder.embed("console-based editor for programmers");
    float[] ntp = embedder.embed("network time protocol daemon");

    assertThat(dot(editor, console)).isGreaterThan(dot(editor, ntp) + 0.1f);
  }

  @Test
  void textBeyondTheTokenLimitIsTruncated() {
    String longText = SampleTexts.words(TestSeed.random("long text"), 800);
    assertThat(longText.length()).isGreaterThan(5_000);

    float[] vector = embedder.embed(longText);

    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    // Words past the 256th token cannot change the vector.
    assertClose(vector, embedder.embed(longText + " kernel module for graphics"));
  }

  @Test
  void nullTextIsInvalidInput() {
    assertInvalid(() -> embedder.embed((String) null));
    assertInvalid(() -> embedder.embed(Arrays.asList("fine", null)));
    assertInvalid(() -> embedder.embed((List<String>) null));
  }

  @Test
  void emptyListGivesNoVectors() {
    assertThat(embedder.embed(Collections.emptyList())).isEmpty();
  }

  @Test
  void concurrentCallsGiveTheSameVectors() throws Exception {
    List<String> texts = SampleTexts.descriptions(TestSeed.random("concurrent"), 40, 20);
    float[][] expected = embedder.embed(texts);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<float[][]>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> embedder.embed(texts)));
      }
      for (Future<float[][]> result : results) {
        float[][] actual = result.get();
        for (int i = 0; i < texts.size(); i++) {
          assertClose(actual[i], expected[i]);
        }
      }
    }
  }

  @Test
  void useAfterCloseIsAClosedError() {
    Embedder own = Embedders.builtIn();
    own.close();
    own.close();

    assertThatThrownBy(() -> own.embed("late"))
        .isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(((VennDbError) e).code()).isEqualTo(ErrorCode.CLOSED));
  }

  private static void assertInvalid(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((VennDbError) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).containsExactly(expected, within(TOLERANCE));
  }

  static double norm(float[] vector) {
    return Math.sqrt(dot(vector, vector));
  }

  static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
