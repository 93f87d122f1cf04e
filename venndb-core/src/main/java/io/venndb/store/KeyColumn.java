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
 * <p>One writer, many readers, no locks: the per-doc slots are a {@link LongsByDoc}, and the
 * pages of string keys grow the same way (copied, then republished through a volatile field).
 */
public final class KeyColumn {
  /** String keys are appended to pages of this many bytes; a longer key gets a page of its own. */
  static final int PAGE_BYTES = 1 << 20;
  private static final int PAGE_SHIFT = 32;

  private final KeyType type;
  private final int pageBytes;
  /** Per doc: the key itself (LONG) or where its bytes start, page in the high half (STRING). */
  private final LongsByDoc slots = new LongsByDoc();
  /** String keys' pages; grown by copy and republished, like the slots. */
  private volatile byte[][] pages = new byte[1][];
  /** Pages in use and the write position in the last (writer's state). */
  private int pageCount;
  private int pageUsed;
  private long pageBytesAllocated;

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
    slots.set(doc, type == KeyType.LONG ? (Long) key : append(((String) key).getBytes(StandardCharsets.UTF_8)));
  }

  /** The key of {@code doc}; throws if none was recorded (the doc never existed in any view). */
  public Object get(int doc) {
    if (!slots.has(doc)) {
      throw new IllegalStateException("doc " + doc + " has no recorded primary key");
    }
    long value = slots.get(doc);
    if (type == KeyType.LONG) {
      return value;
    }
    byte[] page = pages[(int) (value >>> PAGE_SHIFT)];
    int at = (int) value;
    int length = (page[at] & 0xff) << 24 | (page[at + 1] & 0xff) << 16 | (page[at + 2] & 0xff) << 8 | (page[at + 3] & 0xff);
    return new String(page, at + 4, length, StandardCharsets.UTF_8);
  }

  /** Heap bytes held: the per-doc slots and, for string keys, the pages. */
  public long bytes() {
    return slots.bytes() + pageBytesAllocated;
  }

  /** Appends a length-prefixed key to the current page (a new one when it does not fit); its address. */
  private long append(byte[] utf8) {
    int need = 4 + utf8.length;
    if (pageCount == 0 || pageUsed + need > pageBytes) {
      newPage(Math.max(pageBytes, need));
    }
    byte[] page = pages[pageCount - 1];
    int at = pageUsed;
    page[at] = (byte) (utf8.length >>> 24);
    page[at + 1] = (byte) (utf8.length >>> 16);
    page[at + 2] = (byte) (utf8.length >>> 8);
    page[at + 3] = (byte) utf8.length;
    System.arraycopy(utf8, 0, page, at + 4, utf8.length);
    pageUsed = at + need;
    return (long) (pageCount - 1) << PAGE_SHIFT | at;
  }

  private void newPage(int size) {
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    pages[pageCount++] = new byte[size];
    pageBytesAllocated += size;
    pageUsed = 0;
  }
}
