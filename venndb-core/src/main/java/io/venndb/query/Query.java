package io.venndb.query;

import java.util.List;
import java.util.Objects;

/**
 * A read query as an immutable logical plan: {@code Filter(filter) · Rank(ranking) ·
 * Offset/Limit · Project(columns)}. Build with {@link #where} or {@link #all} and the {@code
 * with*} methods; run it with {@code Collection.query}, inspect it with {@code Collection.explain}.
 *
 * <pre>{@code
 * Query.where(and(containsTag("tags", "llm"), not(similarityAbove("embedding", b, 0.8f))))
 *     .rankedBy(Ranking.nearestTo("embedding", q))
 *     .withLimit(10);
 * }</pre>
 *
 * @param filter the condition rows must satisfy (TRUE, not unknown); null for every row
 * @param ranking the order before LIMIT/OFFSET
 * @param limit at most this many rows; a query returns {@code min(limit, matches - offset)}
 * @param offset rows skipped after ranking
 * @param columns the columns to return; null for all, empty for keys only
 * @param exact true to force exact vector search even where an HNSW index exists
 * @param ef the HNSW beam width; 0 for the column's default
 */
public record Query(Predicate filter, Ranking ranking, int limit, int offset, List<String> columns, boolean exact,
    int ef) {

  /** Largest {@code limit + offset} accepted; deeper pages should narrow the filter instead. */
  public static final int MAX_WINDOW = SearchRequest.MAX_LIMIT;

  public Query {
    Objects.requireNonNull(ranking, "ranking (use Ranking.unordered())");
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static Query where(Predicate filter) {
    return new Query(Objects.requireNonNull(filter, "filter (use Query.all() for no filter)"),
        Ranking.unordered(), 10, 0, null, false, 0);
  }

  public static Query all() {
    return new Query(null, Ranking.unordered(), 10, 0, null, false, 0);
  }

  public Query rankedBy(Ranking newRanking) {
    return new Query(filter, newRanking, limit, offset, columns, exact, ef);
  }

  public Query withLimit(int newLimit) {
    return new Query(filter, ranking, newLimit, offset, columns, exact, ef);
  }

  public Query withOffset(int newOffset) {
    return new Query(filter, ranking, limit, newOffset, columns, exact, ef);
  }

  public Query withColumns(List<String> newColumns) {
    return new Query(filter, ranking, limit, offset, newColumns, exact, ef);
  }

  public Query withExact(boolean newExact) {
    return new Query(filter, ranking, limit, offset, columns, newExact, ef);
  }

  public Query withEf(int newEf) {
    return new Query(filter, ranking, limit, offset, columns, exact, newEf);
  }

  /** The query a {@link SearchRequest} stands for: its threshold becomes a similarity condition. */
  public static Query of(SearchRequest request) {
    Predicate filter = request.filter();
    if (request.hasThreshold()) {
      Predicate near = Predicate.similarityAtLeast(request.column(), request.vector(), request.minSimilarity());
      filter = filter == null ? near : Predicate.and(filter, near);
    }
    return new Query(filter, Ranking.nearestTo(request.column(), request.vector()), request.limit(), 0,
        request.columns(), request.exact(), request.ef());
  }
}
