package io.trestle.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trestle} command: node operation, wallet and chain inspection. */
@Command(
    name = "trestle",
    mixinStandardHelpOptions = true,
    versionProvider = TrestleCli.Version.class,
    description = "Trestle: BFT blockchain infrastructure with Ethereum-compatible edges.",
    subcommands = {
        DevCommand.class,
        InitCommand.class,
        RunCommand.class,
        KeysCommand.class,
        SendCommand.class,
        BalanceCommand.class,
        BlockCommand.class,
        TxCommand.class,
        TestnetCommand.class,
        StatusCommand.class,
        BenchCommand.class,
        GovCommand.class,
        RoleCommand.class,
        FreezeCommand.class,
        FreezeCommand.Unfreeze.class,
        ConformanceCommand.class,
        DidCommand.class,
        NameCommand.class,
        EvidenceCommand.class,
        CommandLine.HelpCommand.class
    })
public final class TrestleCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code: 0 success, 1 a failure with a one-line reason, 2 bad usage. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new TrestleCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException) {
        commandLine.getErr().println("trestle: " + e.getMessage());
      } else {
        commandLine.getErr().println("trestle: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (System.getenv("TRESTLE_DEBUG") != null) {
          e.printStackTrace(commandLine.getErr());
        }
      }
      return 1;
    });
    return cli.execute(args);
  }

  /** Version string for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {io.trestle.node.Node.CLIENT_VERSION};
    }
  }
}
