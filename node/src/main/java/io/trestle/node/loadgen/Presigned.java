package io.trestle.node.loadgen;

import io.trestle.core.Address;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every load transaction signed and every JSON-RPC batch body serialised before the measured phase, so neither
 * signing nor JSON writing competes with submission. Transaction {@code i} is the {@code i / accounts}-th of sender
 * {@code i % accounts} (round robin), and it travels in batch {@code i / batchTxs} with JSON-RPC id {@code i}.
 */
final class Presigned {
  private final int batchTxs;
  private final byte[][] bodies;
  private final String[] hashes;
  private final Map<String, Integer> indexByHash;

  private Presigned(int batchTxs, byte[][] bodies, String[] hashes) {
    this.batchTxs = batchTxs;
    this.bodies = bodies;
    this.hashes = hashes;
    this.indexByHash = new HashMap<>(hashes.length * 2);
    for (int i = 0; i < hashes.length; i++) {
      indexByHash.put(hashes[i], i);
    }
  }

  /** Signs {@code txs} transactions round robin over the senders, in parallel over the batches. */
  static Presigned sign(int txs, int batchTxs, Workload workload, List<KeyPair> keys, List<Address> senders,
      long[] startNonces, long chainId, LoadContext.Fees fees, CryptoSuite suite) {
    int accounts = keys.size();
    int batches = (txs + batchTxs - 1) / batchTxs;
    byte[][] bodies = new byte[batches][];
    String[] hashes = new String[txs];
    IntStream.range(0, batches).parallel().forEach(b -> {
      int from = b * batchTxs;
      int to = Math.min(txs, from + batchTxs);
      StringBuilder body = new StringBuilder((to - from) * 330).append('[');
      for (int i = from; i < to; i++) {
        int sender = i % accounts;
        long nonce = startNonces[sender] + i / accounts;
        Workload.Call call = workload.call(sender, nonce, senders);
        Transaction tx = Transaction.builder()
            .type(TransactionType.DYNAMIC_FEE)
            .chainId(chainId)
            .nonce(nonce)
            .gasLimit(workload.gasLimitPerTx())
            .maxFeePerGas(fees.maxFeePerGas())
            .maxPriorityFeePerGas(fees.maxPriorityFeePerGas())
            .to(call.to())
            .value(call.value())
            .data(call.data())
            .sign(keys.get(sender), suite);
        hashes[i] = tx.hash().toHex();
        if (i > from) {
          body.append(',');
        }
        body.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
            .append(",\"method\":\"eth_sendRawTransaction\",\"params\":[\"")
            .append(tx.encoding().toHex()).append("\"]}");
      }
      bodies[b] = body.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    });
    return new Presigned(batchTxs, bodies, hashes);
  }

  int txs() {
    return hashes.length;
  }

  int batches() {
    return bodies.length;
  }

  byte[] body(int batch) {
    return bodies[batch];
  }

  int batchOf(int tx) {
    return tx / batchTxs;
  }

  int batchSize(int batch) {
    return Math.min(hashes.length, (batch + 1) * batchTxs) - batch * batchTxs;
  }

  String hash(int tx) {
    return hashes[tx];
  }

  /** The index of the load transaction with this hash (lower-case 0x-hex), or -1 when it is not one of ours. */
  int indexOf(String hash) {
    Integer i = indexByHash.get(hash);
    return i == null ? -1 : i;
  }
}
