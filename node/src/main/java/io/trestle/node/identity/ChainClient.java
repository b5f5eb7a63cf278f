package io.trestle.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidSyntaxException;
import io.trestle.services.evidence.ContentMode;
import io.trestle.services.evidence.HashAlgorithm;
import io.trestle.services.names.Names;
import java.math.BigInteger;
import java.util.List;

/**
 * What the CLI does against a node's JSON-RPC for identity and evidence: learn the chain's suite and defaults, turn
 * names into addresses and DIDs, sign and send calls to the system contracts (refusing locally what would revert,
 * with the contract's reason), read views, and wait for evidence receipts.
 */
public final class ChainClient {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** Gas on top of the estimate: state can move between estimate and execution. */
  static final long GAS_MARGIN = 50_000;

  /** One JSON-RPC call: the result, or a Failure carrying the node's message. */
  @FunctionalInterface
  public interface Rpc {
    JsonNode call(String method, Object... params) throws Failure;
  }

  /** Something the node refused or could not answer, with its reason. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }

  /** The chain's identity parameters ({@code trestle_identityInfo}). */
  public record Info(long chainId, CryptoSuite suite, HashAlgorithm hashAlgorithm, ContentMode encryption,
      String genesisFingerprint) {}

  private final Rpc rpc;
  private Info info;

  public ChainClient(Rpc rpc) {
    this.rpc = rpc;
  }

  public Rpc rpc() {
    return rpc;
  }

  public Info info() throws Failure {
    if (info == null) {
      JsonNode i = rpc.call("trestle_identityInfo");
      ContentMode enc = "sm4-gcm".equals(i.path("contentEncryption").asText()) ? ContentMode.SM4_GCM
          : ContentMode.AES_256_GCM;
      info = new Info(i.path("chainId").asLong(), CryptoSuite.named(i.path("cryptoSuite").asText()),
          HashAlgorithm.ofLabel(i.path("hashAlgorithm").asText()), enc, i.path("genesisFingerprint").asText());
    }
    return info;
  }

