package io.venndb.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages follow the data flow and dependencies point down (STYLE.md): each package may import
 * only packages of a lower layer. A new package must be placed in {@link #LAYERS} on purpose.
 */
class PackageDependencyTest {
  /** Layer of each package; a package imports only lower layers (and itself). */
  static final Map<String, Integer> LAYERS = Map.ofEntries(
      Map.entry("error", 0),
      Map.entry("sets", 1), Map.entry("vector", 1),
      Map.entry("catalog", 2), Map.entry("embed", 2),
      Map.entry("store", 3),
      Map.entry("index", 4),
      Map.entry("ingest", 5),
      Map.entry("query", 6),
      Map.entry("plan", 7),
      Map.entry("api", 8),
      Map.entry("datasets", 9),
      Map.entry("cli", 10));

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.venndb\\.([a-z]+)\\.", Pattern.MULTILINE);
  private static final Pattern VECTOR_MODULE = Pattern.compile("^import jdk\\.incubator\\.vector\\.", Pattern.MULTILINE);

  @Test
  void dependenciesPointDown() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : mainSources()) {
      String pkg = packageOf(file);
      assertThat(LAYERS).as("layer of package io.venndb.%s (%s)", pkg, file).containsKey(pkg);
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String target = m.group(1);
        if (!target.equals(pkg) && (!LAYERS.containsKey(target) || LAYERS.get(target) >= LAYERS.get(pkg))) {
          violations.add(file.getFileName() + " (" + pkg + ") imports " + target);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void onlyTheVectorPackageUsesTheIncubatorModule() throws IOException {
    List<String> users = new ArrayList<>();
    for (Path file : mainSources()) {
      if (VECTOR_MODULE.matcher(Files.readString(file)).find() && !packageOf(file).equals("vector")) {
        users.add(file.toString());
      }
    }
    assertThat(users).isEmpty();
  }

  private static List<Path> mainSources() throws IOException {
    Path root = Path.of("src/main/java/io/venndb");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static String packageOf(Path file) {
    Path rel = Path.of("src/main/java/io/venndb").relativize(file);
    return rel.getName(0).toString();
  }
}
