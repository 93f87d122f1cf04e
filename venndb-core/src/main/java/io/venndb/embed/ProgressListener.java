package io.venndb.embed;

/** Told how far a long computation has got, so a caller can draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {

  /** Called with {@code 0 <= done <= total}; {@code done} never decreases. */
  void progress(long done, long total);

  /** A listener that ignores every report. */
  static ProgressListener none() {
    return (done, total) -> {};
  }
}
