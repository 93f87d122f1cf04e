package io.venndb.error;

/**
 * The user-facing category of every error VennDB reports. Servers map these to status codes; the
 * CLI prints them; tests assert on them instead of on message text.
 */
public enum ErrorCode {
  /** A caller mistake not covered by a more specific code. */
  INVALID_ARGUMENT,
  /** A column, collection or index name that does not exist. */
  UNKNOWN_NAME,
  /** A name that already exists (collection, column) or a primary key inserted twice. */
  ALREADY_EXISTS,
  /** A value of the wrong type for its column. */
  TYPE_MISMATCH,
  /** A vector whose length differs from its column's declared dimension. */
  DIMENSION_MISMATCH,
  /** NaN or infinite components, or a zero vector under the cosine metric. */
  INVALID_VECTOR,
  /** A value, row, batch or request over a documented size limit. */
  TOO_LARGE,
  /** Input text (an import line, a query) that cannot be parsed. */
  MALFORMED_INPUT,
  /** A file or stored record that failed its magic, version or checksum test. */
  CORRUPTION,
  /** The storage engine or file system failed. */
  IO,
  /** The database or collection was used after close. */
  CLOSED
}
