package io.venndb.bench.system;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Vector NOT done by the client, as users do today on engines without it: top-K' near Q (with
 * the scalar filter), top-K' near B, drop from the first list every row the second shows with
 * sim(x, B) > β, keep the first k. It must guess K': too small returns short answers and lets
 * members of C_B beyond B's top-K' through (NOT violations); larger costs more. Runs on any
 * {@link TopKEngine}; today Lucene's HNSW.
 */
public final class ClientSideNotSystem implements SearchSystem {
  public static final String NAME = "client-not";
  static final String K_PRIME = "kPrime";

  private final String innerName;
  private final TopKEngine engine;

  public ClientSideNotSystem(String innerName, TopKEngine engine) {
    this.innerName = innerName;
    this.engine = engine;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "client-side vector NOT: two top-K' searches on " + innerName + " and a set difference";
  }

  @Override
  public Optional<String> unsupported(Workload workload) {
    return workload.family() == Family.VECTOR_NOT ? Optional.empty()
        : Optional.of("a client strategy for vector NOT only");
  }

  @Override
  public BuildReport build(Dataset base, Path workDir) {
    return BuildReport.of(0, -1, "no index of its own; uses " + innerName);
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    int[] factors = quick ? new int[] {2, 5, 10, 30} : new int[] {2, 3, 5, 10, 20, 50};
    return Arrays.stream(factors)
        .mapToObj(f -> SearchParams.of(NAME + "/" + innerName, K_PRIME, (double) f * workload.k())).toList();
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) throws Exception {
    int kPrime = params.intKnob(K_PRIME);
    TopKEngine.Scored near = engine.topK(task.vector(), kPrime, task.filter(), kPrime);
    TopKEngine.Scored like = engine.topK(task.negative(), kPrime, null, kPrime);
    Set<Integer> excluded = new HashSet<>();
    for (int i = 0; i < like.ids().length; i++) {
      if (like.similarities()[i] > task.beta()) {
        excluded.add(like.ids()[i]);
      }
    }
    int[] out = new int[Math.min(task.k(), near.ids().length)];
    int n = 0;
    for (int id : near.ids()) {
      if (n < out.length && !excluded.contains(id)) {
        out[n++] = id;
      }
    }
    return new SearchResult(Arrays.copyOf(out, n), near.distanceComputations() + like.distanceComputations(),
        near.nodesVisited() + like.nodesVisited());
  }

  @Override
  public void close() {}
}
