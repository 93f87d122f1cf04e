package io.venndb.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.Dataset;
import io.venndb.testing.TestSeed;
import io.venndb.bench.testing.TinyData;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class QueryBuilderTest {

  @Test
  void heldOutRowsLeaveTheBaseSetAndTheSplitIsSeeded() {
    Dataset full = TinyData.random(TestSeed.random("queries"), 1_000, 4);
    BenchData a = QueryBuilder.fromRows(full, 60, 1.0 / 3, 99, List.of(), null);
    BenchData b = QueryBuilder.fromRows(full, 60, 1.0 / 3, 99, List.of(), null);
    assertThat(a.base().size()).isEqualTo(940);
    assertThat(a.queries().count(Split.TUNING)).isEqualTo(20);
    assertThat(a.queries().count(Split.REPORTED)).isEqualTo(40);
    Set<String> baseKeys = new HashSet<>(Arrays.asList(a.base().keys()));
    for (BenchQuery q : a.queries().all()) {
      assertThat(baseKeys).doesNotContain(q.id().substring("held-out:".length()));
    }
    assertThat(a.queries().all().stream().map(BenchQuery::id).toList())
        .isEqualTo(b.queries().all().stream().map(BenchQuery::id).toList());
    BenchData c = QueryBuilder.fromRows(full, 60, 1.0 / 3, 100, List.of(), null);
    assertThat(c.queries().all().stream().map(BenchQuery::id).toList())
        .isNotEqualTo(a.queries().all().stream().map(BenchQuery::id).toList());
  }

  @Test
  void handWrittenQueriesParse() {
    assertThat(NaturalQueries.of("debian")).hasSizeGreaterThanOrEqualTo(36)
        .allSatisfy(p -> assertThat(p.notLike()).isNotBlank());
    assertThat(NaturalQueries.of("pypi")).hasSizeGreaterThanOrEqualTo(36);
    assertThat(NaturalQueries.of("no-such-dataset")).isEmpty();
  }
}
