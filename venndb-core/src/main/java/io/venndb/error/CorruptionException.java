package io.venndb.error;

import java.nio.file.Path;

/** A file or record that failed its magic, version, length or checksum test. Names the file. */
public final class CorruptionException extends RuntimeException implements VennDbError {
  private final String resource;

  public CorruptionException(Path file, String problem) {
    this(String.valueOf(file), problem, null);
  }

  public CorruptionException(String resource, String problem, Throwable cause) {
    super("CORRUPTION: " + resource + ": " + problem, cause);
    this.resource = resource;
  }

  /** The file or record that is corrupt. */
  public String resource() {
    return resource;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CORRUPTION;
  }
}
