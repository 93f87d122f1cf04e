package io.venndb.embed;

import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Vectors computed once per dataset and kept on disk, outside any repository, so the demo and the
 * benchmarks embed a dataset only the first time. The default directory is the system property
 * {@code venndb.cache.dir}, else the environment variable {@code VENNDB_CACHE_DIR}, else {@code
 * ~/.cache/venndb}; files go to its {@code embeddings} subdirectory.
 *
 * <p>A file is used only when its model id and the SHA-256 of the texts match; a damaged file is
 * logged as a warning naming it, and the vectors are computed again. The cache is an optimization:
 * failing to write it is a warning, never a lost result.
 */
public final class EmbeddingCache {
  /** Texts per embedder call: bounds the work between two progress reports. */
  static final int CHUNK_TEXTS = 4096;

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int KEY_CHARS_IN_NAME = 16;
  private static final System.Logger LOG = System.getLogger(EmbeddingCache.class.getName());

  private final Path directory;

  private EmbeddingCache(Path directory) {
    this.directory = directory;
  }

  /** The cache under the configured VennDB cache directory (see the class comment). */
  public static EmbeddingCache atDefaultLocation() {
    return at(CacheLocation.resolve().resolve("embeddings"));
  }

  /** A cache keeping its files directly in {@code directory}, created when first written. */
  public static EmbeddingCache at(Path directory) {
    return new EmbeddingCache(Objects.requireNonNull(directory, "directory"));
  }

  public Path directory() {
    return directory;
  }

  /**
   * As {@link #getOrCompute(String, List, Embedder, ProgressListener)} without progress reports.
   */
  public float[][] getOrCompute(String datasetName, List<String> texts, Embedder embedder) {
    return getOrCompute(datasetName, texts, embedder, ProgressListener.none());
  }

  /**
   * The vectors of {@code texts} by {@code embedder}, in order: read from the cache when a file for
   * exactly these texts and this model exists and is intact, otherwise computed in chunks of 4096
   * texts (reporting progress after each) and then stored. A hit reports {@code (n, n)} once.
   *
   * @param datasetName names the file: letters, digits, '.', '_' or '-', at most 100
   */
  public float[][] getOrCompute(
      String datasetName, List<String> texts, Embedder embedder, ProgressListener progress) {
    requireSafeName(datasetName);
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(progress, "progress");
    CacheKey key = CacheKey.of(embedder.modelId(), texts);
    VectorFileHeader header =
        new VectorFileHeader(embedder.modelId(), embedder.dimension(), texts.size(), key);
    Path file = fileFor(datasetName, header);
    float[][] cached = readIfValid(file, header);
    if (cached != null) {
      progress.progress(texts.size(), texts.size());
      return cached;
    }
    float[][] vectors = compute(texts, embedder, progress);
    store(file, header, vectors);
    return vectors;
  }

  Path fileFor(String datasetName, VectorFileHeader header) {
    String model = header.modelId().replaceAll("[^A-Za-z0-9._-]", "_");
    String name = datasetName + "-" + model + "-" + header.key().hexPrefix(KEY_CHARS_IN_NAME);
    return directory.resolve(name + ".vec");
  }

  /** Null when there is no usable file; every reason other than absence is logged. */
  private static float[][] readIfValid(Path file, VectorFileHeader header) {
    try {
      return VectorFile.read(file, header);
    } catch (NoSuchFileException e) {
      return null;
    } catch (CorruptionException e) {
      LOG.log(
          Level.WARNING, "ignoring damaged embedding cache file, recomputing: {0}", e.getMessage());
      return null;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read embedding cache file " + file + ", recomputing", e);
      return null;
    }
  }

  private static float[][] compute(
      List<String> texts, Embedder embedder, ProgressListener progress) {
    float[][] vectors = new float[texts.size()][];
    progress.progress(0, texts.size());
    for (int from = 0; from < texts.size(); from += CHUNK_TEXTS) {
      int to = Math.min(from + CHUNK_TEXTS, texts.size());
      float[][] chunk = embedder.embed(texts.subList(from, to));
      requireShape(chunk, to - from, embedder);
      System.arraycopy(chunk, 0, vectors, from, chunk.length);
      progress.progress(to, texts.size());
    }
    return vectors;
  }

  /** A wrong-sized answer would be stored and served forever, so it stops here. */
  private static void requireShape(float[][] chunk, int expectedRows, Embedder embedder) {
    boolean ok = chunk.length == expectedRows;
    for (int i = 0; ok && i < chunk.length; i++) {
      ok = chunk[i] != null && chunk[i].length == embedder.dimension();
    }
    if (!ok) {
      throw new IllegalStateException(
          "embedder %s returned a malformed answer for %d texts"
              .formatted(embedder.modelId(), expectedRows));
    }
  }

  private static void store(Path file, VectorFileHeader header, float[][] vectors) {
    try {
      Files.createDirectories(file.getParent());
      VectorFile.write(file, header, vectors);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "cannot write embedding cache file " + file + "; vectors not cached", e);
    }
  }

  private static void requireSafeName(String datasetName) {
    if (datasetName == null || !SAFE_NAME.matcher(datasetName).matches()) {
      throw new InvalidInputException(
          ErrorCode.INVALID_ARGUMENT,
          "dataset name '" + datasetName + "': use letters, digits, '.', '_', '-' (at most 100)");
    }
  }

  @Override
  public String toString() {
    return "EmbeddingCache[" + directory + "]";
  }
}
