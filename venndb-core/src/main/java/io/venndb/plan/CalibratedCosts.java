package io.venndb.plan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Unit costs as measured by {@link CostCalibration}, with what they were measured on: the number
 * of live rows (costs of a scan that fits a cache differ from one that does not) and the machine.
 * Kept in a {@link CostsFile} so that a reopened collection plans with the same prices instead of
 * measuring again: plans stay stable across restarts and the first query pays no calibration.
 *
 * @param costs the measured prices
 * @param liveRows live rows when they were measured
 * @param machine {@link #currentMachine()} when they were measured
 */
record CalibratedCosts(UnitCosts costs, long liveRows, String machine) {
  /** The collection may grow or shrink this many times before its costs are measured again. */
  static final double SIZE_FACTOR = 4;

  /** True when these costs still describe a collection of {@code liveRows} on {@code machine}. */
  boolean fits(long liveRows, String machine) {
    double ratio = (double) Math.max(liveRows, 1) / Math.max(this.liveRows, 1);
    return this.machine.equals(machine) && ratio < SIZE_FACTOR && ratio > 1 / SIZE_FACTOR;
  }

  /**
   * What makes measured costs transferable: CPU, core count, JVM build (a different JIT or vector
   * width changes every price) and the generation of the scoring code, which is raised when a
   * change to it moves the prices (2: batched scoring of scattered vectors; 3: sketched exact
   * scans; 4: the figures timed in interleaved rounds, so that figures one stall skewed are
   * measured again; 5: graph walks on sketch estimates; 6: bit scans priced). A database
   * directory copied to another machine, or opened by code that scores or measures differently,
   * measures again.
   */
  static final int SCORING_GENERATION = 6;

  static String currentMachine() {
    return Machine.DESCRIPTION;
  }

  /** Read once per process (it is consulted at every query; /proc/cpuinfo is not free). */
  private static final class Machine {
    static final String DESCRIPTION = String.join("|", System.getProperty("os.arch", "?"), cpuModel(),
        Runtime.getRuntime().availableProcessors() + " cpus", Runtime.version().toString(),
        "scoring " + SCORING_GENERATION);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (Exception e) {
      // not Linux, or not readable: the remaining fields still tell most machines apart
    }
    return "unknown cpu";
  }
}
