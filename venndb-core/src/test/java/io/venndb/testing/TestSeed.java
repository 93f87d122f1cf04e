package io.venndb.testing;

import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The one source of randomness in tests. Each test gets a seed derived from the run seed and its
 * own name, so adding a test does not change the others. The run seed is random unless
 * {@code -Dvenndb.tests.seed=HEX} replays one; every failure prints the seed that reproduces it.
 *
 * <p>Use: {@code @ExtendWith(TestSeed.class)} on the class, then {@code TestSeed.random(this)} or
 * {@code TestSeed.random("name")} inside a test.
 */
public final class TestSeed implements TestWatcher {
  private static final long RUN_SEED = initialSeed();

  private static long initialSeed() {
    String property = System.getProperty("venndb.tests.seed", "");
    if (!property.isBlank()) {
      return Long.parseUnsignedLong(property.trim().replaceFirst("^0x", ""), 16);
    }
    // The one place allowed to read entropy: it picks the run seed, which every failure prints.
    return new SplittableRandom().nextLong() ^ System.nanoTime();
  }

  /** The run seed, in the form {@code -Dvenndb.tests.seed} accepts. */
  public static String runSeed() {
    return Long.toHexString(RUN_SEED);
  }

  /** A random stream for one named purpose, reproducible from the run seed. */
  public static SplittableRandom random(String purpose) {
    return new SplittableRandom(mix(RUN_SEED, purpose.hashCode()));
  }

  public static long seedFor(String purpose) {
    return mix(RUN_SEED, purpose.hashCode());
  }

  private static long mix(long a, long b) {
    long z = a + 0x9E3779B97F4A7C15L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.err.printf(
        "%n*** %s failed; reproduce with -Dvenndb.tests.seed=%s%n", context.getDisplayName(), runSeed());
  }
}
