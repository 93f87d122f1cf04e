package io.venndb.index.hnsw;

import io.venndb.store.ChecksummedFileWriter;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The on-disk form of an {@link HnswIndex}'s graph; the vectors stay in the arena's own file.
 * All numbers are little-endian.
 *
 * <pre>
 * offset  size      field
 * 0       8         magic "VNDBHNSW"
 * 8       4         format version (1)
 * 12      4         metric: 0 cosine, 1 l2, 2 inner product
 * 16      4         dimension
 * 20      4         M
 * 24      4         efConstruction
 * 28      8         level seed
 * 36      4         node count n
 * 40      4         entry point doc id (-1 when n = 0)
 * 44      4         entry point level, the top level (-1 when n = 0)
 * 48      8 * n     levels: per node in increasing doc id, doc id (4) and level (4)
 * ...               links: per node in the same order, per layer 0..level, a count c (4)
 *                   followed by c neighbour doc ids (4 each)
 * end-4   4         CRC32C of every byte before it
 * </pre>
 *
 * Reading checks the magic, the version, that metric, dimension, M, efConstruction and seed are
 * the expected ones, that n fits the file length, that doc ids increase and have vectors, that
 * levels are in range and the entry point is a node on the top level, that every list fits its
 * layer and names distinct other nodes present on that layer, then the checksum and that the
 * file ends there. Any failure is a {@link io.venndb.error.CorruptionException} naming the file;
 * the caller rebuilds the graph from the rows.
 */
final class GraphFile {
  static final byte[] MAGIC = "VNDBHNSW".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 48;

  private GraphFile() {}

  static int metricCode(Metric metric) {
    return switch (metric) {
      case COSINE -> 0;
      case L2 -> 1;
      case INNER_PRODUCT -> 2;
    };
  }

  /** Writes to a temp file, forces it, renames it over {@code file} and forces the directory. */
  static void write(GraphStore graph, VectorSource vectors, HnswConfig config, Path file)
      throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (ChecksummedFileWriter out = new ChecksummedFileWriter(temp, 0)) {
      new GraphFileWriter(graph, out).write(vectors, config);
      out.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      directory.force(true); // on Linux the rename survives a crash only after this
    }
  }

  static GraphStore read(Path file, VectorSource vectors, HnswConfig config) throws IOException {
    try (GraphFileInput in = new GraphFileInput(file)) {
      return new GraphFileReader(in, vectors, config).read();
    }
  }
}
