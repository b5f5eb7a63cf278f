package io.trestle.node.cli;

import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.Node;
import io.trestle.state.kv.RocksDbKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trestle init --genesis FILE --data DIR}: a data folder holding the genesis block. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Initialise a data folder from a genesis file.")
final class InitCommand implements Callable<Integer> {
  @Option(names = "--genesis", required = true, description = "genesis.json")
  Path genesisFile;

  @Option(names = "--data", description = "Data folder (default: ${DEFAULT-VALUE})", defaultValue = "./data")
  Path data;

  @Override
  public Integer call() throws CliException {
    Genesis genesis;
    try {
      genesis = Genesis.load(genesisFile);
    } catch (GenesisException e) {
      throw new CliException(genesisFile + ": " + e.getMessage());
    }
    try {
      Files.createDirectories(data);
      Path target = data.resolve("genesis.json");
      if (!Files.exists(target) || !Files.isSameFile(target, genesisFile)) {
        Files.copy(genesisFile, target, StandardCopyOption.REPLACE_EXISTING);
      }
      try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(data.resolve("db"))) {
        Chain chain = Chain.open(store, genesis, Node.transactionProcessor(genesis));
        System.out.println("genesis  " + chain.blockHash(0));
        System.out.println("chain id " + genesis.chainId());
        System.out.println("head     " + chain.head().number());
      }
    } catch (GenesisException e) {
      throw new CliException(e.getMessage());
    } catch (IOException e) {
      throw new CliException("cannot initialise " + data + ": " + e.getMessage());
    }
    return 0;
  }
}
