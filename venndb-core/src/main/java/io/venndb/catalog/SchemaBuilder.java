package io.venndb.catalog;

import io.venndb.vector.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluent construction of a {@link CollectionSchema}:
 *
 * <pre>{@code
 * CollectionSchema s = SchemaBuilder.collection("packages").stringKey("package")
 *     .keyword("section").tags("tags").longColumn("installed_size_kb").text("description")
 *     .vector("embedding", 384, Metric.COSINE, VectorIndexSpec.hnsw()).build();
 * }</pre>
 */
public final class SchemaBuilder {
  private final String name;
  private String primaryKey;
  private KeyType keyType;
  private final List<ColumnDef> columns = new ArrayList<>();

  private SchemaBuilder(String name) {
    this.name = name;
  }

  public static SchemaBuilder collection(String name) {
    return new SchemaBuilder(name);
  }

  public SchemaBuilder stringKey(String column) {
    return key(column, KeyType.STRING);
  }

  public SchemaBuilder longKey(String column) {
    return key(column, KeyType.LONG);
  }

  private SchemaBuilder key(String column, KeyType type) {
    this.primaryKey = column;
    this.keyType = type;
    return this;
  }

  public SchemaBuilder longColumn(String column) {
    return column(ColumnDef.scalar(column, ColumnType.LONG));
  }

  public SchemaBuilder doubleColumn(String column) {
    return column(ColumnDef.scalar(column, ColumnType.DOUBLE));
  }

  public SchemaBuilder booleanColumn(String column) {
    return column(ColumnDef.scalar(column, ColumnType.BOOLEAN));
  }

  public SchemaBuilder keyword(String column) {
    return column(ColumnDef.scalar(column, ColumnType.KEYWORD));
  }

  public SchemaBuilder timestamp(String column) {
    return column(ColumnDef.scalar(column, ColumnType.TIMESTAMP));
  }

  public SchemaBuilder tags(String column) {
    return column(ColumnDef.scalar(column, ColumnType.TAGS));
  }

  public SchemaBuilder text(String column) {
    return column(ColumnDef.scalar(column, ColumnType.TEXT));
  }

  /** A vector column searched exactly (flat scan). */
  public SchemaBuilder vector(String column, int dimension, Metric metric) {
    return column(ColumnDef.vector(column, dimension, metric));
  }

  /** A vector column with an HNSW index, e.g. {@code VectorIndexSpec.hnsw()}. */
  public SchemaBuilder vector(String column, int dimension, Metric metric, VectorIndexSpec index) {
    return column(ColumnDef.vector(column, dimension, metric, index));
  }

  /** Any column, e.g. a keyword with a sorted index for string ranges. */
  public SchemaBuilder column(ColumnDef column) {
    columns.add(column);
    return this;
  }

  public CollectionSchema build() {
    return new CollectionSchema(name, primaryKey, keyType, columns);
  }
}
