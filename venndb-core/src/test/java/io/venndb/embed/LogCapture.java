package io.venndb.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the warnings one class logs through {@link System.Logger}, which the JDK routes to
 * java.util.logging when no other backend is installed.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final boolean usedParentHandlers;
  private final List<String> warnings = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  LogCapture(Class<?> source) {
    this.logger = Logger.getLogger(source.getName());
    this.usedParentHandlers = logger.getUseParentHandlers();
    // Expected warnings stay out of the console while captured.
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      warnings.add(formatter.formatMessage(record));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
