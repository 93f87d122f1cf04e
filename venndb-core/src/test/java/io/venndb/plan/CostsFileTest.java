package io.venndb.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.CorruptionException;
import io.venndb.testing.TestSeed;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stored unit costs: a round trip, and every kind of damage named as corruption. */
@ExtendWith(TestSeed.class)
class CostsFileTest {
  static final CalibratedCosts SAMPLE =
      new CalibratedCosts(new UnitCosts(87.5, 240.25, 1.5, 3100, 6.75, 30.5, 7.25), 828_266, "amd64|EPYC|2 cpus|25.0.3");

  @TempDir Path dir;

  @Test
  void roundTripsEveryField() throws Exception {
    Path file = dir.resolve("stats").resolve("7-costs.bin");
    CostsFile.write(file, SAMPLE);
    assertThat(CostsFile.read(file)).contains(SAMPLE);
    assertThat(file.resolveSibling("7-costs.bin.tmp")).doesNotExist();
  }

  @Test
  void aMissingFileIsNoCosts() throws Exception {
    assertThat(CostsFile.read(dir.resolve("absent.bin"))).isEmpty();
  }

  @Test
  void anyFlippedByteIsCorruptionNamingTheFile() throws Exception {
    Path file = dir.resolve("costs.bin");
    CostsFile.write(file, SAMPLE);
    byte[] good = Files.readAllBytes(file);
    SplittableRandom random = TestSeed.random("costs-file-flips");
    for (int trial = 0; trial < 40; trial++) {
      byte[] bad = good.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
      Files.write(file, bad);
      assertThatThrownBy(() -> CostsFile.read(file)).isInstanceOf(CorruptionException.class)
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void truncationIsCorruption() throws Exception {
    Path file = dir.resolve("costs.bin");
    CostsFile.write(file, SAMPLE);
    byte[] good = Files.readAllBytes(file);
    for (int length : new int[] {0, 7, 40, good.length - 1}) {
      Files.write(file, Arrays.copyOf(good, length));
      assertThatThrownBy(() -> CostsFile.read(file)).isInstanceOf(CorruptionException.class);
    }
  }

  @Test
  void anotherVersionIsRefusedByName() throws Exception {
    Path file = dir.resolve("costs.bin");
    CostsFile.write(file, SAMPLE);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1); // the format before sketched scans
    rechecksum(bytes);
    Files.write(file, bytes);
    assertThatThrownBy(() -> CostsFile.read(file)).isInstanceOf(CorruptionException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void implausibleFiguresWithAValidChecksumAreRefused() throws Exception {
    Path file = dir.resolve("costs.bin");
    CostsFile.write(file, new CalibratedCosts(new UnitCosts(-1, 240, 1.5, 3100, 6, 30, 5), 10, "m"));
    assertThatThrownBy(() -> CostsFile.read(file)).isInstanceOf(CorruptionException.class)
        .hasMessageContaining("implausible");
  }

  @Test
  void costsFitTheSameMachineWithinAFactorOfFourInSize() {
    CalibratedCosts c = new CalibratedCosts(UnitCosts.NOMINAL, 10_000, "m");
    assertThat(c.fits(10_000, "m")).isTrue();
    assertThat(c.fits(39_999, "m")).isTrue();
    assertThat(c.fits(40_000, "m")).isFalse();
    assertThat(c.fits(2_501, "m")).isTrue();
    assertThat(c.fits(2_500, "m")).isFalse();
    assertThat(c.fits(10_000, "another machine")).isFalse();
  }

  private static void rechecksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
  }
}
