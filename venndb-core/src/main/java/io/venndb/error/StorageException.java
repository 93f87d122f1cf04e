package io.venndb.error;

/** The storage engine or the file system failed; wraps the underlying cause. */
public final class StorageException extends RuntimeException implements VennDbError {
  private final ErrorCode code;

  public StorageException(String message, Throwable cause) {
    this(ErrorCode.IO, message, cause);
  }

  public StorageException(ErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
