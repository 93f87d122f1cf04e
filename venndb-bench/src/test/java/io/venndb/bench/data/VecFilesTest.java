package io.venndb.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.testing.TestSeed;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSeed.class)
class VecFilesTest {
  @TempDir
  Path dir;

  @RepeatedTest(10)
  void fvecsRoundTripIsBitExact() throws IOException {
    SplittableRandom random = TestSeed.random("fvecs");
    int n = random.nextInt(0, 50);
    int dim = new int[] {1, 13, 128, 207}[random.nextInt(4)];
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int d = 0; d < dim; d++) {
        row[d] = random.nextInt(20) == 0 ? -0.0f : (float) random.nextGaussian() * 1e3f;
      }
    }
    Path file = dir.resolve("x.fvecs");
    VecFiles.writeFloats(file, v);
    assertThat(Files.size(file)).isEqualTo((long) n * (4 + 4L * dim));
    float[][] back = VecFiles.readFloats(file, Integer.MAX_VALUE);
    assertThat(back.length).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        assertThat(Float.floatToRawIntBits(back[i][d])).isEqualTo(Float.floatToRawIntBits(v[i][d]));
      }
    }
    if (n > 3) {
      assertThat(VecFiles.readFloats(file, 3)).hasDimensions(3, dim);
    }
  }

  @Test
  void ivecsAndBvecsRoundTrip() throws IOException {
    int[][] ids = {{1, 2, 3}, {Integer.MAX_VALUE, 0, -1}};
    Path ivecs = dir.resolve("gt.ivecs");
    VecFiles.writeInts(ivecs, ids);
    assertThat(VecFiles.readInts(ivecs, 10)).isDeepEqualTo(ids);
    float[][] bytes = {{0, 1, 255}, {128, 7, 64}};
    Path bvecs = dir.resolve("b.bvecs");
    VecFiles.writeBytes(bvecs, bytes);
    assertThat(VecFiles.readFloats(bvecs, 10)).isDeepEqualTo(bytes);
  }

  @Test
  void damagedFilesAreRejectedNamingTheRecord() throws IOException {
    Path file = dir.resolve("t.fvecs");
    VecFiles.writeFloats(file, new float[][] {{1, 2}, {3, 4}});
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 1));
    assertThatThrownBy(() -> VecFiles.readFloats(file, 10)).isInstanceOf(EOFException.class)
        .hasMessageContaining("record 1");
    Path mixed = dir.resolve("m.fvecs");
    VecFiles.writeFloats(mixed, new float[][] {{1, 2}, {3, 4, 5}});
    assertThatThrownBy(() -> VecFiles.readFloats(mixed, 10)).hasMessageContaining("dimension 3");
    assertThatThrownBy(() -> VecFiles.readFloats(dir.resolve("x.txt"), 1)).hasMessageContaining(".fvecs");
  }
}
