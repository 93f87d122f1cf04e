package io.venndb.testing;

import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.embed.Embedders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Real embeddings for the HNSW and query tests: the first package descriptions of the bundled Debian
 * catalog, embedded once per test JVM by the built-in model (about two seconds). Native caches go
 * under target/, never into the user's cache.
 */
public final class DebianVectors {
  public static final int COUNT = 2100;
  private static float[][] vectors;

  private DebianVectors() {}

  /** The shared array: callers must not modify it. */
  public static synchronized float[][] get() {
    if (vectors == null) {
      if (System.getProperty("venndb.cache.dir") == null) {
        System.setProperty("venndb.cache.dir", Path.of("target", "test-cache").toAbsolutePath().toString());
      }
      List<String> texts = DebianPackages.readBundled().stream().limit(COUNT)
          .map(DebianVectors::description).toList();
      try (Embedder embedder = Embedders.builtIn()) {
        vectors = embedder.embed(texts);
      }
    }
    return vectors;
  }

  private static String description(Map<String, Object> row) {
    return Objects.toString(row.get("description"), "");
  }
}
