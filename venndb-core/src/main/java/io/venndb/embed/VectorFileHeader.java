package io.venndb.embed;

import io.venndb.error.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/** The self-describing part of a {@link VectorFile}: what the vectors are and how many. */
record VectorFileHeader(String modelId, int dimension, int count, CacheKey key) {
  static final byte[] MAGIC = "VENNVECS".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** magic, version, model id length: enough to know how long the rest of the header is. */
  static final int PREFIX_BYTES = MAGIC.length + Integer.BYTES + Short.BYTES;

  private static final int MAX_MODEL_ID_BYTES = 1024;

  VectorFileHeader {
    assert dimension > 0 && count >= 0 : "dimension " + dimension + ", count " + count;
    assert modelIdBytes(modelId).length <= MAX_MODEL_ID_BYTES : "model id too long: " + modelId;
  }

  int byteSize() {
    return PREFIX_BYTES
        + modelIdBytes(modelId).length
        + Integer.BYTES
        + Long.BYTES
        + CacheKey.LENGTH;
  }

  /** Header plus float data plus the CRC32C trailer. */
  long fileSize() {
    return byteSize() + (long) count * dimension * Float.BYTES + Integer.BYTES;
  }

  ByteBuffer encode() {
    byte[] id = modelIdBytes(modelId);
    ByteBuffer buffer = ByteBuffer.allocate(byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).putInt(VERSION).putShort((short) id.length).put(id);
    buffer.putInt(dimension).putLong(count).put(key.bytes());
    return buffer.flip();
  }

  /** Checks magic and version; returns how many header bytes follow the prefix. */
  static int remainingAfterPrefix(ByteBuffer prefix, Path file) {
    byte[] magic = new byte[MAGIC.length];
    prefix.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptionException(file, "not a VennDB vector file (bad magic)");
    }
    int version = prefix.getInt();
    if (version != VERSION) {
      throw new CorruptionException(file, "format version " + version + ", expected " + VERSION);
    }
    int idLength = Short.toUnsignedInt(prefix.getShort());
    if (idLength > MAX_MODEL_ID_BYTES) {
      throw new CorruptionException(file, "model id length " + idLength + " is implausible");
    }
    return idLength + Integer.BYTES + Long.BYTES + CacheKey.LENGTH;
  }

  /** Reads the rest of the header and insists it describes exactly what the caller expects. */
  void requireSame(ByteBuffer rest, Path file) {
    byte[] id = new byte[rest.remaining() - Integer.BYTES - Long.BYTES - CacheKey.LENGTH];
    rest.get(id);
    int fileDimension = rest.getInt();
    long fileCount = rest.getLong();
    byte[] fileKey = new byte[CacheKey.LENGTH];
    rest.get(fileKey);
    String fileModel = new String(id, StandardCharsets.UTF_8);
    if (!fileModel.equals(modelId)
        || fileDimension != dimension
        || fileCount != count
        || !key.matches(fileKey)) {
      String found =
          describe(fileModel, fileCount, fileDimension, HexFormat.of().formatHex(fileKey));
      String wanted = describe(modelId, count, dimension, HexFormat.of().formatHex(key.bytes()));
      throw new CorruptionException(file, "header says " + found + "; expected " + wanted);
    }
  }

  private static String describe(String model, long rows, int columns, String keyHex) {
    return "%s, %d x %d, key %s".formatted(model, rows, columns, keyHex.substring(0, 16));
  }

  private static byte[] modelIdBytes(String modelId) {
    return modelId.getBytes(StandardCharsets.UTF_8);
  }
}
