package io.venndb.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long step: a live bar on a terminal, and a line per tenth in a log, where a
 * redrawn bar would print thousands of carriage-return updates.
 */
final class Progress implements AutoCloseable {
  private final String task;
  private final long total;
  private final ProgressBar bar;
  private long lastTenth = -1;

  Progress(String task, long total) {
    this.task = task;
    this.total = total;
    this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task)
        .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .continuousUpdate().build();
  }

  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
      return;
    }
    long tenth = total == 0 ? 10 : done * 10 / total;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      System.out.printf("  %s: %,d / %,d%n", task, done, total);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
