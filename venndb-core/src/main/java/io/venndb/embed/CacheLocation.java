package io.venndb.embed;

import java.nio.file.Path;

/** Where VennDB keeps files it can always rebuild: embeddings, extracted native libraries. */
final class CacheLocation {
  static final String PROPERTY = "venndb.cache.dir";
  static final String ENVIRONMENT = "VENNDB_CACHE_DIR";

  private CacheLocation() {}

  /** The property wins over the environment so a test or launcher can override a user's setting. */
  static Path resolve() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String environment = System.getenv(ENVIRONMENT);
    if (environment != null && !environment.isBlank()) {
      return Path.of(environment);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "venndb");
  }
}
