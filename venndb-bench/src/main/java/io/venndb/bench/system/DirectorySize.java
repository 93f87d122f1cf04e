package io.venndb.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes of all regular files under a directory. */
public final class DirectorySize {
  private DirectorySize() {}

  public static long of(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // a file removed while walking (a RocksDB compaction) counts as gone
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot size " + dir, e);
    }
  }
}
