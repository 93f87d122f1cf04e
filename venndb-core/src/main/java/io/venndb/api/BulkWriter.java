package io.venndb.api;

import io.venndb.ingest.CollectionWriter;
import io.venndb.ingest.Mutation;
import io.venndb.ingest.WriteResult;
import io.venndb.store.RocksStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Group commit for bulk loads: rows are buffered and committed in batches without an fsync each;
 * {@link #flush()} commits the buffer and syncs the log once, and only then are the rows
 * acknowledged as durable. Committed rows are visible to exact search at once and to HNSW search
 * after the flush that inserts them into the graphs with every core. Not thread-safe: one loader
 * thread per writer.
 */
public final class BulkWriter implements AutoCloseable {
  private final CollectionWriter writer;
  private final RocksStore rocks;
  private final int batchSize;
  private final List<Mutation> buffer = new ArrayList<>();
  private long durableRows;
  private long pendingRows;

  BulkWriter(CollectionWriter writer, RocksStore rocks, int batchSize) {
    this.writer = writer;
    this.rocks = rocks;
    this.batchSize = batchSize;
  }

  /** Buffers an upsert; commits (without sync) when the batch is full. */
  public void upsert(Map<String, ?> row) {
    buffer.add(new Mutation.Upsert(row));
    if (buffer.size() >= batchSize) {
      commitBuffer();
    }
  }

  private void commitBuffer() {
    if (buffer.isEmpty()) {
      return;
    }
    List<Mutation> batch = List.copyOf(buffer);
    buffer.clear();
    WriteResult r = writer.apply(batch, false, true);
    pendingRows += r.inserted() + r.updated();
  }

  /**
   * Commits what is buffered, fsyncs the log and adds the new rows to the HNSW graphs; returns the
   * number of rows now durable.
   */
  public long flush() {
    commitBuffer();
    rocks.syncWal();
    writer.indexDeferred();
    durableRows += pendingRows;
    pendingRows = 0;
    return durableRows;
  }

  @Override
  public void close() {
    flush();
  }
}
