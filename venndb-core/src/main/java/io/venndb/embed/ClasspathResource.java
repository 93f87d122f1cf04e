package io.venndb.embed;

import io.venndb.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Model files ship as classpath resources so nothing is downloaded at run time. */
final class ClasspathResource {
  private ClasspathResource() {}

  static byte[] read(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("cannot read classpath resource " + name, e);
    }
  }

  /** The caller closes the stream. */
  static InputStream open(String name) {
    InputStream in = ClasspathResource.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new StorageException(
          "classpath resource " + name + " is missing; is the model jar on the classpath?",
          new UncheckedIOException(new IOException("not found: " + name)));
    }
    return in;
  }
}
