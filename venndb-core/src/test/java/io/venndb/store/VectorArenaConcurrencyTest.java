package io.venndb.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * One writer appends across hundreds of small chunks while readers check that every doc below
 * the published maximum is complete and exact, and a saver writes files mid-append.
 */
@ExtendWith(TestSeed.class)
class VectorArenaConcurrencyTest {
  private static final int DIMENSION = 8, DOCS = 60_000;
  private static final float SALT = TestSeed.random("arena.concurrent.salt").nextInt(1000);

  @TempDir Path dir;

  @Test
  void readersSeeOnlyCompleteVectorsWhileTheWriterAppends() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    try (VectorArena arena = new VectorArena(DIMENSION, 6)) {
      List<Thread> threads = new ArrayList<>();
      threads.add(start("writer", failure, () -> {
        for (int doc = 0; doc < DOCS; doc++) {
          arena.set(doc, expected(doc));
        }
        done.set(true);
      }));
      for (int r = 0; r < 2; r++) {
        SplittableRandom random = TestSeed.random("arena.concurrent.reader" + r);
        threads.add(start("reader" + r, failure, () -> read(arena, random, done)));
      }
      threads.add(start("saver", failure, () -> saveMidway(arena, done)));
      for (Thread thread : threads) {
        thread.join(60_000);
      }
      assertThat(failure.get()).isNull();
      assertThat(arena.vectorCount()).isEqualTo(DOCS);
    }
  }

  private static void read(VectorArena arena, SplittableRandom random, AtomicBoolean done) {
    float[] out = new float[DIMENSION];
    while (!done.get()) {
      int published = arena.maxDocExclusive();
      if (published == 0) {
        Thread.onSpinWait();
        continue;
      }
      int doc = random.nextInt(published);
      assertThat(arena.get(doc, out)).as("doc %d below %d", doc, published).isTrue();
      assertThat(out).containsExactly(expected(doc));
      if (random.nextInt(200) == 0) {
        checkScan(arena, published);
      }
    }
  }

  /** A scan sees a gap-free prefix at least as long as what was published before it started. */
  private static void checkScan(VectorArena arena, int published) {
    int[] next = {0};
    arena.forEach(RoaringBitmap.bitmapOfRange(0, DOCS), (doc, segment, offset) -> {
      assertThat(doc).isEqualTo(next[0]++);
      assertThat(segment.get(VectorArena.FLOAT, offset + 4L * (DIMENSION - 1)))
          .isEqualTo(expected(doc)[DIMENSION - 1]);
    });
    assertThat(next[0]).isGreaterThanOrEqualTo(published);
  }

  private void saveMidway(VectorArena arena, AtomicBoolean done) throws Exception {
    Path file = dir.resolve("midway.arena");
    while (arena.maxDocExclusive() < DOCS / 3 && !done.get()) {
      Thread.onSpinWait();
    }
    arena.save(file, 1);
    try (VectorArena saved = VectorArena.load(file, DIMENSION)) {
      int prefix = saved.maxDocExclusive();
      assertThat(saved.vectorCount()).isEqualTo(prefix);
      float[] out = new float[DIMENSION];
      for (int doc = 0; doc < prefix; doc++) {
        assertThat(saved.get(doc, out)).isTrue();
        assertThat(out).containsExactly(expected(doc));
      }
    }
  }

  static float[] expected(int doc) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = doc * 16f + i + SALT;
    }
    return v;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread start(String name, AtomicReference<Throwable> failure, Body body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }, name);
    thread.start();
    return thread;
  }
}