  /** An address given as {@code 0x…} or as a registered, active name that has an address record. */
  public Address resolveAddress(String text) throws Failure {
    if (Names.looksLikeName(text)) {
      JsonNode r = name(text);
      if (r.path("address").isNull() || r.path("address").isMissingNode()) {
        throw new Failure(text + " has no address record");
      }
      return Address.fromHex(r.get("address").asText());
    }
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new Failure("'" + text + "' is neither an address nor a name: " + e.getMessage());
    }
  }

  /** A DID given as a DID, an address (its implicit DID) or a name (its DID record, else its address's DID). */
  public Did resolveDid(String text) throws Failure {
    if (text.startsWith("did:")) {
      try {
        return Did.parse(text);
      } catch (DidSyntaxException e) {
        throw new Failure(e.getMessage());
      }
    }
    if (Names.looksLikeName(text)) {
      JsonNode r = name(text);
      String did = r.path("did").isTextual() ? r.get("did").asText() : null;
      if (did != null) {
        try {
          return Did.parse(did);
        } catch (DidSyntaxException e) {
          throw new Failure(text + " names " + did + ", which is not a did:trestle DID");
        }
      }
    }
    return Did.of(info().chainId(), resolveAddress(text));
  }

  private JsonNode name(String text) throws Failure {
    JsonNode r = rpc.call("trestle_resolveName", text);
    if (r == null || r.isNull()) {
      throw new Failure(text + " is not registered");
    }
    if (!r.path("active").asBoolean()) {
      throw new Failure(text + " expired on " + r.path("expires").asText());
    }
    return r;
  }

  /** Encodes a call, refusing bad arguments as a Failure. */
  public static Bytes encode(AbiFunction f, Object... args) throws Failure {
    try {
      return f.encodeCall(args);
    } catch (AbiException e) {
      throw new Failure(f.name() + ": " + e.getMessage());
    }
  }

  /** Runs a view function at the head and decodes its outputs. */
  public List<Object> view(Address contract, AbiFunction f, Object... args) throws Failure {
    ObjectNode call = JSON.objectNode().put("to", contract.toHex()).put("data", encode(f, args).toHex());
    JsonNode out = rpc.call("eth_call", call, "latest");
    try {
      return f.decodeOutput(Bytes.fromHex(out.asText()));
    } catch (AbiException | IllegalArgumentException e) {
      throw new Failure(f.name() + " answered something that does not decode: " + e.getMessage());
    }
  }

  /**
   * Signs and sends a call from {@code key}, waits for its receipt and returns it. The call is estimated first, so
   * a call the contract would refuse fails here with the contract's reason and costs nothing.
   */
  public JsonNode transact(KeyPair key, Address to, Bytes data, int timeoutS) throws Failure {
    Info i = info();
    Address from = Address.wrap(i.suite().address(key.publicKey()));
    ObjectNode call = JSON.objectNode().put("from", from.toHex()).put("to", to.toHex()).put("data", data.toHex());
    long gas = quantity(rpc.call("eth_estimateGas", call)).longValueExact() + GAS_MARGIN;
    long nonce = quantity(rpc.call("eth_getTransactionCount", from.toHex(), "pending")).longValueExact();
    Transaction tx = sign(key, to, data, gas, nonce);
    String hash = rpc.call("eth_sendRawTransaction", tx.encoding().toHex()).asText();
    JsonNode receipt = awaitReceipt(hash, timeoutS);
    if (!"0x1".equals(receipt.path("status").asText())) {
      throw new Failure("transaction " + hash + " failed in block " + receipt.path("blockNumber").asText());
    }
    return receipt;
  }

  /** A signed EIP-1559 call at the current fees. */
  public Transaction sign(KeyPair key, Address to, Bytes data, long gas, long nonce) throws Failure {
    Info i = info();
    BigInteger tip = quantity(rpc.call("eth_maxPriorityFeePerGas"));
    BigInteger baseFee = quantity(rpc.call("eth_getBlockByNumber", "latest", false).get("baseFeePerGas"));
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(i.chainId()).nonce(nonce).gasLimit(gas)
        .to(to).value(BigInteger.ZERO).data(data).maxPriorityFeePerGas(tip)
        .maxFeePerGas(baseFee.multiply(BigInteger.TWO).add(tip)).sign(key, i.suite());
  }

  public JsonNode awaitReceipt(String hash, int timeoutS) throws Failure {
    long deadline = System.currentTimeMillis() + timeoutS * 1000L;
    while (System.currentTimeMillis() < deadline) {
      JsonNode r = rpc.call("eth_getTransactionReceipt", hash);
      if (r != null && !r.isNull()) {
        return r;
      }
      pause(100);
    }
    throw new Failure("no receipt for " + hash + " after " + timeoutS + " s");
  }

  /**
   * The evidence receipt of record {@code id} (or of the first evidence in {@code txHash} when id is 0), waiting
   * until the block after the transaction's is committed with its certificate.
   */
  public EvidenceReceipt awaitEvidenceReceipt(String txHash, long id, int timeoutS) throws Failure {
    ObjectNode which = JSON.objectNode();
    if (txHash != null) {
      which.put("transactionHash", txHash);
    }
    if (id > 0) {
      which.put("id", id);
    }
    long deadline = System.currentTimeMillis() + timeoutS * 1000L;
    while (System.currentTimeMillis() < deadline) {
      JsonNode r = rpc.call("trestle_getEvidenceReceipt", which);
      if (r != null && !r.isNull()) {
        try {
          return ReceiptJson.fromJson(r);
        } catch (ReceiptFormatException e) {
          throw new Failure("the node sent a malformed receipt: " + e.getMessage());
        }
      }
      pause(150);
    }
    throw new Failure("the block after the transaction was not certified within " + timeoutS + " s");
  }

  static BigInteger quantity(JsonNode n) throws Failure {
    if (n == null || !n.isTextual() || !n.asText().startsWith("0x") || n.asText().length() < 3) {
      throw new Failure("node answered an unexpected value: " + n);
    }
    try {
      return new BigInteger(n.asText().substring(2), 16);
    } catch (NumberFormatException e) {
      throw new Failure("node answered an unexpected value: " + n);
    }
  }

  private static void pause(long ms) throws Failure {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
  }
}
