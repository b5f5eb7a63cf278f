package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.List;

/** What a {@link Workload} may use while preparing: the node, the funder and the funded senders. */
public final class LoadContext {
  private final RpcConnection rpc;
  private final CryptoSuite suite;
  private final long chainId;
  private final KeyPair funder;
  private final List<KeyPair> senderKeys;
  private final List<Address> senders;
  private final Fees fees;

  LoadContext(RpcConnection rpc, CryptoSuite suite, long chainId, KeyPair funder, List<KeyPair> senderKeys,
      List<Address> senders, Fees fees) {
    this.rpc = rpc;
    this.suite = suite;
    this.chainId = chainId;
    this.funder = funder;
    this.senderKeys = List.copyOf(senderKeys);
    this.senders = List.copyOf(senders);
    this.fees = fees;
  }

  /** Fee cap and tip every transaction of the run carries. */
  public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {}

  /** One JSON-RPC call to the node under load. */
  public JsonNode call(String method, Object... params) throws LoadException {
    return rpc.call(method, params);
  }

  public CryptoSuite suite() {
    return suite;
  }

  public long chainId() {
    return chainId;
  }

  public KeyPair funder() {
    return funder;
  }

  public List<KeyPair> senderKeys() {
    return senderKeys;
  }

  public List<Address> senders() {
    return senders;
  }

  public Fees fees() {
    return fees;
  }
}
