package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trestle send}: sign a value transfer, submit it and wait for its receipt. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send a signed value transfer and print its receipt.")
final class SendCommand implements Callable<Integer> {
  @Mixin
  RpcOption rpc = new RpcOption();

  @Mixin
  KeySource keySource = new KeySource();

  @Option(names = "--to", required = true, description = "Recipient address or name (label.trestle)")
  String to;

  @Option(names = "--value", required = true, description = "Amount: 1.5eth, 20gwei, 1000wei or plain wei")
  String value;

  @Option(names = "--data", description = "Call data, 0x-hex", defaultValue = "0x")
  String data;

  @Option(names = "--gas-limit", description = "Gas limit (default: estimated)")
  Long gasLimit;

  @Option(names = "--nonce", description = "Nonce (default: the account's pending nonce)")
  Long nonce;

  @Option(names = "--legacy", description = "Send a legacy EIP-155 transaction instead of EIP-1559")
  boolean legacy;

  @Option(names = "--no-wait", description = "Print the hash and return without waiting for the receipt")
  boolean noWait;

  @Option(names = "--timeout-s", description = "How long to wait for the receipt (default: ${DEFAULT-VALUE})", defaultValue = "60")
  int timeoutS;

  @Override
  public Integer call() throws Exception {
    RpcClient client = rpc.client();
    CryptoSuite suite = suiteOf(client);
    KeyPair key = keySource.load(suite);
    Address from = Address.wrap(suite.address(key.publicKey()));
    Address recipient = IdentityClients.address(client, to, "--to");
    BigInteger amount = Units.parseWei(value);
    Bytes payload;
    try {
      payload = Bytes.fromHex(data);
    } catch (IllegalArgumentException e) {
      throw new CliException("--data: " + e.getMessage());
    }
    long chainId = hexLong(client.call("eth_chainId"));
    long txNonce = nonce != null ? nonce : hexLong(client.call("eth_getTransactionCount", from.toHex(), "pending"));
    long gas = gasLimit != null ? gasLimit : estimate(client, from, recipient, amount, payload);
    Transaction.Builder b = Transaction.builder().chainId(chainId).nonce(txNonce).gasLimit(gas).to(recipient)
        .value(amount).data(payload);
    if (legacy) {
      b.type(TransactionType.LEGACY).gasPrice(hexBig(client.call("eth_gasPrice")));
    } else {
      BigInteger tip = hexBig(client.call("eth_maxPriorityFeePerGas"));
      JsonNode latest = client.call("eth_getBlockByNumber", "latest", false);
      BigInteger baseFee = hexBig(latest.get("baseFeePerGas"));
      b.type(TransactionType.DYNAMIC_FEE).maxPriorityFeePerGas(tip).maxFeePerGas(baseFee.multiply(BigInteger.TWO).add(tip));
    }
    Transaction tx = b.sign(key, suite);
    String hash = client.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
    System.out.println("transaction " + hash);
    if (noWait) {
      return 0;
    }
    JsonNode receipt = Receipts.await(client, hash, timeoutS);
    Receipts.print(System.out, receipt);
    return "0x1".equals(receipt.path("status").asText()) ? 0 : 1;
  }

  /** The chain's crypto suite as the node reports it; ethereum for nodes that do not say. */
  static CryptoSuite suiteOf(RpcClient client) {
    try {
      JsonNode status = client.call("trestle_status");
      return CryptoSuite.named(status.path("cryptoSuite").asText(EthereumSuite.NAME));
    } catch (CliException | IllegalArgumentException e) {
      return EthereumSuite.INSTANCE;
    }
  }

  private static long estimate(RpcClient client, Address from, Address to, BigInteger value, Bytes data) throws CliException {
    var call = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    call.put("from", from.toHex());
    call.put("to", to.toHex());
    call.put("value", "0x" + value.toString(16));
    call.put("data", data.toHex());
    return hexLong(client.call("eth_estimateGas", call));
  }

  static long hexLong(JsonNode node) throws CliException {
    return hexBig(node).longValueExact();
  }

  static BigInteger hexBig(JsonNode node) throws CliException {
    if (node == null || !node.isTextual() || !node.asText().startsWith("0x")) {
      throw new CliException("node answered an unexpected value: " + node);
    }
    return new BigInteger(node.asText().substring(2), 16);
  }
}
