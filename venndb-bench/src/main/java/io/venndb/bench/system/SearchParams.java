package io.venndb.bench.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One setting of a system's search-effort knobs. {@code series} names the curve a setting belongs
 * to (one line per series in the plots): a system with two strategies for the same workload
 * (Lucene's MUST_NOT clause vs. NOT inside the kNN filter) has two series.
 */
public record SearchParams(String series, Map<String, Double> knobs) {
  public SearchParams {
    knobs = knobs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(knobs));
  }

  public static SearchParams of(String series) {
    return new SearchParams(series, Map.of());
  }

  public static SearchParams of(String series, String knob, double value) {
    return new SearchParams(series, Map.of(knob, value));
  }

  public int intKnob(String name) {
    Double v = knobs.get(name);
    if (v == null) {
      throw new IllegalArgumentException("setting " + this + " has no knob '" + name + "'");
    }
    return (int) Math.round(v);
  }

  public double knob(String name) {
    Double v = knobs.get(name);
    if (v == null) {
      throw new IllegalArgumentException("setting " + this + " has no knob '" + name + "'");
    }
    return v;
  }

  /** "numCandidates=40" or "default". */
  public String label() {
    if (knobs.isEmpty()) {
      return "default";
    }
    return knobs.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
        .collect(Collectors.joining(","));
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public String toString() {
    return series + "[" + label() + "]";
  }
}
