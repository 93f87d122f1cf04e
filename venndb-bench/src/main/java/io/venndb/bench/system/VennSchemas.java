package io.venndb.bench.system;

import io.venndb.bench.data.Column;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.TagsColumn;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * A VennDB collection for a benchmark dataset: the key, every metadata column with its natural
 * type (keywords and tags get bitmap indexes, numbers sorted ones), the text, and the vector. For
 * the Debian catalog this is {@code DebianPackages.schema} without the columns no filter uses.
 */
final class VennSchemas {
  static final String VECTOR = "embedding";

  private VennSchemas() {}

  /** {@code index} null: the vector column is searched exactly. */
  static CollectionSchema schema(String name, Dataset data, VectorIndexSpec index) {
    SchemaBuilder b = SchemaBuilder.collection(name).stringKey(data.keyName());
    for (Column c : data.table().columns()) {
      switch (c) {
        case KeywordColumn k -> b.keyword(k.name());
        case TagsColumn t -> b.tags(t.name());
        case LongColumn l -> b.longColumn(l.name());
      }
    }
    if (data.hasTexts()) {
      b.text(data.textName());
    }
    return (index == null ? b.vector(VECTOR, data.dimension(), data.metric())
        : b.vector(VECTOR, data.dimension(), data.metric(), index)).build();
  }

  static Map<String, Object> row(Dataset data, int i) {
    Map<String, Object> row = new HashMap<>();
    row.put(data.keyName(), data.keys()[i]);
    for (Column c : data.table().columns()) {
      Object v = c.value(i);
      if (v != null) {
        row.put(c.name(), v);
      }
    }
    if (data.hasTexts()) {
      row.put(data.textName(), data.texts()[i]);
    }
    row.put(VECTOR, data.vectors()[i]);
    return row;
  }
}
