package io.venndb.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.api.Collection;
import io.venndb.api.VennDB;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.filter.LuceneFilters;
import io.venndb.bench.filter.VennFilters;
import io.venndb.testing.TestSeed;
import io.venndb.bench.testing.TinyData;
import io.venndb.query.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three compilations of a {@link Filter} select the same rows: VennDB's predicate (evaluated by
 * VennDB), the Lucene query (evaluated by Lucene on the benchmark's own documents) and the
 * brute-force matcher, on random filter trees over columns with NULLs — so a workload means the
 * same thing to every system and to the ground truth.
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterAgreementTest {
  @TempDir
  static Path dir;

  Dataset data;
  VennDB db;
  Collection collection;
  LuceneIndex lucene;
  FilterMatcher matcher;

  @BeforeAll
  void build() throws Exception {
    data = TinyData.random(TestSeed.random("agreement-data"), 600, 8);
    matcher = new FilterMatcher(data.table());
    db = VennDB.open(dir.resolve("venndb"));
    collection = db.createCollection(VennSchemas.schema("t", data, null));
    collection.insertAll(IntStream.range(0, data.size()).mapToObj(i -> VennSchemas.row(data, i)).toList());
    lucene = new LuceneIndex(8, 20, 1, VectorSimilarityFunction.DOT_PRODUCT, false);
    lucene.build(data, dir.resolve("lucene"));
  }

  @AfterAll
  void close() throws Exception {
    lucene.close();
    db.close();
  }

  @RepeatedTest(60)
  void allThreeSelectTheSameRows() throws Exception {
    SplittableRandom random = TestSeed.random("agreement-filters");
    for (int i = 0; i < 5; i++) {
      Filter f = randomFilter(random, 3);
      TreeSet<Integer> expected = new TreeSet<>();
      matcher.matching(f).stream().forEach(expected::add);
      assertThat(venndb(f)).as("VennDB on %s", f).isEqualTo(expected);
      assertThat(lucene(f)).as("Lucene on %s (%s)", f, LuceneFilters.toQuery(f)).isEqualTo(expected);
    }
  }

  TreeSet<Integer> venndb(Filter f) {
    KeyIndex keys = new KeyIndex(data.keys());
    TreeSet<Integer> out = new TreeSet<>();
    for (Row r : collection.find(VennFilters.toPredicate(f), 10_000)) {
      out.add(keys.ordinal(r.key()));
    }
    return out;
  }

  TreeSet<Integer> lucene(Filter f) throws Exception {
    TopDocs top = lucene.searcher().search(LuceneFilters.toQuery(f), 10_000);
    return new TreeSet<>(Arrays.stream(lucene.ordinals(top.scoreDocs)).boxed().toList());
  }

  static Filter randomFilter(SplittableRandom random, int depth) {
    int kind = depth == 0 ? random.nextInt(4) : random.nextInt(7);
    return switch (kind) {
      case 0 -> new Filter.Keyword("section", pick(random, TinyData.SECTIONS, "nope"));
      case 1 -> new Filter.HasTag("tags", pick(random, TinyData.TAGS, "nope"));
      case 2 -> {
        long a = random.nextLong(0, 100_000);
        long b = random.nextLong(0, 100_000);
        yield new Filter.LongRange("size", random.nextInt(4) == 0 ? Long.MIN_VALUE : Math.min(a, b),
            random.nextInt(4) == 0 ? Long.MAX_VALUE : Math.max(a, b));
      }
      case 3 -> new Filter.LongRange("rank", Long.MIN_VALUE, random.nextLong(1, 5_000));
      case 4 -> Filter.not(randomFilter(random, depth - 1));
      default -> {
        List<Filter> children = new ArrayList<>();
        int n = random.nextInt(2, 4);
        for (int c = 0; c < n; c++) {
          children.add(randomFilter(random, depth - 1));
        }
        yield kind == 5 ? new Filter.And(children) : new Filter.Or(children);
      }
    };
  }

  private static String pick(SplittableRandom random, String[] values, String missing) {
    return random.nextInt(values.length + 1) == values.length ? missing : values[random.nextInt(values.length)];
  }
}
