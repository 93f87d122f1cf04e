package io.venndb.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine, JVM and source revision a run is recorded with. */
public final class Environment {
  private Environment() {}

  public static BenchResults.Machine machine() {
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    return new BenchResults.Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
        "JDK " + Runtime.version(), System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory(), physical);
  }

  /** The one-minute load average (runnable threads across the machine); -1 where unknown. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  /** Short commit id of {@code repo}, or "unknown". */
  public static String commit(Path repo) {
    String out = git(repo, "rev-parse", "--short=12", "HEAD");
    return out == null || out.isBlank() ? "unknown" : out.strip();
  }

  /** Whether tracked files differ from the commit. */
  public static boolean dirty(Path repo) {
    String out = git(repo, "status", "--porcelain", "--untracked-files=no");
    return out != null && !out.isBlank();
  }

  private static String git(Path repo, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
