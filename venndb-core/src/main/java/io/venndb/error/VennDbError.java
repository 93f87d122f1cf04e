package io.venndb.error;

/** Implemented by every exception VennDB throws on purpose, so callers can switch on the code. */
public interface VennDbError {
  ErrorCode code();
}
