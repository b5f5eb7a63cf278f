package io.trestle.node.loadgen;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.math.BigInteger;
import java.util.List;

/**
 * A kind of transaction the generator sends (value transfers today; token transfers and contract calls plug in
 * here). The generator owns keys, nonces, fees, chain id and signing; a workload says what each transaction does
 * and may prepare the chain once before signing starts (deploy a contract, mint tokens to the senders).
 */
public interface Workload {
  /** The name {@code --kind} selects it by. */
  String name();

  /** The gas limit each transaction asks for. */
  long gasLimitPerTx();

  /** Wei each transaction moves besides its fee; funding must cover it. */
  BigInteger valuePerTx();

  /** Runs once after the senders are funded and before any load transaction is signed. */
  default void prepare(LoadContext context) throws LoadException {}

  /**
   * What the {@code nonce}-th load transaction of sender {@code senderIndex} does. Called from several threads at
   * once while pre-signing; must be pure.
   */
  Call call(int senderIndex, long nonce, List<Address> senders);

  /** Recipient (null creates a contract), value and call data of one transaction. */
  record Call(Address to, BigInteger value, Bytes data) {}

  /** The workload {@code --kind} names; LoadException listing the known ones otherwise. */
  static Workload named(String kind) throws LoadException {
    return switch (kind) {
      case TransferWorkload.NAME -> new TransferWorkload();
      case NotarizeWorkload.NAME -> new NotarizeWorkload(false);
      case NotarizeWorkload.ANCHOR -> new NotarizeWorkload(true);
      default -> throw new LoadException("unknown --kind " + kind + "; known kinds: " + TransferWorkload.NAME + ", "
          + NotarizeWorkload.NAME + ", " + NotarizeWorkload.ANCHOR);
    };
  }
}
