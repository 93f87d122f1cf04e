package io.venndb.embed;

import java.nio.file.Path;

/** One loaded MiniLM for all tests in this package: loading costs about a second. */
final class TestModels {
  private static Embedder miniLm;

  private TestModels() {}

  static synchronized Embedder miniLm() {
    if (miniLm == null) {
      keepCachesInBuildDirectory();
      miniLm = Embedders.builtIn();
    }
    return miniLm;
  }

  /** Native libraries and cache files land under target/, never in the developer's home. */
  static void keepCachesInBuildDirectory() {
    if (System.getProperty(CacheLocation.PROPERTY) == null) {
      Path dir = Path.of("target", "test-cache").toAbsolutePath();
      System.setProperty(CacheLocation.PROPERTY, dir.toString());
    }
  }
}
