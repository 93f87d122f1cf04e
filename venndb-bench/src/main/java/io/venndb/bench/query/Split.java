package io.venndb.bench.query;

/**
 * Which half of the queries a measurement uses. Knob settings are chosen on TUNING queries and
 * reported on REPORTED ones, so a "QPS at recall ≥ 0.95" figure is not fitted to its own queries.
 */
public enum Split {
  TUNING, REPORTED
}
