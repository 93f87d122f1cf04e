package io.venndb.bench.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFilesTest {
  @TempDir
  Path dir;

  @Test
  void readsBackWhatItWroteAndIgnoresDamage() throws Exception {
    CacheFiles cache = new CacheFiles(dir);
    cache.write("t", 42, out -> {
      out.writeInt(7);
      out.writeUTF("hello");
    });
    CacheFiles.Reader<String> reader = in -> in.readInt() + ":" + in.readUTF();
    String value = cache.read("t", 42, reader);
    assertThat(value).isEqualTo("7:hello");
    String missing = cache.read("t", 43, reader);
    assertThat(missing).isNull();
    Path file = cache.file("t", 42);
    byte[] bytes = Files.readAllBytes(file);
    bytes[17] ^= 1;
    Files.write(file, bytes);
    String damaged = cache.read("t", 42, reader);
    assertThat(damaged).isNull();
  }
}
