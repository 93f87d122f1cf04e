package io.venndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.catalog.KeyType;
import io.venndb.testing.TestSeed;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link KeyColumn} against a TreeMap oracle: sparse docs, pages crossed, keys larger than a page. */
@ExtendWith(TestSeed.class)
class KeyColumnTest {
  @Test
  void stringKeysMatchAnOracleAcrossPages() {
    SplittableRandom random = TestSeed.random("keys.strings");
    KeyColumn column = new KeyColumn(KeyType.STRING, 64);
    TreeMap<Integer, String> oracle = new TreeMap<>();
    int doc = 0;
    for (int i = 0; i < 5_000; i++) {
      doc += 1 + (random.nextInt(10) == 0 ? random.nextInt(3000) : 0);
      String key = randomKey(random, random.nextInt(20) == 0 ? 200 : 12);
      column.set(doc, key);
      oracle.put(doc, key);
    }
    oracle.forEach((d, key) -> assertThat(column.get(d)).as("doc %d", d).isEqualTo(key));
    assertThat(column.bytes()).isGreaterThan(oracle.values().stream().mapToLong(k -> k.getBytes().length).sum());
  }

  @Test
  void longKeysMatchAnOracle() {
    SplittableRandom random = TestSeed.random("keys.longs");
    KeyColumn column = new KeyColumn(KeyType.LONG);
    TreeMap<Integer, Long> oracle = new TreeMap<>();
    for (int i = 0; i < 5_000; i++) {
      int doc = random.nextInt(200_000);
      long key = random.nextLong();
      column.set(doc, key);
      oracle.put(doc, key);
    }
    oracle.forEach((d, key) -> assertThat(column.get(d)).as("doc %d", d).isEqualTo(key));
  }

  @Test
  void aDocWithoutAKeyIsAnErrorNotAWrongKey() {
    KeyColumn column = new KeyColumn(KeyType.STRING);
    column.set(3, "three");
    assertThat(column.get(3)).isEqualTo("three");
    for (int doc : new int[] {-1, 0, 2, 4, 1 << 20}) {
      assertThatThrownBy(() -> column.get(doc)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("doc " + doc);
    }
  }

  @Test
  void nonAsciiKeysRoundTrip() {
    KeyColumn column = new KeyColumn(KeyType.STRING, 16);
    String[] keys = {"ключ", "키-값", "😀 emoji", "e\u0301", "x".repeat(40)};
    for (int i = 0; i < keys.length; i++) {
      column.set(i, keys[i]);
    }
    for (int i = 0; i < keys.length; i++) {
      assertThat(column.get(i)).isEqualTo(keys[i]);
    }
  }

  /**
   * One writer appends and publishes a watermark, as commits publish views; a reader checks every
   * doc below the watermark it saw while slots and pages grow underneath it.
   */
  @Test
  void readersSeeEveryPublishedKeyWhileTheWriterGrowsTheColumn() throws InterruptedException {
    KeyColumn column = new KeyColumn(KeyType.STRING, 256);
    int docs = 200_000;
    java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        SplittableRandom random = TestSeed.random("keys.reader");
        while (published.get() < docs) {
          int upTo = published.get();
          if (upTo > 0) {
            int doc = random.nextInt(upTo);
            if (!column.get(doc).equals("k" + doc)) {
              throw new AssertionError("doc " + doc + " read " + column.get(doc));
            }
          }
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    for (int doc = 0; doc < docs; doc++) {
      column.set(doc, "k" + doc);
      published.set(doc + 1);
    }
    reader.join();
    assertThat(failure.get()).isNull();
  }

  private static String randomKey(SplittableRandom random, int maxLength) {
    StringBuilder key = new StringBuilder();
    int length = 1 + random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      key.append((char) (random.nextInt(5) == 0 ? 0x400 + random.nextInt(64) : 'a' + random.nextInt(26)));
    }
    return key.toString();
  }
}
