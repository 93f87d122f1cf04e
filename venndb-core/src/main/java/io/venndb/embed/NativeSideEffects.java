package io.venndb.embed;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the native libraries behind the embedder from writing into the user's home directory. Every
 * setting is applied only when the user has not chosen one, and before the libraries load.
 *
 * <ul>
 *   <li>DJL extracts its tokenizer library under {@code ~/.djl.ai}; it reads {@code
 *       ENGINE_CACHE_DIR}, then {@code DJL_CACHE_DIR}, each from the environment first and then
 *       from system properties. We set the property under the VennDB cache directory.
 *   <li>JNA (loaded by DJL's platform probe) unpacks into {@code ~/.cache/JNA} unless {@code
 *       jna.tmpdir} is set.
 *   <li>ONNX Runtime 1.29 creates {@code ~/.cache/Microsoft/DeveloperTools} with a device id when
 *       its environment starts, before {@code setTelemetry(false)} can run. Only the {@code
 *       ORT_DISABLE_TELEMETRY} environment variable prevents that, so we set it in the process
 *       environment through libc, which the native library reads.
 * </ul>
 */
final class NativeSideEffects {
  private static final System.Logger LOG = System.getLogger(NativeSideEffects.class.getName());
  private static boolean applied;

  private NativeSideEffects() {}

  static synchronized void apply() {
    if (applied) {
      return;
    }
    applied = true;
    Path cacheDir = CacheLocation.resolve();
    if (!chosenByUser("ENGINE_CACHE_DIR") && !chosenByUser("DJL_CACHE_DIR")) {
      System.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
    }
    if (System.getProperty("jna.tmpdir") == null) {
      System.setProperty("jna.tmpdir", cacheDir.resolve("jna").toString());
    }
    if (System.getenv("ORT_DISABLE_TELEMETRY") == null) {
      setNativeEnvironment("ORT_DISABLE_TELEMETRY", "1");
    }
  }

  /** DJL's own lookup rule: a non-empty environment variable or system property. */
  private static boolean chosenByUser(String name) {
    String env = System.getenv(name);
    String property = System.getProperty(name);
    return (env != null && !env.isEmpty()) || (property != null && !property.isEmpty());
  }

  /**
   * Calls {@code setenv(name, value, 0)}: never overwrites, and is invisible to {@link
   * System#getenv} (the JVM caches the environment at start), which is fine because only native
   * code reads this variable. Where libc or native access is unavailable the folder is created and
   * we say why at debug level.
   */
  private static void setNativeEnvironment(String name, String value) {
    Linker linker = Linker.nativeLinker();
    Optional<MemorySegment> setenv = linker.defaultLookup().find("setenv");
    if (setenv.isEmpty()) {
      LOG.log(Level.DEBUG, "no setenv in libc; ONNX Runtime telemetry stays at its default");
      return;
    }
    FunctionDescriptor signature =
        FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    try (Arena arena = Arena.ofConfined()) {
      MethodHandle handle = linker.downcallHandle(setenv.get(), signature);
      int rc = (int) handle.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 0);
      if (rc != 0) {
        LOG.log(Level.DEBUG, "setenv({0}) returned {1}", name, rc);
      }
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      // IllegalCallerException when native access is not enabled: a missed opt-out, not an error.
      LOG.log(Level.DEBUG, "could not set " + name + " for ONNX Runtime", e);
    }
  }
}
