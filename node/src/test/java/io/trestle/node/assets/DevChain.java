package io.trestle.node.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-process development node and a client that signs and sends asset calls to it over JSON-RPC. */
final class DevChain implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KeyPair VALIDATOR = key(0x51);
  /** Holds every dev role (committee, regulator, asset-issuer). */
  static final KeyPair BOSS = key(0xa1);
  static final KeyPair PLATFORM = key(0xa2);
  static final KeyPair OTHER_PLATFORM = key(0xa3);
  static final KeyPair ALICE = key(0xa4);
  static final KeyPair BOB = key(0xa5);

  final Node node;
  final String url;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Address, Long> nonces = new HashMap<>();
  private int ids;

  static KeyPair key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return EthereumSuite.INSTANCE.keyPair(k);
  }

  static Address address(KeyPair k) {
    return Address.wrap(EthereumSuite.INSTANCE.address(k.publicKey()));
  }

  DevChain(Path dir) throws Exception {
    node = new Node(new Node.Settings(dir, DevGenesis.create(EthereumSuite.INSTANCE, VALIDATOR,
        List.of(BOSS, PLATFORM, OTHER_PLATFORM, ALICE, BOB), 20, 1_700_000_000_000L), VALIDATOR, "127.0.0.1", 0));
    node.start();
    url = "http://127.0.0.1:" + node.rpcAddress().getPort();
  }

  JsonNode rpc(String method, Object... params) throws Exception {
    ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    ArrayNode arr = req.putArray("params");
    for (Object p : params) {
      arr.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  JsonNode result(String method, Object... params) throws Exception {
    JsonNode r = rpc(method, params);
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  /** GET of a REST path: status and JSON body. */
  record Answer(int status, JsonNode body) {}

  Answer get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  /** Signs and sends a call, waits for its receipt; returns the receipt. */
  JsonNode send(KeyPair from, Address to, AbiFunction fn, Object... args) throws Exception {
    Address sender = address(from);
    long nonce = nonces.computeIfAbsent(sender, a -> 0L);
    nonces.put(sender, nonce + 1);
    Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(DevGenesis.CHAIN_ID).nonce(nonce)
        .gasLimit(95_000_000L).to(to).value(BigInteger.ZERO).data(encode(fn, args))
        .maxPriorityFeePerGas(BigInteger.ONE).maxFeePerGas(BigInteger.TEN.pow(11)).sign(from, EthereumSuite.INSTANCE);
    String hash = result("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
    for (int i = 0; i < 500; i++) {
      JsonNode r = result("eth_getTransactionReceipt", hash);
      if (!r.isNull()) {
        return r;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no receipt for " + hash);
  }

  /** Sends a call that must succeed. */
  JsonNode ok(KeyPair from, Address to, AbiFunction fn, Object... args) throws Exception {
    JsonNode r = send(from, to, fn, args);
    if (!"0x1".equals(r.path("status").asText())) {
      throw new AssertionError(fn.signature() + " failed: " + revertReason(address(from), to, encode(fn, args)));
    }
    return r;
  }

  /** What eth_call answers for a call: the revert reason, or null when it succeeds. */
  String revertReason(Address from, Address to, Bytes data) throws Exception {
    ObjectNode call = JSON.createObjectNode().put("from", from.toHex()).put("to", to.toHex()).put("data", data.toHex());
    JsonNode r = rpc("eth_call", call, "latest");
    if (!r.has("error")) {
      return null;
    }
    String hex = r.get("error").path("data").asText();
    return hex.isEmpty() ? r.get("error").toString() : Abi.decodeError(Bytes.fromHex(hex));
  }

  List<Object> call(Address to, AbiFunction fn, Object... args) throws Exception {
    ObjectNode call = JSON.createObjectNode().put("to", to.toHex()).put("data", encode(fn, args).toHex());
    return fn.decodeOutput(Bytes.fromHex(result("eth_call", call, "latest").asText()));
  }

  static Bytes encode(AbiFunction fn, Object... args) {
    try {
      return fn.encodeCall(args);
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until the asset index has seen the head block. */
  void awaitIndex() throws InterruptedException {
    long head = node.chain().head().number();
    if (!node.assets().index().awaitHeight(head, 10_000)) {
      throw new AssertionError("asset index stuck at " + node.assets().index().height() + " below " + head);
    }
  }

  @Override
  public void close() {
    node.close();
  }
}
