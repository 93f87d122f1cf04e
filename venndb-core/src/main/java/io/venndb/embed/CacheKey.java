package io.venndb.embed;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a model id and every input text in order. Any change to the model, a text, the order
 * or the subset gives a new key, so cached vectors are never reused for different inputs.
 */
record CacheKey(byte[] bytes) {
  static final int LENGTH = 32;

  CacheKey {
    assert bytes.length == LENGTH : "SHA-256 has 32 bytes, got " + bytes.length;
  }

  static CacheKey of(String modelId, List<String> texts) {
    MessageDigest digest = newDigest();
    update(digest, modelId);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, texts.size()));
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "text #" + i + " is null");
      }
      update(digest, text);
    }
    return new CacheKey(digest.digest());
  }

  /** Length-prefixed, so ["ab", "c"] and ["a", "bc"] hash differently. */
  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, bytes.length));
    digest.update(bytes);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK ships SHA-256", e);
    }
  }

  /** The first {@code chars} hex digits, enough to tell cache files apart by name. */
  String hexPrefix(int chars) {
    return HexFormat.of().formatHex(bytes).substring(0, chars);
  }

  boolean matches(byte[] other) {
    return MessageDigest.isEqual(bytes, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheKey other && matches(other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "CacheKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
