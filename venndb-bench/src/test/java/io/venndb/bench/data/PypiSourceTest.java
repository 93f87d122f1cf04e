package io.venndb.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PypiSourceTest {
  static final String TSV = "name\tmonth\trank\tsummary\n"
      + "alpha\t2024-05\t17\tA web framework\n"
      + "beta\t2005-12\t\tOld tool\twith a tab\n"
      + "gamma\t\t9\tNo release month\n";

  @Test
  void readsColumnsWithNullRanksAndALimit() throws IOException {
    TextCorpus all = PypiSource.read(new ByteArrayInputStream(TSV.getBytes(StandardCharsets.UTF_8)), "t", 9);
    assertThat(((LongColumn) all.table().column("month")).value(2)).isNull();
    TextCorpus c = PypiSource.read(new ByteArrayInputStream(TSV.getBytes(StandardCharsets.UTF_8)), "t", 2);
    assertThat(c.keys()).containsExactly("alpha", "beta");
    assertThat(c.texts()).containsExactly("A web framework", "Old tool\twith a tab");
    LongColumn month = (LongColumn) c.table().column("month");
    LongColumn rank = (LongColumn) c.table().column("rank");
    assertThat(month.value(0)).isEqualTo(202405L);
    assertThat(month.value(1)).isEqualTo(200512L);
    assertThat(rank.value(0)).isEqualTo(17L);
    assertThat(rank.value(1)).isNull();
  }

  @Test
  void rejectsAWrongHeaderOrMonth() {
    assertThatThrownBy(() -> PypiSource.read(new ByteArrayInputStream("a\tb\n".getBytes()), "t", 9))
        .hasMessageContaining("header");
    String bad = "name\tmonth\trank\tsummary\nx\t2024/05\t\ts\n";
    assertThatThrownBy(() -> PypiSource.read(new ByteArrayInputStream(bad.getBytes()), "t", 9))
        .hasMessageContaining("line 2");
  }
}
