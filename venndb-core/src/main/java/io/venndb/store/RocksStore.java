package io.venndb.store;

import io.venndb.error.ErrorCode;
import io.venndb.error.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The one RocksDB instance of a database directory and its column families. Everything durable
 * goes through {@link #write}: one atomic WriteBatch per commit, fsynced or not as the caller's
 * sync policy says. Files layout: see docs/storage.md.
 */
public final class RocksStore implements AutoCloseable {
  /** Column families; their order is the order of handles. */
  public enum Family {
    /** Database-level records: format version, id counters, per-collection counters. */
    META("default"),
    /** collection name → schema JSON. */
    CATALOG("catalog"),
    /** (collection id, doc id) → encoded row. */
    ROWS("rows"),
    /** (collection id, primary key) → doc id. */
    KEYS("keys");

    final String rocksName;

    Family(String rocksName) {
      this.rocksName = rocksName;
    }
  }

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final RocksDB db;
  private final WriteOptions syncWrite = new WriteOptions().setSync(true);
  private final WriteOptions asyncWrite = new WriteOptions().setSync(false);
  /** Operations hold the read side; close takes the write side, so no JNI call sees a closed DB. */
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksStore(Path directory, DBOptions dbOptions, ColumnFamilyOptions cfOptions, RocksDB db,
      List<ColumnFamilyHandle> handles) {
    this.directory = directory;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.db = db;
    this.handles.addAll(handles);
  }

  public static RocksStore open(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new StorageException("cannot create database directory " + directory, e);
    }
    DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2).setKeepLogFileNum(4);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(16 * 1024));
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Family f : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(f.rocksName.getBytes(), cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
      return new RocksStore(directory, dbOptions, cfOptions, db, handles);
    } catch (RocksDBException e) {
      dbOptions.close();
      cfOptions.close();
      throw translate("cannot open database at " + directory, e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** Applies the batch atomically; with {@code sync} the WAL is fsynced before this returns. */
  public void write(WriteBatch batch, boolean sync) {
    guarded(() -> {
      try {
        db.write(sync ? syncWrite : asyncWrite, batch);
        return null;
      } catch (RocksDBException e) {
        throw translate("write failed in " + directory, e);
      }
    });
  }

  /** Makes every earlier unsynced write durable (group commit: many batches, one fsync). */
  public void syncWal() {
    guarded(() -> {
      try {
        db.flushWal(true);
        return null;
      } catch (RocksDBException e) {
        throw translate("WAL sync failed in " + directory, e);
      }
    });
  }

  public void put(WriteBatch batch, Family family, byte[] key, byte[] value) {
    try {
      batch.put(handle(family), key, value);
    } catch (RocksDBException e) {
      throw translate("cannot stage write", e);
    }
  }

  public void delete(WriteBatch batch, Family family, byte[] key) {
    try {
      batch.delete(handle(family), key);
    } catch (RocksDBException e) {
      throw translate("cannot stage delete", e);
    }
  }

  public void deleteRange(WriteBatch batch, Family family, byte[] from, byte[] toExclusive) {
    try {
      batch.deleteRange(handle(family), from, toExclusive);
    } catch (RocksDBException e) {
      throw translate("cannot stage range delete", e);
    }
  }

  /** Reads one value, at {@code snapshot} when it is not null; null when absent. */
  public byte[] get(Family family, byte[] key, Snapshot snapshot) {
    return guarded(() -> {
      try (ReadOptions ro = new ReadOptions()) {
        if (snapshot != null) {
          ro.setSnapshot(snapshot);
        }
        return db.get(handle(family), ro, key);
      } catch (RocksDBException e) {
        throw translate("read failed in " + directory, e);
      }
    });
  }

  public List<byte[]> multiGet(Family family, List<byte[]> keys) {
    return multiGet(family, keys, null);
  }

  /** Reads several values in one call, at {@code snapshot} when not null; null where absent. */
  public List<byte[]> multiGet(Family family, List<byte[]> keys, Snapshot snapshot) {
    List<ColumnFamilyHandle> cfs = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      cfs.add(handle(family));
    }
    return guarded(() -> {
      try (ReadOptions ro = new ReadOptions()) {
        if (snapshot != null) {
          ro.setSnapshot(snapshot);
        }
        return db.multiGetAsList(ro, cfs, keys);
      } catch (RocksDBException e) {
        throw translate("read failed in " + directory, e);
      }
    });
  }

  /** Visits every key in [from, toExclusive) in order, at {@code snapshot} when not null. */
  public void scan(Family family, byte[] from, byte[] toExclusive, Snapshot snapshot,
      BiConsumer<byte[], byte[]> visitor) {
    guarded(() -> {
      scanOpen(family, from, toExclusive, snapshot, visitor);
      return null;
    });
  }

  private void scanOpen(Family family, byte[] from, byte[] toExclusive, Snapshot snapshot,
      BiConsumer<byte[], byte[]> visitor) {
    try (Slice upper = new Slice(toExclusive);
        ReadOptions ro = new ReadOptions().setIterateUpperBound(upper).setFillCache(false)) {
      if (snapshot != null) {
        ro.setSnapshot(snapshot);
      }
      try (RocksIterator it = db.newIterator(handle(family), ro)) {
        for (it.seek(from); it.isValid(); it.next()) {
          visitor.accept(it.key(), it.value());
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw translate("scan failed in " + directory, e);
    }
  }

  public Snapshot snapshot() {
    return guarded(db::getSnapshot);
  }

  /** Releases a snapshot; a no-op once the database is closed (closing released them all). */
  public void release(Snapshot snapshot) {
    closeLock.readLock().lock();
    try {
      if (!closed) {
        db.releaseSnapshot(snapshot);
      }
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private <T> T guarded(Supplier<T> operation) {
    closeLock.readLock().lock();
    try {
      if (closed) {
        throw new StorageException(ErrorCode.CLOSED, "database at " + directory + " is closed", null);
      }
      return operation.get();
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private ColumnFamilyHandle handle(Family family) {
    return handles.get(family.ordinal());
  }

  static StorageException translate(String what, RocksDBException e) {
    String status = e.getStatus() == null ? "" : e.getStatus().getCodeString();
    if (e.getMessage() != null && e.getMessage().contains("lock")) {
      return new StorageException(ErrorCode.IO, what + ": the directory is locked by another open database ("
          + e.getMessage() + ")", e);
    }
    if ("Corruption".equals(status)) {
      return new StorageException(ErrorCode.CORRUPTION, what + ": " + e.getMessage(), e);
    }
    return new StorageException(what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeOpen();
      }
    } finally {
      closeLock.writeLock().unlock();
    }
  }

  private void closeOpen() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      // Closing anyway: every acknowledged write was synced when it was acknowledged.
    }
    db.close();
    syncWrite.close();
    asyncWrite.close();
    dbOptions.close();
    cfOptions.close();
  }
}
