package io.venndb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.api.Collection;
import io.venndb.api.VennDB;
import io.venndb.query.Predicate;
import io.venndb.query.Row;
import io.venndb.testing.TestSeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM writes fsynced batches and prints each acknowledgement;
 * the test kills it with SIGKILL, reopens the database and checks that it holds exactly the
 * acknowledged batches (plus, possibly, the one in flight — whole, never in part), that every row
 * is intact, and that every index agrees with the rows. Cycles: {@code -Dvenndb.crash.cycles}
 * (default 20).
 */
@ExtendWith(TestSeed.class)
class KillRecoveryTest {
  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    int cycles = Integer.getInteger("venndb.crash.cycles", 20);
    SplittableRandom random = TestSeed.random("kill-recovery");
    long workloadSeed = random.nextLong(1, Long.MAX_VALUE / 2_000_000);
    Map<Long, Map<String, Object>> model = new HashMap<>();
    int committed = 0; // batches [0, committed) are in the database
    for (int cycle = 0; cycle < cycles; cycle++) {
      int acked = runAndKill(workloadSeed, committed, 30 + random.nextInt(400));
      committed = verify(model, workloadSeed, committed, acked, cycle);
    }
    assertThat(committed).as("batches committed over %d cycles", cycles).isGreaterThan(cycles);
  }

  /**
   * Starts the child from batch {@code first}, kills it after a delay; returns batches
   * acknowledged. The acknowledgements are read only after the child is dead, from the pipe,
   * which keeps every line it printed.
   */
  private int runAndKill(long seed, int first, int delayMillis) throws Exception {
    Process child = new ProcessBuilder(childCommand(seed, first)).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    List<String> log = new ArrayList<>();
    waitFor(out, "READY", log, child);
    Thread.sleep(delayMillis);
    // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe
    // and drop acknowledgements the child printed just before it died.
    child.toHandle().destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int acked = first;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("ACK ")) {
        acked = Math.max(acked, Integer.parseInt(line.substring(4)) + 1); // max: the last line may be cut
      }
    }
    return acked;
  }

  /**
   * Reopens and checks the database equals the model after {@code acked} batches, or after one
   * more (the batch in flight may have committed before its ACK was printed). Returns the count.
   */
  private int verify(Map<Long, Map<String, Object>> model, long seed, int from, int acked, int cycle) {
    for (int i = from; i < acked; i++) {
      CrashWorkload.apply(model, CrashWorkload.batch(seed, i));
    }
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.collection("crash");
      Map<Long, Row> stored = new HashMap<>();
      c.find(null, 10_000).forEach(r -> stored.put((Long) r.key(), r));
      int committed = acked;
      if (!matches(model, stored)) {
        CrashWorkload.apply(model, CrashWorkload.batch(seed, acked)); // the in-flight batch, whole
        committed = acked + 1;
      }
      assertThat(matches(model, stored))
          .as("cycle %d: database equals the first %d or %d batches; %s", cycle, acked, acked + 1,
              difference(model, stored)).isTrue();
      assertIndexesAgree(c, stored);
      return committed;
    }
  }

  private static boolean matches(Map<Long, Map<String, Object>> model, Map<Long, Row> stored) {
    if (!model.keySet().equals(stored.keySet())) {
      return false;
    }
    for (var e : model.entrySet()) {
      Row row = stored.get(e.getKey());
      for (String column : List.of("kind", "batch", "labels", "body")) {
        if (!e.getValue().get(column).equals(row.get(column))) {
          return false;
        }
      }
      if (!Arrays.equals((float[]) e.getValue().get("emb"), (float[]) row.get("emb"))) {
        return false;
      }
    }
    return true;
  }

  /** A description of the first difference, for the failure message. */
  private static String difference(Map<Long, Map<String, Object>> model, Map<Long, Row> stored) {
    for (var e : model.entrySet()) {
      Row row = stored.get(e.getKey());
      if (row == null) {
        return "key " + e.getKey() + " (batch " + e.getValue().get("batch") + ") missing";
      }
      if (!e.getValue().get("batch").equals(row.get("batch"))) {
        return "key " + e.getKey() + " from batch " + row.get("batch") + ", expected batch " + e.getValue().get("batch");
      }
    }
    for (var e : stored.entrySet()) {
      if (!model.containsKey(e.getKey())) {
        return "unexpected key " + e.getKey() + " from batch " + e.getValue().get("batch");
      }
    }
    return "same keys and batches; a value differs";
  }

  /** Bitmap counts equal counts from the rows themselves. */
  private static void assertIndexesAgree(Collection c, Map<Long, Row> stored) {
    assertThat(c.size()).isEqualTo(stored.size());
    for (String kind : CrashWorkload.KINDS) {
      long scanned = stored.values().stream().filter(r -> kind.equals(r.get("kind"))).count();
      assertThat(c.count(Predicate.eq("kind", kind))).as("index count of kind=%s", kind).isEqualTo(scanned);
    }
    long low = stored.values().stream().filter(r -> (Long) r.get("batch") < 50).count();
    assertThat(c.count(Predicate.lt("batch", 50L))).as("sorted index count batch < 50").isEqualTo(low);
    long tagged = stored.values().stream().filter(r -> ((List<?>) r.get("labels")).contains("k1")).count();
    assertThat(c.count(Predicate.containsTag("labels", "k1"))).as("tag index count").isEqualTo(tagged);
  }

  private List<String> childCommand(long seed, int first) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(javaBin, "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx256m", "-cp", classpath, CrashChild.class.getName(), dir.toString(), Long.toString(seed),
        Integer.toString(first));
  }

  private static void waitFor(BufferedReader out, String marker, List<String> log, Process child) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals(marker)) {
        return;
      }
      log.add(line);
    }
    throw new AssertionError("child exited (" + child.exitValue() + ") before " + marker + ": "
        + String.join("\n", log));
  }
}
