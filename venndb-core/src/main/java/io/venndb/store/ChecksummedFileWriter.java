package io.venndb.store;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian output that checksums (CRC32C) everything it writes and ends with that
 * checksum: the writing half of every self-describing file VennDB keeps (vector arenas, HNSW
 * graphs). Callers write to a temp file and rename it once {@link #finish} has forced it to disk.
 */
public final class ChecksummedFileWriter implements Closeable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final MemorySegment bufferSegment;
  private final CRC32C crc = new CRC32C();

  /** {@code largestPut}: the largest single {@link #put} the caller will make, in bytes. */
  public ChecksummedFileWriter(Path file, long largestPut) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    buffer = ByteBuffer.allocateDirect((int) Math.max(BUFFER_BYTES, largestPut))
        .order(ByteOrder.LITTLE_ENDIAN);
    bufferSegment = MemorySegment.ofBuffer(buffer);
  }

  public void putInt(int value) throws IOException {
    room(Integer.BYTES);
    buffer.putInt(value);
  }

  public void putLong(long value) throws IOException {
    room(Long.BYTES);
    buffer.putLong(value);
  }

  public void putBytes(byte[] bytes) throws IOException {
    put(MemorySegment.ofArray(bytes), 0, bytes.length);
  }

  /** Copies one field or vector; the constructor sized the buffer for the largest. */
  public void put(MemorySegment source, long offset, long length) throws IOException {
    assert length <= buffer.capacity() : length + " bytes exceed the " + buffer.capacity() + " buffer";
    room(length);
    MemorySegment.copy(source, offset, bufferSegment, buffer.position(), length);
    buffer.position(buffer.position() + (int) length);
  }

  /** Writes the checksum of everything so far (not itself checksummed) and forces to disk. */
  public void finish() throws IOException {
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

  private void room(long bytes) throws IOException {
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
