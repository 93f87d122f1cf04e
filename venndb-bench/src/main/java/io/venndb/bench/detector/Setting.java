package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.CursorOptions.Departure;
import java.util.ArrayList;
import java.util.List;

/** One departure-detector configuration of the grid, labelled the way the tables print it. */
record Setting(CursorOptions options) {
  static final int[] ES = {16, 32, 64, 100, 200, 400};
  static final int[] WS = {8, 16, 64, 256};

  /** The median window for every E × w, then the last-visited rule for every E. */
  static List<Setting> grid() {
    List<Setting> grid = new ArrayList<>();
    for (int e : ES) {
      for (int w : WS) {
        grid.add(medianWindow(e, w));
      }
    }
    for (int e : ES) {
      grid.add(lastVisited(e));
    }
    return grid;
  }

  static Setting medianWindow(int e, int w) {
    return new Setting(CursorOptions.defaults().withMedianWindow(e, w));
  }

  static Setting lastVisited(int e) {
    return new Setting(CursorOptions.defaults().withLastVisited(e));
  }

  Departure rule() {
    return options.departure();
  }

  int e() {
    return options.e();
  }

  int w() {
    return options.w();
  }

  boolean isDefault() {
    CursorOptions defaults = CursorOptions.defaults();
    return rule() == defaults.departure() && e() == defaults.e() && w() == defaults.w();
  }

  /** "MW E=100 w=64" or "LV E=100"; the default is marked so a reader finds it in every table. */
  String label() {
    String plain = rule() == Departure.MEDIAN_WINDOW ? "MW E=" + e() + " w=" + w() : "LV E=" + e();
    return isDefault() ? "**" + plain + " (default)**" : plain;
  }
}
