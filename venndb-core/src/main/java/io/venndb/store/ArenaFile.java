package io.venndb.store;

import io.venndb.error.CorruptionException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The on-disk form of a {@link VectorArena}. All numbers are little-endian.
 *
 * <pre>
 * offset  size           field
 * 0       8              magic "VNDBVECS"
 * 8       4              format version (1)
 * 12      4              dimension d
 * 16      4              doc-id slots n (maxDocExclusive)
 * 20      4              vector count c (docs with a vector)
 * 24      8              generation (the caller's commit point this file reflects)
 * 32      8 * ceil(n/64) presence bitset, bit i of word w = doc 64w + i
 * ...     4 * d * c      vectors of the present docs in increasing doc id, float32
 * end-4   4              CRC32C of every byte before it
 * </pre>
 *
 * Reading checks, in order: magic, version, dimension, that the counts are possible and that the
 * file length is exactly what the header implies (so truncation is caught before allocating),
 * that the bitset holds c bits all below n, and finally the checksum. Any failure is a {@link
 * CorruptionException} naming the file.
 */
final class ArenaFile {
  static final byte[] MAGIC = "VNDBVECS".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 32;

  private ArenaFile() {}

  static long expectedLength(int dimension, int slots, int count) {
    return HEADER_BYTES + 8L * words(slots) + 4L * dimension * count + 4;
  }

  static void write(VectorArena arena, Path file, long generation) throws IOException {
    int slots = arena.maxDocExclusive();
    long[] presence = presenceSnapshot(arena, slots); // later appends are not part of this file
    int count = Math.toIntExact(Arrays.stream(presence).map(Long::bitCount).sum());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (ChecksummedFileWriter out = new ChecksummedFileWriter(temp, 4L * arena.dimension())) {
      writeHeader(out, arena.dimension(), slots, count, generation);
      for (long word : presence) {
        out.putLong(word);
      }
      for (int doc = nextDoc(presence, 0); doc >= 0; doc = nextDoc(presence, doc + 1)) {
        out.put(arena.segmentOf(doc), arena.byteOffsetOf(doc), 4L * arena.dimension());
      }
      out.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  static VectorArena read(Path file, int expectedDimension) throws IOException {
    try (ArenaFileReader in = new ArenaFileReader(file)) {
      Header header = readHeader(in, expectedDimension);
      long[] presence = readPresence(in, header);
      VectorArena arena = new VectorArena(header.dimension);
      try {
        for (int doc = nextDoc(presence, 0); doc >= 0; doc = nextDoc(presence, doc + 1)) {
          arena.set(doc, in.next(4L * header.dimension), 0);
        }
        in.verifyChecksum();
        arena.restoreGeneration(header.generation);
        return arena;
      } catch (RuntimeException | IOException e) {
        arena.close();
        throw e;
      }
    }
  }

  private record Header(int dimension, int slots, int count, long generation) {}

  private static void writeHeader(
      ChecksummedFileWriter out, int dimension, int slots, int count, long generation) throws IOException {
    out.put(MemorySegment.ofArray(MAGIC), 0, MAGIC.length);
    out.putInt(VERSION);
    out.putInt(dimension);
    out.putInt(slots);
    out.putInt(count);
    out.putLong(generation);
  }

  private static Header readHeader(ArenaFileReader in, int expectedDimension) throws IOException {
    MemorySegment magic = in.next(MAGIC.length);
    if (magic.mismatch(MemorySegment.ofArray(MAGIC)) != -1) {
      throw in.corrupt("bad magic; not a VennDB vector arena file");
    }
    int version = in.nextInt();
    if (version != VERSION) {
      throw in.corrupt("unsupported format version " + version + "; this build reads " + VERSION);
    }
    int dimension = in.nextInt();
    if (dimension != expectedDimension) {
      throw in.corrupt("dimension " + dimension + " does not match the expected " + expectedDimension);
    }
    Header header = new Header(dimension, in.nextInt(), in.nextInt(), in.nextLong());
    if (header.slots < 0 || header.count < 0 || header.count > header.slots) {
      throw in.corrupt("impossible counts: " + header.count + " vectors in " + header.slots + " slots");
    }
    in.requireLength(expectedLength(dimension, header.slots, header.count));
    return header;
  }

  private static long[] readPresence(ArenaFileReader in, Header header) throws IOException {
    long[] presence = new long[words(header.slots)];
    long count = 0;
    for (int i = 0; i < presence.length; i++) {
      presence[i] = in.nextLong();
      count += Long.bitCount(presence[i]);
    }
    int tailBits = header.slots & 63;
    if (tailBits != 0 && presence[presence.length - 1] >>> tailBits != 0) {
      throw in.corrupt("presence bits set beyond " + header.slots + " slots");
    }
    if (count != header.count) {
      throw in.corrupt("presence bitset has " + count + " docs; header says " + header.count);
    }
    return presence;
  }

  private static long[] presenceSnapshot(VectorArena arena, int slots) {
    long[] presence = new long[words(slots)];
    for (int doc = 0; doc < slots; doc++) {
      if (arena.has(doc)) {
        presence[doc >>> 6] |= 1L << doc;
      }
    }
    return presence;
  }

  /** The first doc at or after {@code from} whose bit is set, or -1. */
  private static int nextDoc(long[] presence, int from) {
    int index = from >>> 6;
    if (index >= presence.length) {
      return -1;
    }
    long word = presence[index] & (-1L << from);
    while (word == 0) {
      if (++index == presence.length) {
        return -1;
      }
      word = presence[index];
    }
    return index * 64 + Long.numberOfTrailingZeros(word);
  }

  private static int words(int slots) {
    return (int) ((slots + 63L) >>> 6);
  }

  /** Makes the rename durable: on Linux a directory entry survives a crash only after this. */
  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
