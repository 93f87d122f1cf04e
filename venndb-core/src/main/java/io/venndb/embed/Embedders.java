package io.venndb.embed;

/** Factories for the embedders VennDB ships. */
public final class Embedders {
  private Embedders() {}

  /**
   * Loads the built-in model, all-MiniLM-L6-v2 (quantized, 384 dimensions), from the classpath.
   * Takes about a second; the caller owns the result and closes it.
   */
  public static Embedder builtIn() {
    return MiniLmEmbedder.load();
  }
}
