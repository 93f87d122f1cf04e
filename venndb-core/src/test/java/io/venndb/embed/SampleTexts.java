package io.venndb.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Short package-description-like texts of random length, from a seeded generator. */
final class SampleTexts {
  private static final String[] WORDS = {
    "library",
    "tool",
    "daemon",
    "utility",
    "fast",
    "small",
    "secure",
    "network",
    "file",
    "system",
    "editor",
    "terminal",
    "graphics",
    "audio",
    "video",
    "python",
    "bindings",
    "for",
    "the",
    "and",
    "development",
    "files",
    "documentation",
    "server",
    "client",
    "protocol",
    "compression",
    "image",
    "parser",
    "XML",
    "JSON",
    "shared",
    "runtime",
    "kernel",
    "module",
    "font",
    "TrueType",
    "web",
    "browser",
    "mail",
    "transfer",
    "agent",
    "database",
    "SQL",
    "backup",
    "archive",
    "monitor",
    "plugin",
    "GNOME",
    "KDE",
    "command-line",
    "interface",
    "cryptographic",
    "certificate",
    "game"
  };

  private SampleTexts() {}

  static List<String> descriptions(SplittableRandom random, int count, int maxWords) {
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add(words(random, random.nextInt(maxWords + 1)));
    }
    return texts;
  }

  static String words(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
