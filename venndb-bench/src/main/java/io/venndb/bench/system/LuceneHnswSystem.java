package io.venndb.bench.system;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.LuceneFilters;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Version;

/**
 * Apache Lucene's HNSW in the same JVM, on the same vectors and metadata: {@code
 * KnnFloatVectorQuery} with a filter query for (a)(b); for (c) a BooleanQuery of MUST kNN and
 * MUST_NOT {@code FloatVectorSimilarityQuery} (series "lucene-hnsw/must-not"), and the NOT moved inside the
 * kNN filter (series "lucene-hnsw/not-in-filter"), and on request with the MUST_NOT traversal
 * widened ("-wide", {@code --lucene-wide-not GAP}); for (d) {@code FloatVectorSimilarityQuery}. The knob is numCandidates (Lucene's k,
 * results trimmed to the task's k) or, for range search, how far below the threshold the graph
 * traversal continues.
 *
 * <p>{@value #INT8} is the same on Lucene's int8 scalar-quantized HNSW format (vectors quantized
 * to unsigned bytes, the graph built and searched on them), the peer to VennDB's walks on int8
 * sketches; its series are named after it ("lucene-hnsw-int8/must-not", ...).
 */
public final class LuceneHnswSystem implements SearchSystem, TopKEngine {
  public static final String NAME = "lucene-hnsw";
  public static final String INT8 = "lucene-hnsw-int8";
  private static final String MUST_NOT_SUFFIX = "/must-not", NOT_IN_FILTER_SUFFIX = "/not-in-filter";
  public static final String MUST_NOT = NAME + MUST_NOT_SUFFIX;
  public static final String NOT_IN_FILTER = NAME + NOT_IN_FILTER_SUFFIX;
  static final String CANDIDATES = "numCandidates";
  static final String TRAVERSAL_GAP = "traversalGap";
  static final String NOT_GAP = "notTraversalGap";

  private final String name;
  private final boolean quantized;
  private final int maxConn;
  private final int beamWidth;
  private final int threads;
  private final double wideNotGap;
  private Metric metric;
  private LuceneIndex index;

  /**
   * @param wideNotGap when positive, vector-NOT workloads also run the series "must-not-wide", whose
   *     MUST_NOT clause keeps traversing the graph down to β − wideNotGap (NaN or 0: off)
   */
  public LuceneHnswSystem(int maxConn, int beamWidth, int threads, double wideNotGap) {
    this(false, maxConn, beamWidth, threads, wideNotGap);
  }

  /** @param quantized Lucene's int8 scalar-quantized HNSW ({@value #INT8}) instead of float vectors */
  public LuceneHnswSystem(boolean quantized, int maxConn, int beamWidth, int threads, double wideNotGap) {
    this.name = quantized ? INT8 : NAME;
    this.quantized = quantized;
    this.maxConn = maxConn;
    this.beamWidth = beamWidth;
    this.threads = threads;
    this.wideNotGap = wideNotGap;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "Apache Lucene " + Version.LATEST + (quantized ? " int8 scalar-quantized" : "") + " HNSW (M=" + maxConn
        + ", beamWidth=" + beamWidth + "), one force-merged segment, MMapDirectory, no query cache";
  }

  @Override
  public Optional<String> unsupported(Workload workload) {
    return Optional.empty();
  }

  @Override
  public BuildReport build(Dataset base, Path workDir) throws Exception {
    long start = System.nanoTime();
    metric = base.metric();
    index = new LuceneIndex(maxConn, beamWidth, threads, LuceneScores.function(metric), quantized);
    Path dir = workDir.resolve(name);
    index.build(base, dir);
    double seconds = (System.nanoTime() - start) / 1e9;
    return BuildReport.of(seconds, DirectorySize.of(dir), "one indexing thread in row order, forceMerge(1) with "
        + threads + " merge workers; " + index.segments() + " segment(s)");
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    List<SearchParams> out = new ArrayList<>();
    switch (workload.family()) {
      case RANGE -> {
        double[] gaps = {0, 0.1, 0.3}; // a 10,000-row range query costs 0.1 s; three points draw the curve
        for (double g : gaps) {
          out.add(SearchParams.of(name, TRAVERSAL_GAP, g));
        }
      }
      case VECTOR_NOT -> {
        for (String series : List.of(name + MUST_NOT_SUFFIX, name + NOT_IN_FILTER_SUFFIX)) {
          for (int nc : candidates(workload.k(), true)) { // four points: these curves flatten early
            out.add(notParams(series, nc, 0));
          }
        }
        if (wideNotGap > 0) {
          // Lucene's similarity query follows graph edges only above its traversal similarity, so it
          // can miss members of C_B (NOT violations); this series lets the MUST_NOT clause search wider.
          for (int factor : new int[] {4, 16}) {
            out.add(notParams(name + MUST_NOT_SUFFIX + "-wide", factor * workload.k(), wideNotGap));
          }
        }
      }
      default -> {
        for (int nc : candidates(workload.k(), quick)) {
          out.add(SearchParams.of(name, CANDIDATES, nc));
        }
      }
    }
    return out;
  }

