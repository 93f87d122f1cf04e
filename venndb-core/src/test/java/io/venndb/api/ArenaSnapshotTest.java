package io.venndb.api;

import static io.venndb.testing.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import io.venndb.testing.TestSchemas;
import io.venndb.testing.TestSeed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arenas saved on a clean close are reused only when they are current and intact: a stale or
 * corrupt file is never used, the vectors come from the rows instead, and answers do not change.
 */
@ExtendWith(TestSeed.class)
class ArenaSnapshotTest {
  @TempDir Path dir;
  final SplittableRandom random = TestSeed.random("arena-snapshot");

  @Test
  void currentFileIsUsedAndGivesTheSameAnswers() throws IOException {
    List<String> before = load(300);
    assertThat(arenaFiles()).hasSize(1);
    assertThat(topKeys()).isEqualTo(before);
  }

  @Test
  void staleFileIsIgnored() throws IOException {
    load(200);
    Path file = arenaFiles().getFirst();
    Path old = dir.resolveSibling("old.vec");
    Files.copy(file, old, StandardCopyOption.REPLACE_EXISTING);
    List<String> expected;
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.collection("docs");
      c.insertAll(rows(200, 100)); // later commits: the old file is now behind
      expected = search(c);
    }
    Files.copy(old, file, StandardCopyOption.REPLACE_EXISTING); // as if the last close never saved
    assertThat(topKeys()).isEqualTo(expected);
  }

  @Test
  void corruptFileIsDetectedAndRebuiltFromRows() throws IOException {
    List<String> before = load(300);
    Path file = arenaFiles().getFirst();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
    assertThat(topKeys()).isEqualTo(before);
  }

  @Test
  void dropRemovesTheFile() throws IOException {
    load(50);
    try (VennDB db = VennDB.open(dir)) {
      db.dropCollection("docs");
    }
    assertThat(arenaFiles()).isEmpty();
  }

  private List<String> load(int n) {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(TestSchemas.everyType("docs"));
      c.insertAll(rows(0, n));
      return search(c);
    }
  }

  private List<Map<String, Object>> rows(int from, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      rows.add(row("k" + i, "x", i, (float) random.nextGaussian(), (float) random.nextGaussian(),
          (float) random.nextGaussian(), (float) random.nextGaussian()));
    }
    return rows;
  }

  private List<String> topKeys() {
    try (VennDB db = VennDB.open(dir)) {
      return search(db.collection("docs"));
    }
  }

  private static List<String> search(Collection c) {
    List<String> keys = new ArrayList<>();
    for (float[] q : List.of(new float[] {1, 0, 0, 0}, new float[] {0, -1, 1, 0}, new float[] {1, 1, 1, 1})) {
      for (SearchHit h : c.search(SearchRequest.nearest("emb", q, 20))) {
        keys.add(h.key() + "@" + h.distance());
      }
    }
    return keys;
  }

  private List<Path> arenaFiles() throws IOException {
    Path arenas = dir.resolve("arenas");
    if (!Files.exists(arenas)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(arenas)) {
      return files.filter(p -> p.toString().endsWith(".vec")).toList();
    }
  }
}
