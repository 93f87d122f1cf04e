package io.venndb.bench.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TEXMEX vector formats (SIFT, GIST, …): each record is a little-endian int32 dimension
 * followed by that many components — float32 in {@code .fvecs}, int32 in {@code .ivecs}
 * (ground-truth neighbour ids), unsigned bytes in {@code .bvecs}. Every record of a file must have
 * the same dimension; a truncated record is an error naming the file and the record.
 */
public final class VecFiles {
  /** Component encodings. */
  public enum Kind {
    FVECS(4), IVECS(4), BVECS(1);

    final int bytes;

    Kind(int bytes) {
      this.bytes = bytes;
    }

    /** By file extension: .fvecs, .ivecs or .bvecs. */
    public static Kind of(Path file) {
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      for (Kind k : values()) {
        if (name.endsWith("." + k.name().toLowerCase(java.util.Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException(file + ": expected a .fvecs, .ivecs or .bvecs file");
    }
  }

  private VecFiles() {}

  /** Reads up to {@code limit} float vectors from an .fvecs or .bvecs file. */
  public static float[][] readFloats(Path file, int limit) throws IOException {
    Kind kind = Kind.of(file);
    if (kind == Kind.IVECS) {
      throw new IllegalArgumentException(file + " holds integers (ivecs), not vectors");
    }
    List<float[]> out = new ArrayList<>();
    read(file, kind, limit, (record, dim) -> {
      float[] v = new float[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = kind == Kind.FVECS ? record.getFloat() : Byte.toUnsignedInt(record.get());
      }
      out.add(v);
    });
    return out.toArray(float[][]::new);
  }

  /** Reads up to {@code limit} int vectors (neighbour lists) from an .ivecs file. */
  public static int[][] readInts(Path file, int limit) throws IOException {
    if (Kind.of(file) != Kind.IVECS) {
      throw new IllegalArgumentException(file + ": expected an .ivecs file");
    }
    List<int[]> out = new ArrayList<>();
    read(file, Kind.IVECS, limit, (record, dim) -> {
      int[] v = new int[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = record.getInt();
      }
      out.add(v);
    });
    return out.toArray(int[][]::new);
  }

  public static void writeFloats(Path file, float[][] vectors) throws IOException {
    write(file, vectors.length, i -> vectors[i].length, (buf, i) -> {
      for (float x : vectors[i]) {
        buf.putFloat(x);
      }
    }, 4);
  }

  public static void writeInts(Path file, int[][] vectors) throws IOException {
    write(file, vectors.length, i -> vectors[i].length, (buf, i) -> {
      for (int x : vectors[i]) {
        buf.putInt(x);
      }
    }, 4);
  }

  /** Writes bytes 0..255; components outside that range are an error. */
  public static void writeBytes(Path file, float[][] vectors) throws IOException {
    write(file, vectors.length, i -> vectors[i].length, (buf, i) -> {
      for (float x : vectors[i]) {
        if (x < 0 || x > 255 || x != Math.rint(x)) {
          throw new IllegalArgumentException("bvecs component " + x + " is not an integer in 0..255");
        }
        buf.put((byte) x);
      }
    }, 1);
  }

  private interface RecordReader {
    void accept(ByteBuffer record, int dimension);
  }

  private interface RecordWriter {
    void accept(ByteBuffer buffer, int index);
  }

  private static void read(Path file, Kind kind, int limit, RecordReader reader) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] header = new byte[4];
      int expected = -1;
      byte[] body = new byte[0];
      for (int n = 0; n < limit; n++) {
        int got = in.readNBytes(header, 0, 4);
        if (got == 0) {
          return;
        }
        if (got < 4) {
          throw new EOFException(file + ": record " + n + " is truncated in its dimension field");
        }
        int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (dim <= 0 || (expected >= 0 && dim != expected)) {
          throw new IOException(file + ": record " + n + " has dimension " + dim
              + (expected >= 0 ? ", the first had " + expected : ""));
        }
        if (expected < 0) {
          expected = dim;
          body = new byte[dim * kind.bytes];
        }
        if (in.readNBytes(body, 0, body.length) < body.length) {
          throw new EOFException(file + ": record " + n + " is truncated");
        }
        reader.accept(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN), dim);
      }
    }
  }

  private static void write(Path file, int count, java.util.function.IntUnaryOperator dims, RecordWriter writer,
      int bytesPerComponent) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < count; i++) {
        int dim = dims.applyAsInt(i);
        ByteBuffer buf = ByteBuffer.allocate(4 + dim * bytesPerComponent).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(dim);
        writer.accept(buf, i);
        out.write(buf.array());
      }
    }
  }
}
