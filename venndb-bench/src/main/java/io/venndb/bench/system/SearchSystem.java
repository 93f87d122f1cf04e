package io.venndb.bench.system;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One way of answering the benchmark's tasks: a VennDB search path, a peer library, a client-side
 * strategy, or the exact reference. The harness builds each system once on the same base set,
 * asks it for the parameter settings to sweep per workload, and calls {@link #search} from one or
 * many threads (implementations are thread-safe after {@link #build}). A new search path is a new
 * implementation registered in {@link SystemRegistry}; nothing else changes.
 */
public interface SearchSystem extends AutoCloseable {

  /** Stable name used on the command line and in results, e.g. "lucene-hnsw". */
  String name();

  /** One line: what it is and its fixed parameters (index settings, version). */
  String description();

  /** Empty when the system can answer the workload faithfully; otherwise why it cannot. */
  Optional<String> unsupported(Workload workload);

  /** Indexes {@code base} (row ordinal = id in answers), using {@code workDir} for files. */
  BuildReport build(Dataset base, Path workDir) throws Exception;

  /** The settings to measure for this workload, from least to most search effort. */
  List<SearchParams> sweep(Workload workload, boolean quick);

  /** Answers one task; ids are base-row ordinals, best first. */
  SearchResult search(QueryTask task, SearchParams params) throws Exception;

  /**
   * Answers one task with its work counters, for a system that can count only outside the timed
   * passes (VennDB: through EXPLAIN ANALYZE). Empty when {@link #search} already reports them, or
   * they are not known.
   */
  default Optional<SearchResult> counted(QueryTask task, SearchParams params) throws Exception {
    return Optional.empty();
  }

  @Override
  void close() throws Exception;
}
