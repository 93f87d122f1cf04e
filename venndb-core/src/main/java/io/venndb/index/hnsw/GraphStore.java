package io.venndb.index.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The links of an HNSW graph, indexed by doc id, in pages that are added and never moved.
 *
 * <p>Layer 0 holds most links, so it is one flat {@code int[]} per page with a fixed block per
 * node: {@code [version, count, neighbour...]} with room for {@code 2M} neighbours, as in
 * hnswlib. Blocks are rewritten in place and read under a seqlock: a reader copies the block
 * and retries when the version moved, so it never sees a half-written list. Bit 0 of the version
 * is the node's lock for writers (a read-modify-write of its lists); bit 1 says "being written";
 * each write adds 4. Upper layers hold few nodes, so their lists are exact-size arrays replaced
 * whole (copy on write) and read with acquire semantics.
 *
 * <p>A node is published (its level and empty lists) before any list names it, so a reader that
 * finds a node through a link sees the node completely, if not yet all its links.
 */
final class GraphStore {
  static final int MAX_LEVEL = 15;
  static final long NO_ENTRY = -1L;
  static final int PAGE_SHIFT = 9;
  private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
  private static final int PAGE_MASK = PAGE_SIZE - 1;
  private static final int HEADER = 2;
  private static final int LOCKED = 1, WRITING = 2, VERSION_STEP = 4;
  private static final int[] NO_LINKS = new int[0];

  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);
  private static final VarHandle LISTS = MethodHandles.arrayElementVarHandle(int[][].class);
  private static final VarHandle ENTRY;

  static {
    try {
      ENTRY = MethodHandles.lookup().findVarHandle(GraphStore.class, "entry", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int m;
  private final int maxConn0;
  private final int stride;
  private final AtomicInteger size = new AtomicInteger();
  private volatile Page[] pages = new Page[0];
  /** (level << 32) | node of the entry point, or {@link #NO_ENTRY}; changed by CAS only. */
  @SuppressWarnings("unused") // through ENTRY
  private volatile long entry = NO_ENTRY;

  /** One block of {@code PAGE_SIZE} doc ids. */
  private static final class Page {
    final int[] layer0;
    /** Level + 1 per node; 0 means the doc is not in the graph. */
    final byte[] levels = new byte[PAGE_SIZE];
    /** Per node, the lists of layers 1..level; null for nodes on layer 0 only. */
    final int[][][] upper = new int[PAGE_SIZE][][];

    Page(int stride) {
      layer0 = new int[PAGE_SIZE * stride];
    }
  }

  GraphStore(int m) {
    this.m = m;
    this.maxConn0 = 2 * m;
    this.stride = HEADER + maxConn0;
  }

  /** Most neighbours a node keeps on {@code layer}: 2M on layer 0, M above. */
  int maxConn(int layer) {
    return layer == 0 ? maxConn0 : m;
  }

  /** Link capacity of a layer-0 node (2M). */
  int layer0Links() {
    return maxConn0;
  }

  int size() {
    return size.get();
  }

  long entry() {
    return (long) ENTRY.getVolatile(this);
  }

  static int entryNode(long entry) {
    return (int) entry;
  }

  static int entryLevel(long entry) {
    return (int) (entry >>> 32);
  }

  static long packEntry(int node, int level) {
    return ((long) level << 32) | node;
  }

  /** Makes {@code node} the entry point unless a node of at least the same level already is. */
  void raiseEntry(int node, int level) {
    long wanted = packEntry(node, level);
    for (long current = entry(); current == NO_ENTRY || entryLevel(current) < level;
        current = entry()) {
      if (ENTRY.compareAndSet(this, current, wanted)) {
        return;
      }
    }
  }

  /** Level of {@code doc}, or -1 when it is not in the graph. */
  int level(int doc) {
    Page page = page(doc);
    return page == null ? -1 : (byte) BYTES.getAcquire(page.levels, doc & PAGE_MASK) - 1;
  }

  boolean contains(int doc) {
    return level(doc) >= 0;
  }

  /** Publishes {@code doc} with empty lists on layers 0..level; false if it was already a node. */
  boolean addNode(int doc, int level) {
    assert level >= 0 && level <= MAX_LEVEL : "level " + level;
    Page page = pageForWrite(doc);
    int slot = doc & PAGE_MASK;
    lock(doc); // two builder threads must not add the same doc twice
    try {
      if (page.levels[slot] != 0) {
        return false;
      }
      if (level > 0) {
        int[][] lists = new int[level][];
        Arrays.fill(lists, NO_LINKS);
        page.upper[slot] = lists; // published by the release below
      }
      BYTES.setRelease(page.levels, slot, (byte) (level + 1));
      size.incrementAndGet();
      return true;
    } finally {
      unlock(doc);
    }
  }

  /** Copies the neighbours of {@code doc} on {@code layer} into {@code out}; returns the count. */
  int neighbors(int doc, int layer, int[] out) {
    Page page = page(doc);
    int slot = doc & PAGE_MASK;
    if (layer > 0) {
      int[] list = (int[]) LISTS.getAcquire(page.upper[slot], layer - 1);
      System.arraycopy(list, 0, out, 0, list.length);
      return list.length;
    }
    int base = slot * stride;
    while (true) {
      int before = (int) INTS.getAcquire(page.layer0, base);
      if ((before & WRITING) != 0) {
        Thread.onSpinWait();
        continue;
      }
      // The count may be torn; clamp it so the copy stays in bounds until validation rejects it.
      int count = Math.clamp(page.layer0[base + 1], 0, maxConn0);
      System.arraycopy(page.layer0, base + HEADER, out, 0, count);
      VarHandle.acquireFence();
      int after = (int) INTS.getAcquire(page.layer0, base);
      if ((before | LOCKED) == (after | LOCKED)) {
        return count;
      }
    }
  }

  /** Replaces the list of {@code doc} on {@code layer}; the caller holds {@code doc}'s lock. */
  void setNeighbors(int doc, int layer, int[] list, int count) {
    assert count <= maxConn(layer) : count + " links on layer " + layer;
    Page page = page(doc);
    int slot = doc & PAGE_MASK;
    if (layer > 0) {
      LISTS.setRelease(page.upper[slot], layer - 1, Arrays.copyOf(list, count));
      return;
    }
    int base = slot * stride;
    int version = page.layer0[base];
    assert (version & LOCKED) != 0 : "setNeighbors without the node lock";
    INTS.setOpaque(page.layer0, base, version | WRITING);
    VarHandle.storeStoreFence(); // the WRITING mark must be visible before any list store
    page.layer0[base + 1] = count;
    System.arraycopy(list, 0, page.layer0, base + HEADER, count);
    INTS.setRelease(page.layer0, base, version + VERSION_STEP);
  }

  /** Takes the per-node writer lock; held only around one list update, never two at once. */
  void lock(int doc) {
    Page page = page(doc);
    int base = (doc & PAGE_MASK) * stride;
    while (true) {
      int version = (int) INTS.getVolatile(page.layer0, base);
      if ((version & LOCKED) == 0
          && INTS.compareAndSet(page.layer0, base, version, version | LOCKED)) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  void unlock(int doc) {
    Page page = page(doc);
    int base = (doc & PAGE_MASK) * stride;
    INTS.setRelease(page.layer0, base, page.layer0[base] & ~LOCKED);
  }

  /** One past the largest doc id a page exists for. */
  int docCapacity() {
    return pages.length << PAGE_SHIFT;
  }

  /** Bytes held by links, levels and page bookkeeping (compressed oops, 16-byte array headers). */
  long linkBytes() {
    long bytes = 16 + 4L * pages.length;
    for (Page page : pages) {
      if (page == null) {
        continue;
      }
      bytes += 16 + 16 + 4L * page.layer0.length + 16 + PAGE_SIZE + 16 + 4L * PAGE_SIZE;
      for (int[][] lists : page.upper) {
        if (lists != null) {
          bytes += align(16 + 4L * lists.length);
          for (int[] list : lists) {
            bytes += align(16 + 4L * list.length);
          }
        }
      }
    }
    return bytes;
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private Page page(int doc) {
    Page[] current = pages;
    int index = doc >>> PAGE_SHIFT;
    return index < current.length ? current[index] : null;
  }

  private Page pageForWrite(int doc) {
    Page page = page(doc);
    return page != null ? page : addPage(doc >>> PAGE_SHIFT);
  }

  /** Rare (once per 512 docs), so builder threads simply take turns. */
  private synchronized Page addPage(int index) {
    Page[] current = pages;
    if (index < current.length && current[index] != null) {
      return current[index];
    }
    int length = index < current.length
        ? current.length
        : Math.max(index + 1, current.length + (current.length >> 1));
    Page[] grown = Arrays.copyOf(current, length);
    grown[index] = new Page(stride);
    pages = grown; // the page is fully built before the array naming it is published
    return grown[index];
  }
}
