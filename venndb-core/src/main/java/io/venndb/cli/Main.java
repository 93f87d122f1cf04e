package io.venndb.cli;

import io.venndb.error.VennDbError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code venndb} command line. */
@Command(name = "venndb", mixinStandardHelpOptions = true, version = "VennDB 0.1.0-SNAPSHOT",
    description = "A database in which vector similarity is a predicate like any other.",
    subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    quietLogging();
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // User-facing errors print their code and message; anything else is a bug and keeps its trace.
      if (e instanceof VennDbError) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }

  /** Held so the levels set below are not lost when java.util.logging drops unreferenced loggers. */
  private static final java.util.List<java.util.logging.Logger> CONFIGURED = new java.util.ArrayList<>();

  /**
   * Library INFO lines (model load, kernel choice) stay out of the output unless
   * {@code -Dvenndb.verbose=true}; DJL's probe for a CUDA driver warns on every machine without
   * one, which says nothing about VennDB, so it is silenced too.
   */
  private static void quietLogging() {
    if (Boolean.getBoolean("venndb.verbose")) {
      return;
    }
    quiet("", java.util.logging.Level.WARNING);
    quiet("ai.djl", java.util.logging.Level.SEVERE);
  }

  private static void quiet(String name, java.util.logging.Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(level);
    CONFIGURED.add(logger);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
