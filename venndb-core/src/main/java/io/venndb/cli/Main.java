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

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
