package io.trestle.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.consensus.EngineStatus;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.Validator;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.crypto.Hex;
import io.trestle.execution.Chain;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.node.consensus.ConsensusDriver;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.List;
import java.util.function.Supplier;

/** Trestle's own JSON-RPC methods: node status and commit certificates. */
final class NodeApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One connected peer as status reports it. */
  record PeerView(String address, String endpoint, boolean outbound) {}

  private final Chain chain;
  private final Supplier<ConsensusDriver> consensus;
  private final Supplier<List<PeerView>> peers;
  private final Supplier<Boolean> syncing;

  NodeApi(Chain chain, Supplier<ConsensusDriver> consensus, Supplier<List<PeerView>> peers, Supplier<Boolean> syncing) {
    this.chain = chain;
    this.consensus = consensus;
    this.peers = peers;
    this.syncing = syncing;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("trestle_status", p -> status());
    rpc.register("trestle_getBlockCertificate", this::certificate);
    rpc.register("trestle_getProof", p -> proof(rpc, p));
  }

  /**
   * eth_getProof against the state after block N, plus what makes it checkable without trusting this node: header
   * N+1 (whose lastStateRoot is that state root) and N+1's commit certificate (ADR 0002, ADR 0008). "latest" means
   * the newest block whose successor is committed.
   */
  private JsonNode proof(JsonRpcProcessor rpc, Params p) throws RpcException {
    p.atMost(3);
    JsonNode address = p.required(0, "address");
    JsonNode keys = p.optional(1) == null ? NODES.arrayNode() : p.optional(1);
    JsonNode which = p.optional(2);
    long head = chain.head().number();
    long n;
    if (which == null || (which.isTextual() && List.of("latest", "safe", "finalized", "pending").contains(which.asText()))) {
      n = head - 1;
    } else {
      try {
        n = Long.decode(which.asText());
      } catch (NumberFormatException e) {
        throw RpcException.invalidParams("block must be a hex number or a tag");
      }
    }
    if (n < 0 || n + 1 > head) {
      throw RpcException.server("block " + n + " is not certified yet: its state root is carried by block " + (n + 1)
          + ", and the head is " + head);
    }
    ObjectNode call = NODES.objectNode();
    call.put("jsonrpc", "2.0").put("id", 1).put("method", "eth_getProof");
    call.putArray("params").add(address).add(keys).add("0x" + Long.toHexString(n));
    JsonNode answer = rpc.handleCall(call);
    if (answer.has("error")) {
      throw new RpcException(answer.get("error").get("code").asInt(), answer.get("error").get("message").asText());
    }
    byte[] raw = chain.store().certificate(n + 1);
    CommitCertificate cert;
    try {
      cert = CommitCertificate.decode(raw);
    } catch (DecodeException e) {
      throw RpcException.server("stored certificate of block " + (n + 1) + " does not decode: " + e.getMessage());
    }
    ObjectNode o = NODES.objectNode();
    o.put("chainId", chain.genesis().chainId());
    o.put("blockNumber", "0x" + Long.toHexString(n));
    o.set("account", answer.get("result"));
    var header = chain.store().header(n + 1);
    ObjectNode certified = o.putObject("certifiedHeader");
    certified.put("number", "0x" + Long.toHexString(n + 1));
    certified.put("hash", header.hash(chain.suite()).toHex());
    certified.put("lastStateRoot", header.lastStateRoot().toHex());
    certified.put("encoded", Hex.encodePrefixed(header.encode()));
    o.set("certificate", certificateJson(cert, raw, ChainApplication.validatorSet(chain.validatorsAt(n + 1))));
    return o;
  }

  private JsonNode status() {
    ObjectNode o = NODES.objectNode();
    Chain.Head head = chain.head();
    o.put("chainId", chain.genesis().chainId());
    o.put("cryptoSuite", chain.suite().name());
    o.put("genesisHash", chain.blockHash(0).toHex());
    o.put("height", head.number());
    o.put("headHash", head.hash().toHex());
    o.put("headTimestampMs", head.header().timestampMs());
    o.put("syncing", syncing.get());
    ConsensusDriver driver = consensus.get();
    EngineStatus st = driver == null ? null : driver.status().orElse(null);
    if (st != null) {
      o.put("consensusHeight", st.height());
      o.put("round", st.round());
      o.put("leader", st.leader().toChecksumHex());
      o.put("validator", st.validator());
      o.put("consensusHealthy", !driver.failed());
    }
    ArrayNode vals = o.putArray("validators");
    for (Validator v : ChainApplication.validatorSet(chain.validatorsAt(head.number() + 1)).validators()) {
      vals.add(v.address().toChecksumHex());
    }
    ArrayNode ps = o.putArray("peers");
    for (PeerView p : peers.get()) {
      ps.addObject().put("address", p.address()).put("endpoint", p.endpoint()).put("outbound", p.outbound());
    }
    return o;
  }

  private JsonNode certificate(Params p) throws RpcException {
    JsonNode which = p.atMost(1).required(0, "block number");
    long n;
    if (which.isTextual() && which.asText().equals("latest")) {
      n = chain.head().number();
    } else {
      try {
        n = Long.decode(which.asText());
      } catch (NumberFormatException e) {
        throw RpcException.invalidParams("block number must be a hex quantity or latest");
      }
    }
    byte[] raw = n >= 1 && n <= chain.head().number() ? chain.store().certificate(n) : null;
    if (raw == null) {
      return NullNode.getInstance();
    }
    CommitCertificate cert;
    try {
      cert = CommitCertificate.decode(raw);
    } catch (DecodeException e) {
      throw RpcException.server("stored certificate of block " + n + " does not decode: " + e.getMessage());
    }
    return certificateJson(cert, raw, ChainApplication.validatorSet(chain.validatorsAt(n)));
  }

  static ObjectNode certificateJson(CommitCertificate cert, byte[] raw, ValidatorSet validators) {
    ObjectNode o = NODES.objectNode();
    o.put("height", "0x" + Long.toHexString(cert.height()));
    o.put("round", cert.round());
    o.put("blockHash", cert.blockHash().toHex());
    ArrayNode sigs = o.putArray("signatures");
    for (VoteSignature s : cert.signatures()) {
      sigs.addObject().put("signer", s.signer().toChecksumHex())
          .put("signature", Hex.encodePrefixed(s.signature().toCompact()));
    }
    o.put("quorum", validators.quorum());
    o.put("encoded", Hex.encodePrefixed(raw));
    return o;
  }
}
