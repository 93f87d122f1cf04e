package io.venndb.bench.system;

import io.venndb.bench.data.Column;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.TagsColumn;
import io.venndb.bench.filter.LuceneFilters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import me.tongfei.progressbar.ProgressBar;

/**
 * A Lucene index of the base set: one document per row with the vector (HNSW, M and beam width
 * as configured), the key as a sorted doc-values field, the text as a stored field, and every
 * metadata column indexed for filters (keywords and tags as terms, numbers as points, plus a
 * presence term). Documents are added by one thread, in row order, so the graph is the same on
 * every run when the set fits one in-memory segment (Lucene seeds its level assignment; with
 * several indexing threads insertion order, and recall, would vary from build to build). Larger
 * sets flush several segments, force-merged to one with {@code threads} merge workers. Searched
 * without a query cache (VennDB has none either).
 */
final class LuceneIndex implements AutoCloseable {
  static final String VECTOR = "v";
  static final String KEY = "key";

  private final int maxConn;
  private final int beamWidth;
  private final int threads;
  private final VectorSimilarityFunction function;
  private final boolean quantized;
  private ExecutorService mergeExecutor;
  private Directory directory;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private KeyIndex keys;

  LuceneIndex(int maxConn, int beamWidth, int threads, VectorSimilarityFunction function, boolean quantized) {
    this.quantized = quantized;
    this.maxConn = maxConn;
    this.beamWidth = beamWidth;
    this.threads = Math.max(1, threads);
    this.function = function;
  }

  void build(Dataset base, Path dir) throws Exception {
    mergeExecutor = Executors.newFixedThreadPool(threads);
    directory = new MMapDirectory(dir);
    IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(1024).setCodec(codec());
    try (IndexWriter writer = new IndexWriter(directory, config);
        ProgressBar bar = Embeddings.bar("Indexing into Lucene", base.size())) {
      for (int i = 0; i < base.size(); i++) {
        writer.addDocument(document(base, i));
        bar.step();
      }
      writer.forceMerge(1);
      writer.commit();
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    keys = new KeyIndex(base.keys());
  }

  private Lucene104Codec codec() {
    KnnVectorsFormat format = quantized
        ? new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, maxConn, beamWidth, threads,
            threads == 1 ? null : mergeExecutor)
        : threads == 1 ? new Lucene99HnswVectorsFormat(maxConn, beamWidth)
        : new Lucene99HnswVectorsFormat(maxConn, beamWidth, threads, mergeExecutor);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  private Document document(Dataset base, int i) {
    Document doc = new Document();
    doc.add(new KnnFloatVectorField(VECTOR, base.vectors()[i], function));
    doc.add(new SortedDocValuesField(KEY, new BytesRef(base.keys()[i])));
    if (base.hasTexts()) {
      doc.add(new StoredField(base.textName(), base.texts()[i]));
    }
    for (Column c : base.table().columns()) {
      if (c.isNull(i)) {
        continue;
      }
      doc.add(new StringField(LuceneFilters.PRESENT, c.name(), Field.Store.NO));
      switch (c) {
        case KeywordColumn k -> doc.add(new StringField(k.name(), k.value(i), Field.Store.NO));
        case TagsColumn t -> {
          for (String tag : t.values()[i]) {
            doc.add(new StringField(t.name(), tag, Field.Store.NO));
          }
        }
        case LongColumn l -> doc.add(new LongPoint(l.name(), l.get(i)));
      }
    }
    return doc;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  int segments() {
    return reader.leaves().size();
  }

  /**
   * Base-row ordinals of the hits, from each document's key (a sorted doc-values field, the cheap
   * way a Lucene application reads its own ids; stored fields would decompress a block per hit).
   * Doc values iterate forwards, so hits are visited in doc order and put back in rank order.
   */
  int[] ordinals(ScoreDoc[] hits) throws IOException {
    Integer[] order = new Integer[hits.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
    List<LeafReaderContext> leaves = reader.leaves();
    int[] out = new int[hits.length];
    int leafOrd = -1;
    SortedDocValues values = null;
    for (int i : order) {
      int leaf = ReaderUtil.subIndex(hits[i].doc, leaves);
      if (leaf != leafOrd) {
        leafOrd = leaf;
        values = leaves.get(leaf).reader().getSortedDocValues(KEY);
      }
      int doc = hits[i].doc - leaves.get(leaf).docBase;
      if (values == null || !values.advanceExact(doc)) {
        throw new IllegalStateException("document " + hits[i].doc + " has no key");
      }
      out[i] = keys.ordinal(values.lookupOrd(values.ordValue()).utf8ToString());
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    if (directory != null) {
      directory.close();
    }
    if (mergeExecutor != null) {
      mergeExecutor.shutdown();
    }
  }
}
