package io.venndb.store;

import io.venndb.catalog.KeyType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primary key of every doc id, in memory: what a query that returns only keys reads instead
 * of the rows. A row carries all its columns, vectors included, so reading ten keys from RocksDB
 * meant ten random block reads and decompressions out of gigabytes; this column is about
 * 8 bytes per doc plus the key's UTF-8 bytes, and answers from memory. Rows stay the source of
 * truth: the column is filled from them at open and by each commit before it is published.
 *
 * <p>Doc ids are never reused and a doc's key never changes, so the column only grows and needs
 * no versions: a reader asks only for docs live in its view, and those were written before the
 * view was published. A key stays after its doc is deleted (an older view may still ask) until
 * the next open, which fills the column from the current rows only.
 *
 * <p>One writer, many readers. Slots are written in place; growth copies them into a new
 * {@link Slots} published through a volatile field, so a reader sees either holder complete for
 * every doc its view contains.
 */
public final class KeyColumn {
  /** String keys are appended to pages of this many bytes; a longer key gets a page of its own. */
  static final int PAGE_BYTES = 1 << 20;
  private static final int PAGE_SHIFT = 32;

  private final KeyType type;
  private final int pageBytes;
  private volatile Slots slots = new Slots(new long[1024], new long[16], new byte[1][]);
  /** Pages in use and the write position in the last (string keys only; writer's state). */
  private int pageCount;
  private int pageUsed;
  private long bytes;

  /**
   * Per doc: the key itself (LONG) or where its bytes start, page index in the high half and
   * offset in the low half (STRING); {@code present} marks docs that have a key.
   */
  private record Slots(long[] values, long[] present, byte[][] pages) {}

  public KeyColumn(KeyType type) {
    this(type, PAGE_BYTES);
  }

  /** With pages of {@code pageBytes} (small ones let tests cross many pages). */
  KeyColumn(KeyType type, int pageBytes) {
    this.type = type;
    this.pageBytes = pageBytes;
  }

  /** Records the key of a new doc; called by the single writer before the doc is published. */
  public void set(int doc, Object key) {
    Slots s = capacityFor(doc);
    if (type == KeyType.LONG) {
      s.values[doc] = (Long) key;
    } else {
      s = append(s, doc, ((String) key).getBytes(StandardCharsets.UTF_8));
    }
    s.present[doc >>> 6] |= 1L << doc;
  }

  /** The key of {@code doc}; throws if none was recorded (the doc never existed in any view). */
  public Object get(int doc) {
    Slots s = slots;
    if (doc < 0 || doc >= s.values.length || (s.present[doc >>> 6] & (1L << doc)) == 0) {
      throw new IllegalStateException("doc " + doc + " has no recorded primary key");
    }
    long value = s.values[doc];
    if (type == KeyType.LONG) {
      return value;
    }
    byte[] page = s.pages[(int) (value >>> PAGE_SHIFT)];
    int at = (int) value;
    int length = (page[at] & 0xff) << 24 | (page[at + 1] & 0xff) << 16 | (page[at + 2] & 0xff) << 8 | (page[at + 3] & 0xff);
    return new String(page, at + 4, length, StandardCharsets.UTF_8);
  }

  /** Heap bytes held: the per-doc slots and, for string keys, the pages. */
  public long bytes() {
    Slots s = slots;
    return 8L * (s.values.length + s.present.length) + bytes;
  }

  private Slots append(Slots s, int doc, byte[] utf8) {
    int need = 4 + utf8.length;
    if (pageCount == 0 || pageUsed + need > pageBytes) {
      s = newPage(s, Math.max(pageBytes, need));
    }
    byte[] page = s.pages[pageCount - 1];
    int at = pageUsed;
    page[at] = (byte) (utf8.length >>> 24);
    page[at + 1] = (byte) (utf8.length >>> 16);
    page[at + 2] = (byte) (utf8.length >>> 8);
    page[at + 3] = (byte) utf8.length;
    System.arraycopy(utf8, 0, page, at + 4, utf8.length);
    pageUsed = at + need;
    s.values[doc] = (long) (pageCount - 1) << PAGE_SHIFT | at;
    return s;
  }

  private Slots newPage(Slots s, int size) {
    byte[][] pages = s.pages;
    if (pageCount == pages.length) {
      s = publish(new Slots(s.values, s.present, Arrays.copyOf(pages, pages.length * 2)));
    }
    s.pages[pageCount++] = new byte[size];
    bytes += size;
    pageUsed = 0;
    return s;
  }

  private Slots capacityFor(int doc) {
    Slots s = slots;
    if (doc < s.values.length) {
      return s;
    }
    int capacity = Math.max(doc + 1, (int) Math.min(Integer.MAX_VALUE - 8, s.values.length * 3L / 2));
    long[] present = Arrays.copyOf(s.present, (capacity + 63) >>> 6);
    return publish(new Slots(Arrays.copyOf(s.values, capacity), present, s.pages));
  }

  private Slots publish(Slots grown) {
    slots = grown;
    return grown;
  }
}
