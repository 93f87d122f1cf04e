package io.venndb.bench;

import io.venndb.bench.data.AnnBenchmarksFile;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.DebianSource;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.data.PypiSource;
import io.venndb.bench.data.Table;
import io.venndb.bench.data.TextCorpus;
import io.venndb.bench.data.VecFiles;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.query.BenchData;
import io.venndb.bench.query.NaturalQueries;
import io.venndb.bench.query.QueryBuilder;
import io.venndb.embed.Embedder;
import io.venndb.embed.EmbeddingCache;
import io.venndb.embed.Embedders;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** Loads the dataset a run names and builds its base set and queries. */
final class DataLoader {
  private DataLoader() {}

  static BenchData load(BenchConfig c) throws Exception {
    return switch (c.dataset()) {
      case DebianSource.NAME -> text(c, DebianSource.read(c.limit()), Integer.MAX_VALUE);
      case PypiSource.NAME -> text(c, PypiSource.read(PypiSource.locate(c.dataDir(), c.repoRoot()), c.limit()),
          Embeddings.CHUNK_ROWS);
      case "vectors" -> vectors(c);
      case "hdf5" -> hdf5(c);
      default -> throw new IllegalArgumentException("unknown dataset '" + c.dataset()
          + "'; expected debian, pypi, vectors or hdf5");
    };
  }

  /** Text rows: embedded with the built-in model through the cache; held-out rows and hand-written queries. */
  private static BenchData text(BenchConfig c, TextCorpus corpus, int chunkRows) {
    System.out.printf("Read %,d %s rows%n", corpus.size(), corpus.name());
    try (Embedder embedder = Embedders.builtIn()) {
      Embeddings embeddings = new Embeddings(embedder, EmbeddingCache.atDefaultLocation());
      Dataset full = corpus.embed(embeddings, chunkRows);
      return QueryBuilder.fromRows(full, c.heldOut(), c.tuningShare(), c.seed(),
          NaturalQueries.of(corpus.name()), embeddings);
    }
  }

  private static BenchData vectors(BenchConfig c) throws Exception {
    if (c.baseFile() == null || c.queryFile() == null) {
      throw new IllegalArgumentException("dataset 'vectors' needs --base FILE and --queries FILE (.fvecs or .bvecs)");
    }
    Metric metric = Metric.parse(c.metric());
    float[][] base = VecFiles.readFloats(c.baseFile(), c.limit());
    float[][] queries = VecFiles.readFloats(c.queryFile(), c.heldOut());
    return fromVectors(name(c.baseFile()), metric, base, queries, c, "file " + c.baseFile());
  }

  private static BenchData hdf5(BenchConfig c) {
    if (c.hdf5File() == null) {
      throw new IllegalArgumentException("dataset 'hdf5' needs --hdf5 FILE (an ann-benchmarks file)");
    }
    AnnBenchmarksFile.Contents f = AnnBenchmarksFile.read(c.hdf5File(), c.limit(), c.heldOut());
    return fromVectors(name(c.hdf5File()), f.metric(), f.train(), f.test(), c, "file " + c.hdf5File());
  }

  private static BenchData fromVectors(String name, Metric metric, float[][] base, float[][] queries, BenchConfig c,
      String provenance) {
    Vectors.prepareAll(metric, base);
    String[] keys = IntStream.range(0, base.length).mapToObj(Integer::toString).toArray(String[]::new);
    Dataset ds = new Dataset(name, metric, base, keys, "id", null, null, Table.empty(base.length), provenance);
    System.out.printf("Read %,d base vectors (%d dims, %s) and %,d queries from %s%n", base.length,
        ds.dimension(), metric.sqlName(), queries.length, provenance);
    return QueryBuilder.fromFile(ds, queries, c.tuningShare(), c.seed());
  }

  private static String name(Path file) {
    String n = file.getFileName().toString();
    int dot = n.indexOf('.');
    return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
