package io.venndb.index.hnsw;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Buffered little-endian output that checksums everything it writes, for {@link GraphFile}. */
final class GraphFileOutput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

  GraphFileOutput(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  void putInt(int value) throws IOException {
    room(Integer.BYTES);
    buffer.putInt(value);
  }

  void putLong(long value) throws IOException {
    room(Long.BYTES);
    buffer.putLong(value);
  }

  void putBytes(byte[] bytes) throws IOException {
    room(bytes.length);
    buffer.put(bytes);
  }

  /** Appends the checksum of everything written so far and forces the file to disk. */
  void finish() throws IOException {
    flush();
    buffer.putInt((int) crc.getValue());
    buffer.flip();
    writeAll();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.duplicate());
    writeAll();
  }

  private void writeAll() throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }
}
