package io.venndb.index.hnsw;

import io.venndb.error.CorruptionException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian input for {@link GraphFile} that checksums every byte it hands out (in
 * bulk, when the buffer is refilled) and turns short reads into {@link CorruptionException}s
 * naming the file.
 */
final class GraphFileInput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long length;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  /** Start of the handed-out bytes in the buffer that are not yet in the checksum. */
  private int unsummed;

  GraphFileInput(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.length = channel.size();
    buffer.limit(0);
  }

  long length() {
    return length;
  }

  CorruptionException corrupt(String problem) {
    return new CorruptionException(file, problem);
  }

  int nextInt() throws IOException {
    fill(Integer.BYTES);
    return buffer.getInt();
  }

  long nextLong() throws IOException {
    fill(Long.BYTES);
    return buffer.getLong();
  }

  byte[] nextBytes(int count) throws IOException {
    fill(count);
    byte[] bytes = new byte[count];
    buffer.get(bytes);
    return bytes;
  }

  /** Compares the stored checksum with the computed one and requires the file to end there. */
  void verifyChecksumAndEnd() throws IOException {
    sum();
    int computed = (int) crc.getValue();
    fill(Integer.BYTES);
    int stored = buffer.getInt();
    if (stored != computed) {
      throw corrupt(String.format("checksum mismatch: stored %08x, computed %08x", stored, computed));
    }
    if (buffer.hasRemaining() || channel.position() != length) {
      throw corrupt("trailing bytes after the checksum; file is " + length + " bytes");
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void fill(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    sum();
    buffer.compact();
    while (buffer.position() < bytes) {
      if (channel.read(buffer) < 0) {
        throw corrupt("truncated: file ends at byte " + length);
      }
    }
    buffer.flip();
    unsummed = 0;
  }

  private void sum() {
    crc.update(buffer.duplicate().position(unsummed).limit(buffer.position()));
    unsummed = buffer.position();
  }
}
