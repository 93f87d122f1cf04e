package io.venndb.error;

/**
 * A caller mistake: bad value, unknown name, wrong dimension, duplicate key, oversized input. The
 * message quotes the offending value. Nothing was written when this is thrown.
 */
public final class InvalidInputException extends IllegalArgumentException implements VennDbError {
  private final ErrorCode code;

  public InvalidInputException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
