package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.error.CorruptionException;
import io.venndb.index.hnsw.HnswConfig;
import io.venndb.index.hnsw.HnswIndex;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.CollectionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.roaringbitmap.RoaringBitmap;

/**
 * The HNSW graphs of one collection, by column position (null where a vector column has none).
 * Graphs are saved on a clean close under {@code <db>/indexes/}, named with the collection's
 * commit generation; an open uses a file only if it is for the current generation and passes its
 * checks, and otherwise builds the graph from the arena with every core.
 */
public final class VectorIndexes {
  private static final System.Logger LOG = System.getLogger(VectorIndexes.class.getName());

  private final CollectionStore store;
  /**
   * Per column, its graph and each thread's searcher over it (scratch reused across queries);
   * null without a graph. Replaced whole when a graph is rebuilt, so a reader sees a graph and
   * searchers that belong together.
   */
  private final AtomicReferenceArray<Slot> slots;

  private record Slot(HnswIndex graph, ThreadLocal<HnswSearcher> searchers) {
    static Slot of(HnswIndex graph) {
      return new Slot(graph, ThreadLocal.withInitial(graph::newSearcher));
    }
  }

  public VectorIndexes(CollectionStore store) {
    this.store = store;
    List<ColumnDef> columns = store.schema().columns();
    this.slots = new AtomicReferenceArray<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).vectorIndex() != null) {
        slots.set(i, Slot.of(HnswIndex.create(store.arena(i), columns.get(i).metric(),
            config(columns.get(i).vectorIndex()))));
      }
    }
  }

  static HnswConfig config(VectorIndexSpec spec) {
    return new HnswConfig(spec.m(), spec.efConstruction(), spec.efSearch(), HnswConfig.DEFAULT_SEED);
  }

  public boolean any() {
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        return true;
      }
    }
    return false;
  }

  /** Heap bytes of every graph's links and levels (the vectors are the arenas' and not counted). */
  public long graphBytes() {
    long bytes = 0;
    for (int i = 0; i < slots.length(); i++) {
      HnswIndex g = graph(i);
      bytes += g == null ? 0 : g.linkBytes();
    }
    return bytes;
  }

  /** The graph of the column at {@code position}, or null. */
  public HnswIndex graph(int position) {
    Slot slot = slots.get(position);
    return slot == null ? null : slot.graph();
  }

  /** This thread's searcher over the graph at {@code position} (scratch reused across queries). */
  public HnswSearcher searcher(int position) {
    return slots.get(position).searchers().get();
  }

  /** Adds a doc whose vectors are already in the arenas to every graph whose column it has a value in. */
  public void insert(int docId, long levelKey, float[][] arenaVectors) {
    for (int i = 0; i < slots.length(); i++) {
      HnswIndex g = graph(i);
      if (g != null && arenaVectors[i] != null) {
        g.insert(docId, levelKey);
      }
    }
  }

  /** Adds many docs with every core (bulk loads); docs without a vector in a column are skipped. */
  public void insertAll(int[] docIds, long[] levelKeys) {
    for (int i = 0; i < slots.length(); i++) {
      if (graph(i) != null) {
        insertWithVectors(i, docIds, levelKeys);
      }
    }
  }

  private void insertWithVectors(int position, int[] docIds, long[] levelKeys) {
    int n = 0;
    int[] docs = new int[docIds.length];
    long[] keys = new long[docIds.length];
    for (int j = 0; j < docIds.length; j++) {
      if (store.arena(position).has(docIds[j])) {
        docs[n] = docIds[j];
        keys[n++] = levelKeys[j];
      }
    }
    graph(position).insertAll(java.util.Arrays.copyOf(docs, n), java.util.Arrays.copyOf(keys, n), threads());
  }

  /**
   * On open: loads each graph from its file when {@code arenasCurrent} (the arenas came from
   * files of the current generation) and the graph file is current and intact; builds it from the
   * live docs otherwise.
   */
  public void loadOrBuild(boolean arenasCurrent, RoaringBitmap live, IntToLongFunction levelKeys) {
    for (int i = 0; i < slots.length(); i++) {
      HnswIndex current = graph(i);
      if (current != null) {
        HnswIndex loaded = arenasCurrent ? tryLoad(i) : null;
        slots.set(i, Slot.of(loaded != null ? loaded : buildOver(i, current, live, levelKeys)));
      }
    }
  }

  /**
   * Replaces every graph by a fresh one over {@code live} only, built with every core: deleted
   * rows stop costing traversal steps and links. Queries running meanwhile keep the old graphs;
   * the caller must keep writers out until this returns (a doc committed during the build would
   * be in neither graph). Returns, per rebuilt column, its node count before and after.
   */
  public List<GraphRebuild> rebuild(RoaringBitmap live, IntToLongFunction levelKeys) {
    List<GraphRebuild> out = new ArrayList<>();
    for (int i = 0; i < slots.length(); i++) {
      HnswIndex old = graph(i);
      if (old != null) {
        long start = System.nanoTime();
        HnswIndex fresh = buildOver(i, old, live, levelKeys);
        slots.set(i, Slot.of(fresh));
        out.add(new GraphRebuild(store.schema().columns().get(i).name(), old.size(), fresh.size(),
            (System.nanoTime() - start) / 1e9));
      }
    }
    return out;
  }

  /**
   * A graph like {@code like} over the column's current arena: the store replaces arenas on
   * open (loaded from files), so a graph created before that must not be copied with its own.
   */
  private HnswIndex buildOver(int position, HnswIndex like, RoaringBitmap live, IntToLongFunction levelKeys) {
    return HnswIndex.build(store.arena(position), like.metric(), like.config(), live, levelKeys, threads());
  }

  private HnswIndex tryLoad(int position) {
    Path file = file(position, store.generation());
    if (!Files.exists(file)) {
      return null;
    }
    try {
      HnswIndex current = graph(position);
      return HnswIndex.load(file, store.arena(position), current.metric(), current.config());
    } catch (IOException | CorruptionException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring " + file + " and rebuilding the graph: " + e.getMessage());
      return null;
    }
  }

  /** Saves every graph for the current generation and removes older files of the same column. */
  public void save() {
    for (int i = 0; i < slots.length(); i++) {
      HnswIndex g = graph(i);
      if (g != null) {
        Path file = file(i, store.generation());
        try {
          Files.createDirectories(file.getParent());
          deleteFiles(i);
          g.save(file);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "could not save " + file + ": " + e);
        }
      }
    }
  }

  /** Removes every saved graph file of this collection (it is being dropped). */
  public void deleteFiles() {
    for (int i = 0; i < slots.length(); i++) {
      if (graph(i) != null) {
        deleteFiles(i);
      }
    }
  }

  private void deleteFiles(int position) {
    String prefix = filePrefix(position);
    Path dir = directory();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not clean " + dir + ": " + e);
    }
  }

  private Path directory() {
    return store.rocks().directory().resolve("indexes");
  }

  private String filePrefix(int position) {
    return store.id() + "-" + store.schema().columns().get(position).name() + ".";
  }

  private Path file(int position, long generation) {
    return directory().resolve(filePrefix(position) + generation + ".hnsw");
  }

  /**
   * The HNSW level key of a primary key: a 64-bit hash of its value, the same on every replica
   * and every run (String.hashCode would do for stability but has only 32 poorly mixed bits).
   */
  public static long levelKey(Object primaryKey) {
    long h;
    if (primaryKey instanceof Long l) {
      h = l;
    } else {
      h = 0xcbf29ce484222325L; // FNV-1a over UTF-8, then mixed
      for (byte b : ((String) primaryKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
    }
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  static int threads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
