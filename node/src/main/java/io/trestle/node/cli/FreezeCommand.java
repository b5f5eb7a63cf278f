package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Bytes;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.services.supervision.SupervisionFunctions;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trestle freeze} and {@code trestle unfreeze}: the regulator's actions on an account, a contract or an asset
 * of an asset registry, each with a reason and a reference (a case number, at most 32 characters, or 0x-hex).
 */
@Command(name = "freeze", mixinStandardHelpOptions = true,
    description = "Freeze an account (its transactions are refused), a contract (calls into it revert) or an asset.")
final class FreezeCommand implements Callable<Integer> {
  @Mixin
  GovCommand.Writer writer = new GovCommand.Writer();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  @Option(names = "--reason", required = true, description = "Why (1 to 256 bytes); recorded in the event")
  String reason;

  @Option(names = "--reference", description = "Case number (≤ 32 characters) or 0x-hex of at most 32 bytes")
  String reference;

  /** What to act on: exactly one. */
  static final class Subject {
    @Option(names = "--account", description = "An account")
    String account;

    @Option(names = "--contract", description = "A contract")
    String contract;

    @Option(names = "--asset", description = "An asset as REGISTRY:ID, e.g. 0x…7e570201:42")
    String asset;
  }

  @Override
  public Integer call() throws Exception {
    return act(writer, subject, reason, reference, true);
  }

  static int act(GovCommand.Writer writer, Subject subject, String reason, String reference, boolean freeze)
      throws Exception {
    GovCommand.Chain chain = new GovCommand.Chain(writer.rpc);
    KeyPair key = writer.keys.load(chain.suite);
    Bytes ref = GovCommand.bytes32(reference, "--reference");
    Bytes data;
    String what;
    if (subject.account != null) {
      AbiFunction fn = freeze ? SupervisionFunctions.FREEZE_ACCOUNT : SupervisionFunctions.UNFREEZE_ACCOUNT;
      data = GovCommand.encode(fn, GovCommand.address(subject.account, "--account"), reason, ref);
      what = "account " + subject.account;
    } else if (subject.contract != null) {
      AbiFunction fn = freeze ? SupervisionFunctions.FREEZE_CONTRACT : SupervisionFunctions.UNFREEZE_CONTRACT;
      data = GovCommand.encode(fn, GovCommand.address(subject.contract, "--contract"), reason, ref);
      what = "contract " + subject.contract;
    } else {
      int colon = subject.asset.lastIndexOf(':');
      if (colon < 0) {
        throw new CliException("--asset must be REGISTRY:ID, got " + subject.asset);
      }
      BigInteger id;
      try {
        id = new BigInteger(subject.asset.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new CliException("--asset id must be a number, got " + subject.asset.substring(colon + 1));
      }
      AbiFunction fn = freeze ? SupervisionFunctions.FREEZE_ASSET : SupervisionFunctions.UNFREEZE_ASSET;
      data = GovCommand.encode(fn, GovCommand.address(subject.asset.substring(0, colon), "--asset"), id, reason, ref);
      what = "asset " + subject.asset;
    }
    JsonNode receipt = chain.transact(key, data, writer.timeoutS);
    System.out.println((freeze ? "froze " : "unfroze ") + what + " in block "
        + Long.decode(receipt.path("blockNumber").asText()));
    return 0;
  }

  /** {@code trestle unfreeze}: lifts a freeze, with its own reason and reference. */
  @Command(name = "unfreeze", mixinStandardHelpOptions = true, description = "Lift a freeze.")
  static final class Unfreeze implements Callable<Integer> {
    @Mixin
    GovCommand.Writer writer = new GovCommand.Writer();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(names = "--reason", required = true, description = "Why (1 to 256 bytes); recorded in the event")
    String reason;

    @Option(names = "--reference", description = "Case number (≤ 32 characters) or 0x-hex of at most 32 bytes")
    String reference;

    @Override
    public Integer call() throws Exception {
      return act(writer, subject, reason, reference, false);
    }
  }
}
