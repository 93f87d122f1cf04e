package io.venndb.bench.testing;

import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The one source of randomness in the bench module's tests, as venndb-core's TestSeed: a run
 * seed (random, or {@code -Dvenndb.tests.seed=HEX} to replay), a stream per named purpose, and the
 * seed printed on every failure. Use {@code @ExtendWith(BenchSeed.class)}.
 */
public final class BenchSeed implements TestWatcher {
  private static final long RUN_SEED = initialSeed();

  private static long initialSeed() {
    String property = System.getProperty("venndb.tests.seed", "");
    if (!property.isBlank()) {
      return Long.parseUnsignedLong(property.trim().replaceFirst("^0x", ""), 16);
    }
    // The one place allowed to read entropy: it picks the run seed, which every failure prints.
    return new SplittableRandom().nextLong() ^ System.nanoTime();
  }

  public static String runSeed() {
    return Long.toHexString(RUN_SEED);
  }

  /** A random stream for one named purpose, reproducible from the run seed. */
  public static SplittableRandom random(String purpose) {
    long z = RUN_SEED + 0x9E3779B97F4A7C15L * (purpose.hashCode() + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.err.printf("%n*** %s failed; reproduce with -Dvenndb.tests.seed=%s%n", context.getDisplayName(), runSeed());
  }
}
