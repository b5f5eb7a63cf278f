package io.trestle.node.identity;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.block.Receipt;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.Hex;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiType;
import io.trestle.execution.Chain;
import io.trestle.execution.ChainStore;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.services.did.Did;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import io.trestle.state.trie.MerklePatriciaTrie;
import io.trestle.state.trie.NodeStore;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the evidence receipt of a notarization from the chain: the transaction's block N, header N+1 (which
 * carries N's receipts root) and N+1's commit certificate, and the two Merkle proofs. A receipt exists once N+1 is
 * committed with its certificate; before that the builder answers null. For a batch anchor the receipt names the
 * root; the submitter, who knows the leaves, completes one receipt per member with its path.
 */
public final class ReceiptBuilder {
  private final Chain chain;

  public ReceiptBuilder(Chain chain) {
    this.chain = chain;
  }

  /**
   * The receipt of the evidence log of {@code txHash} whose record id is {@code evidenceId} (0: the first evidence
   * log in the transaction), or null while block N+1 or its certificate is missing.
   */
  public EvidenceReceipt build(Hash txHash, long evidenceId) throws ReceiptUnavailableException {
    ChainStore store = chain.store();
    ChainStore.Location loc = store.location(txHash);
    if (loc == null) {
      throw new ReceiptUnavailableException("transaction " + txHash + " is not in a committed block");
    }
    long n = loc.number();
    if (chain.head().number() < n + 1) {
      return null;
    }
    byte[] certificate = store.certificate(n + 1);
    if (certificate == null) {
      return null;
    }
    Header header = store.header(n);
    Header next = store.header(n + 1);
    Hash blockHash = header.hash(chain.suite());
    List<ExecutedTransaction> executed = store.executed(n, blockHash);
    ExecutedTransaction et = executed.get(loc.index());
    Receipt receipt = et.receipt();
    if (!receipt.success()) {
      throw new ReceiptUnavailableException("transaction " + txHash + " failed; it notarized nothing");
    }
    int logIndex = -1;
    for (int i = 0; i < receipt.logs().size() && logIndex < 0; i++) {
      Log l = receipt.logs().get(i);
      boolean evidence = l.address().equals(EvidenceRegistry.ADDRESS) && l.topics().size() == 4
          && (l.topics().get(0).equals(EvidenceRegistry.NOTARIZED.topic0())
              || l.topics().get(0).equals(EvidenceRegistry.BATCH_ANCHORED.topic0()));
      if (evidence && (evidenceId == 0 || new BigInteger(1,
          l.topics().get(1).unsafeArray()).longValue() == evidenceId)) {
        logIndex = i;
      }
    }
    if (logIndex < 0) {
      throw new ReceiptUnavailableException("transaction " + txHash + " has no evidence log"
          + (evidenceId == 0 ? "" : " for record " + evidenceId)
              + " (a repeated notarization adds none: ask by record id)");
    }
    List<Transaction> body = store.body(n);
    int bodyIndex = -1;
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).hash().equals(txHash)) {
        bodyIndex = i;
      }
    }
    List<byte[]> receipts = new ArrayList<>();
    executed.forEach(e -> receipts.add(e.receipt().encode()));
    List<byte[]> txs = new ArrayList<>();
    body.forEach(t -> txs.add(t.encoding().toArray()));
    Log log = receipt.logs().get(logIndex);
    return new EvidenceReceipt(EvidenceReceipt.VERSION,
        new EvidenceReceipt.ChainInfo(chain.genesis().chainId(), chain.suite().name(),
            chain.genesis().fingerprint().toHex()),
        evidenceInfo(log),
        new EvidenceReceipt.TransactionInfo(txHash.toHex(), bodyIndex, hex(body.get(bodyIndex).encoding().toArray()),
            proof(txs, bodyIndex)),
        new EvidenceReceipt.BlockInfo(n, blockHash.toHex(), header.timestampMs(),
            Instant.ofEpochMilli(header.timestampMs()).toString(), hex(header.encode())),
        new EvidenceReceipt.ReceiptInfo(loc.index(), logIndex, proof(receipts, loc.index())),
        new EvidenceReceipt.LogInfo(log.address().toHex(), log.topics().stream().map(Hash::toHex).toList(),
            hex(log.data().unsafeArray())),
        new EvidenceReceipt.Certification(n + 1, hex(next.encode()), hex(certificate)),
        new EvidenceReceipt.ValidatorSetInfo("genesis",
            ChainApplication.validatorSet(chain.genesis()).hash(chain.suite()).toHex(), List.of()));
  }

  private EvidenceReceipt.EvidenceInfo evidenceInfo(Log log) throws ReceiptUnavailableException {
    boolean batch = log.topics().get(0).equals(EvidenceRegistry.BATCH_ANCHORED.topic0());
    long id = new BigInteger(1, log.topics().get(1).unsafeArray()).longValue();
    Address submitter = Address.wrap(java.util.Arrays.copyOfRange(log.topics().get(2).unsafeArray(), 12, 32));
    try {
      List<Object> d = AbiCodec.decode(batch
          ? List.of(AbiType.uint(8), AbiType.uint(32), AbiType.STRING, AbiType.uint(32))
          : List.of(AbiType.uint(8), AbiType.BYTES, AbiType.STRING, AbiType.uint(32), AbiType.uint(8)), log.data());
      HashAlgorithm alg = HashAlgorithm.ofCode(((BigInteger) d.get(0)).intValue());
      String did = Did.of(chain.genesis().chainId(), submitter).toString();
      if (batch) {
        String root = log.topics().get(3).toHex();
        return new EvidenceReceipt.EvidenceInfo(EvidenceRegistry.ADDRESS.toHex(), id, EvidenceReceipt.KIND_BATCH,
            alg.label(), root, (String) d.get(2), submitter.toHex(), did, ((BigInteger) d.get(3)).longValue(),
            new EvidenceReceipt.BatchInfo(root, 0, ((BigInteger) d.get(1)).longValue(), List.of()));
      }
      return new EvidenceReceipt.EvidenceInfo(EvidenceRegistry.ADDRESS.toHex(), id, EvidenceReceipt.KIND_SINGLE,
          alg.label(), ((Bytes) d.get(1)).toHex(), (String) d.get(2), submitter.toHex(), did,
          ((BigInteger) d.get(3)).longValue(), null);
    } catch (AbiException | RuntimeException e) {
      throw new ReceiptUnavailableException("the evidence log does not decode: " + e.getMessage());
    }
  }

  /** The Merkle proof of item {@code index} of an ordered list (key rlp(index)), as the chain's roots commit to it. */
  static List<String> proof(List<byte[]> items, int index) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(NodeStore.EMPTY);
    for (int i = 0; i < items.size(); i++) {
      trie.put(Bytes.wrap(Rlp.encodeLong(i)), Bytes.wrap(items.get(i)));
    }
    return trie.proof(Bytes.wrap(Rlp.encodeLong(index))).stream().map(b -> hex(b.unsafeArray())).toList();
  }

  static String hex(byte[] b) {
    return Hex.encodePrefixed(b);
  }

  /**
   * The receipt of one member of an anchored batch: {@code anchor} (as {@link #build} made it for the batch's
   * transaction) with the member's digest, position and inclusion path.
   */
  public static EvidenceReceipt member(EvidenceReceipt anchor, byte[] digest, int leafIndex, List<byte[]> path) {
    EvidenceReceipt.EvidenceInfo e = anchor.evidence();
    EvidenceReceipt.BatchInfo b = e.batch();
    return anchor.withEvidence(new EvidenceReceipt.EvidenceInfo(e.registry(), e.id(), e.kind(), e.hashAlgorithm(),
        hex(digest), e.metadata(), e.submitter(), e.submitterDid(), e.didVersion(),
        new EvidenceReceipt.BatchInfo(b.root(), leafIndex, b.leafCount(),
            path.stream().map(ReceiptBuilder::hex).toList())));
  }
}
