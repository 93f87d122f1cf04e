package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions.Departure;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A workload and its cells, one per setting of the grid, in grid order. */
record Measured(Workload workload, List<Cell> cells) {
  Measured {
    cells = List.copyOf(cells);
  }

  /** The cell of {@code rule} with the fewest mean nodes visited whose recall reaches {@code target}. */
  Optional<Cell> cheapest(Departure rule, double target) {
    return cells.stream()
        .filter(c -> c.setting().rule() == rule && c.recall() >= target)
        .min(Comparator.comparingDouble(Cell::meanNodes));
  }

  Optional<Cell> at(Departure rule, int e, int w) {
    return cells.stream()
        .filter(c -> c.setting().rule() == rule && c.setting().e() == e
            && (rule == Departure.LAST_VISITED || c.setting().w() == w))
        .findFirst();
  }
}
