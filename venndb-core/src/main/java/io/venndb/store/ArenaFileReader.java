package io.venndb.store;

import io.venndb.error.CorruptionException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian input for {@link ArenaFile} that checksums every byte it hands out and
 * turns short reads into {@link CorruptionException}s naming the file.
 */
final class ArenaFileReader implements Closeable {
  private static final int BUFFER_BYTES = 1 << 20;
  private static final ValueLayout.OfInt INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final FileChannel channel;
  private final long length;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  ArenaFileReader(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.length = channel.size();
    buffer.limit(0);
  }

  CorruptionException corrupt(String problem) {
    return new CorruptionException(file, problem);
  }

  /** Fails unless the file is exactly {@code expected} bytes long. */
  void requireLength(long expected) {
    if (length != expected) {
      throw corrupt((length < expected ? "truncated" : "trailing bytes") + ": file is " + length
          + " bytes but its header describes " + expected);
    }
  }

  int nextInt() throws IOException {
    return next(Integer.BYTES).get(INT, 0);
  }

  long nextLong() throws IOException {
    return next(Long.BYTES).get(LONG, 0);
  }

  /** The next {@code bytes} bytes as a view that is valid until the next call. */
  MemorySegment next(long bytes) throws IOException {
    fill((int) bytes);
    ByteBuffer view = buffer.slice(buffer.position(), (int) bytes);
    crc.update(view.duplicate());
    buffer.position(buffer.position() + (int) bytes);
    return MemorySegment.ofBuffer(view);
  }

  /** Reads the stored checksum and compares it with the checksum of everything read before it. */
  void verifyChecksum() throws IOException {
    int computed = (int) crc.getValue();
    fill(Integer.BYTES);
    int stored = buffer.getInt();
    if (stored != computed) {
      throw corrupt(String.format("checksum mismatch: stored %08x, computed %08x", stored, computed));
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Makes at least {@code bytes} bytes readable, growing the buffer for a vector larger than it. */
  private void fill(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    if (bytes > buffer.capacity()) {
      buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN).put(buffer);
    } else {
      buffer.compact();
    }
    while (buffer.position() < bytes) {
      if (channel.read(buffer) < 0) {
        throw corrupt("truncated: file ends at byte " + channel.position());
      }
    }
    buffer.flip();
  }
}