  private static SearchParams notParams(String series, int candidates, double gap) {
    java.util.Map<String, Double> knobs = new java.util.LinkedHashMap<>();
    knobs.put(CANDIDATES, (double) candidates);
    knobs.put(NOT_GAP, gap);
    return new SearchParams(series, knobs);
  }

  static int[] candidates(int k, boolean quick) {
    // Up to 50 k in full runs, as venndb-hnsw sweeps ef up to 512: at 828k rows numCandidates=200
    // reached recall@10 0.936 in one build and 0.950 in another, so a ceiling of 20 k could leave
    // Lucene short of 0.95 where a wider search gets there.
    double[] factors = quick ? new double[] {1, 2, 4, 8} : new double[] {1, 2, 3, 5, 8, 12, 20, 30, 50};
    return java.util.Arrays.stream(factors).mapToInt(f -> (int) Math.round(k * f)).toArray();
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) throws Exception {
    WorkCounter counter = new WorkCounter();
    TopDocs top = switch (task.family()) {
      case TOPK, FILTERED -> index.searcher().search(knn(task.vector(), params.intKnob(CANDIDATES),
          filter(task.filter()), counter), task.k());
      case VECTOR_NOT -> index.searcher().search(vectorNot(task, params, counter), task.k());
      case RANGE -> index.searcher().search(range(task, params.knob(TRAVERSAL_GAP), counter), task.k());
    };
    return new SearchResult(index.ordinals(top.scoreDocs), counter.distanceComputations(), counter.visited);
  }

  private Query vectorNot(QueryTask task, SearchParams params, WorkCounter counter) {
    float result = LuceneScores.scoreAbove(metric, task.beta());
    float traversal = Math.min(result, LuceneScores.score(metric, (float) (task.beta() - params.knob(NOT_GAP))));
    Query excluded = new CountingSimilarityQuery(LuceneIndex.VECTOR, task.negative(), traversal, result, null,
        counter);
    int candidates = params.intKnob(CANDIDATES);
    Query scalar = filter(task.filter());
    if (params.series().startsWith(name + NOT_IN_FILTER_SUFFIX)) {
      Query notB = new BooleanQuery.Builder()
          .add(scalar == null ? new MatchAllDocsQuery() : scalar, Occur.FILTER)
          .add(excluded, Occur.MUST_NOT).build();
      return knn(task.vector(), candidates, notB, counter);
    }
    return new BooleanQuery.Builder()
        .add(knn(task.vector(), candidates, scalar, counter), Occur.MUST)
        .add(excluded, Occur.MUST_NOT).build();
  }

  private Query range(QueryTask task, double gap, WorkCounter counter) {
    float result = LuceneScores.score(metric, task.threshold());
    float traversal = Math.min(result, LuceneScores.score(metric, (float) (task.threshold() - gap)));
    return new CountingSimilarityQuery(LuceneIndex.VECTOR, task.vector(), traversal, result,
        filter(task.filter()), counter);
  }

  private Query knn(float[] vector, int candidates, Query filter, WorkCounter counter) {
    return new CountingKnnQuery(LuceneIndex.VECTOR, vector, candidates, filter, counter);
  }

  private static Query filter(Filter filter) {
    return filter == null ? null : LuceneFilters.toQuery(filter);
  }

  @Override
  public Scored topK(float[] vector, int k, Filter filter, int effort) throws Exception {
    WorkCounter counter = new WorkCounter();
    TopDocs top = index.searcher().search(knn(vector, Math.max(k, effort), filter(filter), counter), k);
    float[] sims = new float[top.scoreDocs.length];
    for (int i = 0; i < sims.length; i++) {
      sims[i] = LuceneScores.similarity(metric, top.scoreDocs[i].score);
    }
    return new Scored(index.ordinals(top.scoreDocs), sims, counter.distanceComputations(), counter.visited);
  }

  @Override
  public void close() throws Exception {
    if (index != null) {
      index.close();
    }
  }
}
