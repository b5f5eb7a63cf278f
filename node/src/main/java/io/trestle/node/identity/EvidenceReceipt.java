package io.trestle.node.identity;

import java.util.List;
import java.util.Objects;

/**
 * A self-contained evidence receipt (docs/evidence-receipt.md, format version 1): what was notarized, by whom,
 * in which transaction and block, the Merkle proofs that tie the registry's log to the block's receipts root and
 * the transaction to its transactions root, the header that carries that receipts root with its commit
 * certificate, and where the validator set comes from. Hex values are byte strings; their meaning is checked by
 * {@link ReceiptVerifier}, not here.
 */
public record EvidenceReceipt(
    int version,
    ChainInfo chain,
    EvidenceInfo evidence,
    TransactionInfo transaction,
    BlockInfo block,
    ReceiptInfo receipt,
    LogInfo log,
    Certification certification,
    ValidatorSetInfo validatorSet) {

  public static final String TYPE = "trestle-evidence-receipt";
  public static final int VERSION = 1;
  public static final String KIND_SINGLE = "single";
  public static final String KIND_BATCH = "batch";

  public EvidenceReceipt {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(certification, "certification");
    Objects.requireNonNull(validatorSet, "validatorSet");
  }

  public record ChainInfo(long chainId, String cryptoSuite, String genesisFingerprint) {}

  /** {@code batch} is null for single notarizations. */
  public record EvidenceInfo(String registry, long id, String kind, String hashAlgorithm, String digest,
      String metadata,
      String submitter, String submitterDid, long didVersion, BatchInfo batch) {}

  /** Where a batch member sits in the anchored tree (RFC 9162 inclusion path, bottom up). */
  public record BatchInfo(String root, long leafIndex, long leafCount, List<String> path) {
    public BatchInfo {
      path = List.copyOf(path);
    }
  }

  /** {@code index} is the position in the block body: the key of the transactions trie. */
  public record TransactionInfo(String hash, long index, String raw, List<String> proof) {
    public TransactionInfo {
      proof = List.copyOf(proof);
    }
  }

  public record BlockInfo(long number, String hash, long timestampMs, String time, String header) {}

  /** {@code index} is the position among executed transactions: the key of the receipts trie. */
  public record ReceiptInfo(long index, long logIndex, List<String> proof) {
    public ReceiptInfo {
      proof = List.copyOf(proof);
    }
  }

  public record LogInfo(String address, List<String> topics, String data) {
    public LogInfo {
      topics = List.copyOf(topics);
    }
  }

  /** Header N+1 (it carries block N's receipts root) and its commit certificate. */
  public record Certification(long height, String header, String certificate) {}

  /** One validator-set change on the way from genesis to the certified height (none occur yet). */
  public record ValidatorSetChange(long fromHeight, String validators, String header, String certificate) {}

  public record ValidatorSetInfo(String source, String validatorsHash, List<ValidatorSetChange> changes) {
    public ValidatorSetInfo {
      changes = List.copyOf(changes);
    }
  }

  /**
   * The parts that prove one log of one transaction is in a block the chain's validators certified; everything
   * but the evidence. Other certificates of the same format (asset rights certificates) carry these alone.
   */
  public record Proof(ChainInfo chain, TransactionInfo transaction, BlockInfo block, ReceiptInfo receipt, LogInfo log,
      Certification certification, ValidatorSetInfo validatorSet) {
    public Proof {
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(transaction, "transaction");
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(certification, "certification");
      Objects.requireNonNull(validatorSet, "validatorSet");
    }
  }

  public EvidenceReceipt(int version, EvidenceInfo evidence, Proof p) {
    this(version, p.chain(), evidence, p.transaction(), p.block(), p.receipt(), p.log(), p.certification(),
        p.validatorSet());
  }

  public Proof proof() {
    return new Proof(chain, transaction, block, receipt, log, certification, validatorSet);
  }

  public EvidenceReceipt withEvidence(EvidenceInfo e) {
    return new EvidenceReceipt(version, chain, e, transaction, block, receipt, log, certification, validatorSet);
  }
}
