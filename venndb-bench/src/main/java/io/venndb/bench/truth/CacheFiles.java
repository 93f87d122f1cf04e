package io.venndb.bench.truth;

import io.venndb.embed.EmbeddingCache;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Self-describing cache files for ground truth and query profiles: magic, format version, the
 * 64-bit key of what was computed, the body, and a CRC-32 of everything before it. A file that
 * does not match in every respect is ignored (and recomputed), never trusted. Files live in
 * {@code bench/} beside the embedding cache, outside the repository.
 */
public final class CacheFiles {
  private static final int MAGIC = 0x56424348; // "VBCH"
  private static final int VERSION = 1;
  private static final System.Logger LOG = System.getLogger(CacheFiles.class.getName());

  /** Writes the body. */
  public interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads the body. */
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private final Path directory;

  public CacheFiles(Path directory) {
    this.directory = directory;
  }

  public static CacheFiles atDefaultLocation() {
    return new CacheFiles(EmbeddingCache.atDefaultLocation().directory().getParent().resolve("bench"));
  }

  public Path directory() {
    return directory;
  }

  public Path file(String kind, long key) {
    return directory.resolve(kind + "-" + Long.toHexString(key) + ".bin");
  }

  /** The cached value, or null when absent or unusable (the reason is logged). */
  public <T> T read(String kind, long key, Reader<T> reader) {
    Path file = file(kind, key);
    CRC32 crc = new CRC32();
    try (DataInputStream in = new DataInputStream(new CheckedInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != key) {
        LOG.log(System.Logger.Level.WARNING, "ignoring {0}: wrong magic, version or key", file);
        return null;
      }
      T value = reader.read(in);
      long computed = crc.getValue();
      long stored = Integer.toUnsignedLong(in.readInt());
      if (stored != computed) {
        LOG.log(System.Logger.Level.WARNING, "ignoring {0}: checksum mismatch", file);
        return null;
      }
      return value;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring unreadable cache file " + file + ": " + e);
      return null;
    }
  }

  /** Writes atomically (temp file, then rename); failure is a warning, the value is still used. */
  public void write(String kind, long key, Writer writer) {
    Path file = file(kind, key);
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, kind, ".tmp");
      CRC32 crc = new CRC32();
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        DataOutputStream body = new DataOutputStream(new CheckedOutputStream(out, crc));
        body.writeInt(MAGIC);
        body.writeInt(VERSION);
        body.writeLong(key);
        writer.write(body);
        body.flush();
        out.writeInt((int) crc.getValue());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write cache file " + file + "; continuing without it", e);
    }
  }
}
