package io.venndb.plan;

import io.venndb.error.CorruptionException;
import io.venndb.store.ChecksummedFileWriter;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk form of {@link CalibratedCosts}, one small file per collection. Little-endian.
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "VNDBCOST"
 * 8       4     format version (3)
 * 12      56    distance, graph distance, bitmap per doc, row fetch, test, sketched scan, bit scan:
 *               float64 nanoseconds
 * 68      8     live rows when measured
 * 76      4     machine description length m
 * 80      m     machine description, UTF-8
 * 80+m    4     CRC32C of every byte before it
 * </pre>
 *
 * The file is a cache of a measurement, so a caller that finds it corrupt measures again; reading
 * still names the file and the problem, as every VennDB format does.
 */
final class CostsFile {
  static final byte[] MAGIC = "VNDBCOST".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 3;
  private static final int FIXED_BYTES = 8 + 4 + 7 * 8 + 8 + 4;
  /** Far above any real machine description; keeps a corrupt length from allocating much. */
  private static final int MAX_MACHINE_BYTES = 4096;

  private CostsFile() {}

  /** Writes atomically: a temp file forced to disk, then renamed over {@code file}. */
  static void write(Path file, CalibratedCosts calibrated) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] machine = calibrated.machine().getBytes(StandardCharsets.UTF_8);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (ChecksummedFileWriter out = new ChecksummedFileWriter(temp, machine.length)) {
      out.putBytes(MAGIC);
      out.putInt(VERSION);
      UnitCosts c = calibrated.costs();
      for (double v : figures(c)) {
        out.putLong(Double.doubleToLongBits(v));
      }
      out.putLong(calibrated.liveRows());
      out.putInt(machine.length);
      out.putBytes(machine);
      out.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The stored costs; empty when there is no file; {@link CorruptionException} when it does not check out. */
  static Optional<CalibratedCosts> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < FIXED_BYTES + 4) {
      throw new CorruptionException(file, "truncated: " + bytes.length + " bytes, a costs file has at least "
          + (FIXED_BYTES + 4));
    }
    verifyChecksum(file, bytes);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4).order(ByteOrder.LITTLE_ENDIAN);
    try {
      return Optional.of(parse(file, in));
    } catch (BufferUnderflowException e) {
      throw new CorruptionException(file, "truncated inside its fields");
    }
  }

  private static void verifyChecksum(Path file, byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new CorruptionException(file,
          String.format("checksum mismatch: stored %08x, computed %08x", stored, (int) crc.getValue()));
    }
  }

  private static CalibratedCosts parse(Path file, ByteBuffer in) {
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptionException(file, "not a VennDB costs file (bad magic)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new CorruptionException(file, "unsupported costs file version " + version + " (expected " + VERSION + ")");
    }
    UnitCosts costs =
        new UnitCosts(in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
            in.getDouble());
    long liveRows = in.getLong();
    int length = in.getInt();
    if (length < 0 || length > MAX_MACHINE_BYTES || length != in.remaining()) {
      throw new CorruptionException(file, "machine description of " + length + " bytes does not fit the file");
    }
    byte[] machine = new byte[length];
    in.get(machine);
    if (liveRows < 0 || !plausible(costs)) {
      throw new CorruptionException(file, "implausible figures: " + costs + ", " + liveRows + " rows");
    }
    return new CalibratedCosts(costs, liveRows, new String(machine, StandardCharsets.UTF_8));
  }

  private static double[] figures(UnitCosts c) {
    return new double[] {c.distanceNs(), c.graphDistanceNs(), c.bitmapNsPerDoc(), c.rowFetchNs(), c.testNs(),
        c.sketchScanNs(), c.bitScanNs()};
  }

  private static boolean plausible(UnitCosts c) {
    for (double v : figures(c)) {
      if (!(v > 0 && v < 1e9)) {
        return false;
      }
    }
    return true;
  }
}
