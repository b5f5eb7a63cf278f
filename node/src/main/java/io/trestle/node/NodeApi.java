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
  }

  private JsonNode status() {
    ObjectNode o = NODES.objectNode();
    Chain.Head head = chain.head();
    o.put("chainId", chain.genesis().chainId());
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
    for (Validator v : ChainApplication.validatorSet(chain.genesis()).validators()) {
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
    return certificateJson(cert, raw, ChainApplication.validatorSet(chain.genesis()));
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
