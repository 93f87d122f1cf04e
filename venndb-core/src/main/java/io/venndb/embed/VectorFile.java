package io.venndb.embed;

import io.venndb.error.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A file of equal-length float vectors, streamed in 1 MiB chunks so that writing or reading 828k x
 * 384 floats needs no memory beyond the {@code float[][]} itself.
 *
 * <pre>
 * offset     size         field (little-endian)
 * 0          8            magic "VENNVECS"
 * 8          4            format version (1)
 * 12         2            model id length n, unsigned
 * 14         n            model id, UTF-8
 * 14+n       4            dimension d
 * 18+n       8            count c
 * 26+n       32           key: SHA-256 of model id and texts ({@link CacheKey})
 * 58+n       4*d*c        vectors, row after row, float32
 * end-4      4            CRC32C of every byte before it
 * </pre>
 *
 * Written to a temporary file in the same directory, forced to disk and atomically renamed, so a
 * reader sees either the old file, the new one or none; never a partial one.
 */
final class VectorFile {
  private static final int CHUNK_BYTES = 1 << 20;

  private VectorFile() {}

  static void write(Path target, VectorFileHeader header, float[][] vectors) throws IOException {
    assert vectors.length == header.count() : vectors.length + " vectors for " + header;
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        CRC32C crc = new CRC32C();
        writeChecked(channel, header.encode(), crc);
        writeVectors(channel, header.dimension(), vectors, crc);
        ByteBuffer trailer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        writeFully(channel, trailer.putInt(0, (int) crc.getValue()));
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeVectors(
      FileChannel channel, int dimension, float[][] vectors, CRC32C crc) throws IOException {
    ByteBuffer chunk = chunkFor(dimension);
    FloatBuffer floats = chunk.asFloatBuffer();
    for (float[] vector : vectors) {
      assert vector.length == dimension
          : "vector of " + vector.length + " in a " + dimension + "-d file";
      if (floats.remaining() < dimension) {
        writeChecked(channel, chunk.limit(floats.position() * Float.BYTES).position(0), crc);
        floats.clear();
      }
      floats.put(vector);
    }
    writeChecked(channel, chunk.limit(floats.position() * Float.BYTES).position(0), crc);
  }

  /**
   * The vectors of {@code file}, which must match {@code expected} exactly.
   *
   * @throws CorruptionException naming the file when magic, version, header, length or checksum is
   *     wrong
   */
  static float[][] read(Path file, VectorFileHeader expected) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      CRC32C crc = new CRC32C();
      readHeader(channel, file, expected, crc);
      if (channel.size() != expected.fileSize()) {
        throw new CorruptionException(
            file, "length " + channel.size() + " bytes, expected " + expected.fileSize());
      }
      float[][] vectors = readVectors(channel, file, expected, crc);
      ByteBuffer trailer = readFully(channel, file, Integer.BYTES);
      int stored = trailer.order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (stored != (int) crc.getValue()) {
        throw new CorruptionException(file, "checksum mismatch");
      }
      return vectors;
    }
  }

  private static void readHeader(
      FileChannel channel, Path file, VectorFileHeader expected, CRC32C crc) throws IOException {
    ByteBuffer prefix = readFully(channel, file, VectorFileHeader.PREFIX_BYTES);
    crc.update(prefix.duplicate());
    int restBytes =
        VectorFileHeader.remainingAfterPrefix(prefix.order(ByteOrder.LITTLE_ENDIAN), file);
    ByteBuffer rest = readFully(channel, file, restBytes);
    crc.update(rest.duplicate());
    expected.requireSame(rest.order(ByteOrder.LITTLE_ENDIAN), file);
  }

  private static float[][] readVectors(
      FileChannel channel, Path file, VectorFileHeader header, CRC32C crc) throws IOException {
    int dimension = header.dimension();
    float[][] vectors = new float[header.count()][];
    ByteBuffer chunk = chunkFor(dimension);
    int rowsPerChunk = chunk.capacity() / (dimension * Float.BYTES);
    for (int from = 0; from < vectors.length; from += rowsPerChunk) {
      int rows = Math.min(rowsPerChunk, vectors.length - from);
      chunk.clear().limit(rows * dimension * Float.BYTES);
      fill(channel, file, chunk);
      crc.update(chunk.flip());
      FloatBuffer floats = chunk.rewind().asFloatBuffer();
      for (int row = from; row < from + rows; row++) {
        vectors[row] = new float[dimension];
        floats.get(vectors[row]);
      }
    }
    return vectors;
  }

  /** Whole rows only, so a vector never straddles two chunks. */
  private static ByteBuffer chunkFor(int dimension) {
    int rowBytes = dimension * Float.BYTES;
    int rows = Math.max(1, CHUNK_BYTES / rowBytes);
    return ByteBuffer.allocate(rows * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer readFully(FileChannel channel, Path file, int bytes)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(bytes);
    fill(channel, file, buffer);
    return buffer.flip();
  }

  private static void fill(FileChannel channel, Path file, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new CorruptionException(file, "truncated at byte " + channel.position());
      }
    }
  }

  private static void writeChecked(FileChannel channel, ByteBuffer bytes, CRC32C crc)
      throws IOException {
    crc.update(bytes.duplicate());
    writeFully(channel, bytes);
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
