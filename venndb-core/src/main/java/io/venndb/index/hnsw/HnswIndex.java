package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntToLongFunction;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An HNSW graph over the vectors of a {@link VectorArena}, keyed by doc id. The graph stores only
 * links; vectors are read from the arena, which must hold them {@link Metric#prepare prepared}
 * for {@code metric} and outlive the index.
 *
 * <p>Writes: {@link #insert} from one writer at a time (calls are serialised) while any number of
 * {@link HnswSearcher}s read. A node's level comes from the caller's 64-bit key mixed with the
 * configured seed, so replicas applying the same inserts in the same order build identical
 * graphs. {@link #build} inserts many docs with several threads (not deterministic unless
 * {@code threads == 1}); {@link #rebuild} builds a fresh graph over the live docs only.
 */
public final class HnswIndex {
  private static final System.Logger LOG = System.getLogger(HnswIndex.class.getName());
  private final VectorSource vectors;
  private final HnswConfig config;
  private final GraphStore graph;
  private Inserter writer; // guarded by this

  private HnswIndex(VectorSource vectors, HnswConfig config, GraphStore graph) {
    this.vectors = vectors;
    this.config = config;
    this.graph = graph;
  }

  /** An empty index. */
  public static HnswIndex create(VectorArena arena, Metric metric, HnswConfig config) {
    return new HnswIndex(new VectorSource(
        Objects.requireNonNull(arena, "arena"), Objects.requireNonNull(metric, "metric")),
        Objects.requireNonNull(config, "config"), new GraphStore(config.m()));
  }

  /**
   * An index over every doc of {@code docs} that has a vector (docs without one are skipped),
   * inserted in increasing doc id order by {@code threads} threads. {@code levelKeys} gives each
   * doc's level key; it is called on the calling thread only.
   */
  public static HnswIndex build(VectorArena arena, Metric metric, HnswConfig config,
      RoaringBitmap docs, IntToLongFunction levelKeys, int threads) {
    if (threads < 1) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "threads must be >= 1, got " + threads);
    }
    HnswIndex index = create(arena, metric, config);
    int[] ids = withVectors(arena, docs);
    long[] keys = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = levelKeys.applyAsLong(ids[i]);
    }
    synchronized (index) {
      ParallelBuild.run(index.writer(), index.graph, index.vectors, config, ids, keys, threads);
      index.repair();
    }
    return index;
  }

  /** A fresh graph over the live docs, dropping deleted nodes; this index is left unchanged. */
  public HnswIndex rebuild(RoaringBitmap live, IntToLongFunction levelKeys, int threads) {
    return build(vectors.arena, vectors.metric, config, live, levelKeys, threads);
  }

  /**
   * Adds {@code docId}, whose vector must already be in the arena, with the level derived from
   * {@code levelKey} (the primary key's hash).
   */
  public synchronized void insert(int docId, long levelKey) {
    if (docId < 0 || !vectors.arena.has(docId)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "doc " + docId + " has no vector in the arena; store the vector before indexing it");
    }
    if (!writer().insert(docId, levelKey)) {
      throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "doc " + docId + " is already in the HNSW graph");
    }
  }

  /**
   * Adds many docs, whose vectors are already in the arena, with {@code threads} threads: the
   * bulk-load path. With more than one thread the graph depends on scheduling (ship its file to
   * replicas rather than rebuilding it there).
   */
  public synchronized void insertAll(int[] docIds, long[] levelKeys, int threads) {
    if (threads < 1 || docIds.length != levelKeys.length) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "insertAll needs threads >= 1 and one level key per doc; got " + threads + " threads, "
              + docIds.length + " docs, " + levelKeys.length + " keys");
    }
    ParallelBuild.run(writer(), graph, vectors, config, docIds, levelKeys, threads);
    if ((long) docIds.length * REPAIR_SHARE >= graph.size()) {
      repair();
    }
  }

  /**
   * A bulk insert of at least 1/REPAIR_SHARE of the graph is followed by a reachability repair
   * (one walk over all links, then a search per node out of reach); smaller ones are not, so a
   * stream of small batches does not pay a walk each.
   */
  private static final int REPAIR_SHARE = 8;

  /** Links back every node no search could reach (see {@link GraphRepair}); returns what it did. */
  synchronized GraphRepair.Result repair() {
    GraphRepair.Result result = GraphRepair.connect(graph, vectors, config.efConstruction());
    if (result.unreachable() > 0) {
      LOG.log(System.Logger.Level.DEBUG, "HNSW repair: linked " + result.linked() + " of " + result.unreachable()
          + " nodes out of reach of the entry point, left " + result.copies() + " exact copies of reachable nodes ("
          + graph.size() + " nodes)");
    }
    return result;
  }

  /**
   * Nodes reachable on layer 0 from the entry point; for a repaired graph, {@link #size} less the
   * exact copies of reachable nodes the repair leaves alone.
   */
  public synchronized int reachableNodes() {
    return GraphRepair.reachableCount(graph);
  }

  /** A searcher with its own scratch, for one thread at a time. */
  public HnswSearcher newSearcher() {
    return new HnswSearcher(this);
  }

  /**
   * Writes the graph to {@code file} atomically (temp file, fsync, rename, fsync of the
   * directory); see {@link GraphFile} for the layout. Inserts wait until it is done.
   */
  public synchronized void save(Path file) throws IOException {
    GraphFile.write(graph, vectors, config, file);
  }

  /**
   * Reads a graph saved by {@link #save} over {@code arena}. Throws {@link
   * io.venndb.error.CorruptionException} naming the file when anything does not check out,
   * including a metric, dimension, M, efConstruction or seed other than the expected ones.
   */
  public static HnswIndex load(Path file, VectorArena arena, Metric metric, HnswConfig config)
      throws IOException {
    VectorSource vectors = new VectorSource(arena, metric);
    return new HnswIndex(vectors, config, GraphFile.read(file, vectors, config));
  }

  public HnswConfig config() {
    return config;
  }

  public Metric metric() {
    return vectors.metric;
  }

  public int dimension() {
    return vectors.dimension();
  }

  /** Number of nodes. */
  public int size() {
    return graph.size();
  }

  public boolean contains(int docId) {
    return docId >= 0 && graph.contains(docId);
  }

  /** The level of the top layer; -1 when empty. */
  public int maxLevel() {
    long entry = graph.entry();
    return entry == GraphStore.NO_ENTRY ? -1 : GraphStore.entryLevel(entry);
  }

  /** Heap bytes of the links (vectors live in the arena and are not counted). */
  public long linkBytes() {
    return graph.linkBytes();
  }

  GraphStore graph() {
    return graph;
  }

  VectorSource vectors() {
    return vectors;
  }

  /** The level a key is given; the same on every replica. */
  int levelOf(long levelKey) {
    return new LevelAssigner(config.m(), config.seed()).level(levelKey);
  }

  private synchronized Inserter writer() {
    if (writer == null) {
      writer = new Inserter(graph, vectors, config);
    }
    return writer;
  }

  private static int[] withVectors(VectorArena arena, RoaringBitmap docs) {
    int[] ids = new int[docs.getCardinality()];
    int count = 0;
    for (IntIterator it = docs.getIntIterator(); it.hasNext(); ) {
      int doc = it.next();
      if (doc >= 0 && arena.has(doc)) {
        ids[count++] = doc;
      }
    }
    return Arrays.copyOf(ids, count);
  }
}
