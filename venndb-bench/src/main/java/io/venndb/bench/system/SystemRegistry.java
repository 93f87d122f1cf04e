package io.venndb.bench.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The systems a run can measure, by name. To add a search path, implement {@link SearchSystem}
 * and add a line to {@link #create}; the harness, results and reports need no change.
 */
public final class SystemRegistry {
  /** Measured when --systems is not given. */
  public static final List<String> DEFAULTS =
      List.of(VennDbSystem.FLAT, VennDbSystem.HNSW, LuceneHnswSystem.NAME, LuceneHnswSystem.INT8,
          ClientSideNotSystem.NAME);
  public static final List<String> ALL = List.of(VennDbSystem.FLAT, VennDbSystem.HNSW, LuceneHnswSystem.NAME,
      LuceneHnswSystem.INT8, ClientSideNotSystem.NAME, ExactSystem.NAME);

  /**
   * Index settings shared by every graph index (VennDB's and Lucene's HNSW take the same M and beam width),
   * and the optional widened MUST_NOT traversal for Lucene's vector-NOT series.
   */
  public record GraphSettings(int maxConn, int beamWidth, int threads, double luceneWideNotGap) {}

  private SystemRegistry() {}

  /** Instantiates the named systems in order; client-not brings in lucene-hnsw as its engine. */
  public static List<SearchSystem> create(List<String> names, GraphSettings graph) {
    Map<String, SearchSystem> made = new LinkedHashMap<>();
    for (String name : names) {
      switch (name) {
        case VennDbSystem.FLAT -> made.put(name, VennDbSystem.flat());
        case VennDbSystem.HNSW -> made.put(name, VennDbSystem.hnsw(graph.maxConn(), graph.beamWidth()));
        case LuceneHnswSystem.NAME -> made.computeIfAbsent(name, n -> lucene(graph));
        case ClientSideNotSystem.NAME -> {
          LuceneHnswSystem lucene = (LuceneHnswSystem) made.computeIfAbsent(LuceneHnswSystem.NAME, n -> lucene(graph));
          made.put(name, new ClientSideNotSystem(LuceneHnswSystem.NAME, lucene));
        }
        case LuceneHnswSystem.INT8 -> made.put(name, new LuceneHnswSystem(true, graph.maxConn(), graph.beamWidth(),
            graph.threads(), graph.luceneWideNotGap()));
        case ExactSystem.NAME -> made.put(name, new ExactSystem());
        default -> throw new IllegalArgumentException("unknown system '" + name + "'; known: " + ALL);
      }
    }
    return new ArrayList<>(made.values());
  }

  private static LuceneHnswSystem lucene(GraphSettings graph) {
    return new LuceneHnswSystem(graph.maxConn(), graph.beamWidth(), graph.threads(), graph.luceneWideNotGap());
  }
}
