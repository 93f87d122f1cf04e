package io.venndb.embed;

import java.util.Collections;
import java.util.List;

/**
 * Turns text into fixed-length vectors. Implementations are thread-safe: concurrent {@code embed}
 * calls are allowed, and {@link #close()} waits for calls in flight.
 *
 * <p>A {@code null} text is an {@link io.venndb.error.InvalidInputException}; an empty text is
 * valid and embeds to a finite vector.
 */
public interface Embedder extends AutoCloseable {

  /** A stable, file-name-safe name of the model; caches key their files on it. */
  String modelId();

  /** The length of every vector this embedder returns. */
  int dimension();

  /** One vector per text, in the order of {@code texts}. */
  float[][] embed(List<String> texts);

  /** The vector of one text. */
  default float[] embed(String text) {
    // singletonList, not List.of: List.of(null) would throw an NPE before the embedder can
    // report the null as invalid input.
    return embed(Collections.singletonList(text))[0];
  }

  /** Releases native resources; later calls fail with {@link io.venndb.error.ErrorCode#CLOSED}. */
  @Override
  void close();
}
