package io.venndb.cli;

import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.VennDB;
import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.embed.Embedders;
import io.venndb.embed.EmbeddingCache;
import io.venndb.vector.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads the bundled Debian catalog into a fresh database (embedding every description with the
 * built-in model, cached after the first run, and indexing the embeddings with HNSW) and answers a
 * few hybrid queries, each checked against the exact answer.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Import the Debian catalog with embeddings and run hybrid queries.")
final class DemoCommand implements Runnable {
  @Option(names = "--dir", description = "Database directory (default: a new temporary directory, removed afterwards).")
  Path dir;

  @Option(names = "--limit", description = "Import only the first N packages (default: all ${DEFAULT-VALUE}).",
      defaultValue = "63666")
  int limit;

  @Override
  public void run() {
    long start = System.nanoTime();
    Path directory = dir != null ? dir : tempDir();
    try (Embedder embedder = Embedders.builtIn(); VennDB db = VennDB.open(directory)) {
      System.out.printf("VennDB demo: database at %s; distance kernels: %s%n", directory, Kernels.get().name());
      Collection packages = load(db, embedder);
      DemoQueries.run(packages, embedder);
      System.out.printf("%nDone in %.1f s.%n", seconds(start));
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      if (dir == null) {
        deleteQuietly(directory);
      }
    }
  }

  private Collection load(VennDB db, Embedder embedder) {
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = DebianPackages.readBundled();
    rows = rows.subList(0, Math.min(limit, rows.size()));
    System.out.printf("Read %,d packages in %.2f s%n", rows.size(), seconds(t0));
    float[][] vectors = embed(rows, embedder);
    if (db.hasCollection("packages")) {
      db.dropCollection("packages");
    }
    Collection packages = db.createCollection(DebianPackages.schema("packages", embedder.dimension()));
    long t2 = System.nanoTime();
    try (Progress progress = new Progress("Importing", rows.size());
        BulkWriter writer = packages.bulkWriter(1000)) {
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = new HashMap<>(rows.get(i));
        row.put(DebianPackages.EMBEDDING, vectors[i]);
        writer.upsert(row);
        progress.stepTo(i + 1);
      }
    }
    System.out.printf("Imported %,d rows in %.2f s (group commit, one fsync per flush; HNSW graph built with %d threads)%n",
        packages.size(), seconds(t2), Runtime.getRuntime().availableProcessors());
    return packages;
  }

  private static float[][] embed(List<Map<String, Object>> rows, Embedder embedder) {
    long t1 = System.nanoTime();
    List<String> texts = rows.stream().map(r -> String.valueOf(r.get("description"))).toList();
    EmbeddingCache cache = EmbeddingCache.atDefaultLocation();
    float[][] vectors;
    try (Progress progress = new Progress("Embedding", texts.size())) {
      vectors = cache.getOrCompute("debian-" + texts.size(), texts, embedder, (done, total) -> progress.stepTo(done));
    }
    System.out.printf("Embedded %,d descriptions with %s in %.1f s (cache: %s)%n",
        texts.size(), embedder.modelId(), seconds(t1), cache.directory());
    return vectors;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("venndb-demo-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary directory", e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("note: could not remove " + root + ": " + e.getMessage());
    }
  }
}
