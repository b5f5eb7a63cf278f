package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.ArrayList;
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

  /**
   * Signs {@code calls} from the funder (consecutive nonces from its pending count, this run's fees), sends them in
   * order and waits for every receipt; LoadException when one is refused or fails. The receipts in order.
   */
  public List<JsonNode> sendFromFunder(List<Workload.Call> calls, long gasLimit) throws LoadException {
    Address funderAddress = Address.wrap(suite.address(funder.publicKey()));
    long nonce = LoadGenerator.quantity(rpc.call("eth_getTransactionCount", funderAddress.toHex(), "pending"),
        "eth_getTransactionCount").longValueExact();
    List<JsonNode> receipts = new ArrayList<>(calls.size());
    for (int from = 0; from < calls.size(); from += LoadGenerator.FUNDING_CHUNK_TXS) {
      int to = Math.min(calls.size(), from + LoadGenerator.FUNDING_CHUNK_TXS);
      List<Transaction> txs = new ArrayList<>(to - from);
      List<String> hashes = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Workload.Call call = calls.get(i);
        Transaction tx = Transaction.builder()
            .type(TransactionType.DYNAMIC_FEE)
            .chainId(chainId)
            .nonce(nonce++)
            .gasLimit(gasLimit)
            .maxFeePerGas(fees.maxFeePerGas())
            .maxPriorityFeePerGas(fees.maxPriorityFeePerGas())
            .to(call.to())
            .value(call.value())
            .data(call.data())
            .sign(funder, suite);
        txs.add(tx);
        hashes.add(tx.hash().toHex());
      }
      int first = from;
      LoadGenerator.sendInOrder(rpc, txs, i -> "preparation transaction " + (first + i));
      receipts.addAll(LoadGenerator.awaitReceipts(rpc, hashes));
    }
    return receipts;
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
