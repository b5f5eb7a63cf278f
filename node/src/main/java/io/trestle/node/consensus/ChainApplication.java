package io.trestle.node.consensus;

import io.trestle.consensus.Application;
import io.trestle.consensus.Payload;
import io.trestle.consensus.Verdict;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.Validator;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.wire.Block;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.execution.BlockRejectedException;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.execution.genesis.Genesis;
import io.trestle.txpool.TxPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chain behind the consensus engine's {@link Application} interface (ADR 0008). A consensus block's payload is
 * the encoded chain block; its envelope must repeat the chain header's number, parent, proposer and timestamp, and
 * its payload hash is the header's payload commitment, so the consensus id and the chain's block hash coincide.
 * Decoded blocks are cached by payload hash, with transactions the pool already holds swapped in so their senders
 * are never recovered twice (DESIGN §9).
 */
public final class ChainApplication implements Application {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChainApplication.class);
  private static final int DECODED_MAX = 64;

  private final Chain chain;
  private final TxPool pool;
  private final CryptoSuite suite;
  private final int blockTxsMax;
  /** The engine asks for validator sets constantly; build each epoch's set once (keyed by the chain's list). */
  private final Map<List<Genesis.Validator>, ValidatorSet> sets = new java.util.IdentityHashMap<>();
  /**
   * Decoded payloads by their exact bytes. Not by payload hash: the payload commitment leaves out the envelope's
   * proposer and timestamp, so two proposers' empty blocks at one height share it.
   */
  private final Map<Bytes, io.trestle.core.block.Block> decoded = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes, io.trestle.core.block.Block> eldest) {
      return size() > DECODED_MAX;
    }
  };

  public ChainApplication(Chain chain, TxPool pool, int blockTxsMax) {
    this.chain = chain;
    this.pool = pool;
    this.suite = chain.suite();
    this.blockTxsMax = blockTxsMax;
  }

  /** The genesis validators as the engine sees them. */
  public static ValidatorSet validatorSet(Genesis genesis) {
    return validatorSet(genesis.validators());
  }

  public static ValidatorSet validatorSet(List<Genesis.Validator> validators) {
    List<Validator> list = new ArrayList<>();
    for (Genesis.Validator v : validators) {
      list.add(new Validator(v.address(), v.publicKey()));
    }
    return ValidatorSet.of(list);
  }

  /**
   * The validators of {@code height} from governance state (ADR 0270): decided up to the executed head plus the
   * validator-change offset (≥ 2), empty beyond.
   */
  @Override
  public Optional<ValidatorSet> validators(long height) {
    return validatorsOf(chain, height, sets);
  }

  /** The chain's validator set of {@code height} as the engine sees it, built once per epoch via {@code cache}. */
  public static Optional<ValidatorSet> validatorsOf(Chain chain, long height, Map<List<Genesis.Validator>, ValidatorSet> cache) {
    List<Genesis.Validator> list = chain.validatorsAt(height);
    if (list == null) {
      return Optional.empty();
    }
    synchronized (cache) {
      if (cache.size() > 16) {
        cache.clear();
      }
      return Optional.of(cache.computeIfAbsent(list, ChainApplication::validatorSet));
    }
  }

  @Override
  public Payload buildPayload(long height, Hash parentHash, Address proposer, long timestampMs) {
    Chain.Head head = chain.head();
    if (height != head.number() + 1 || !parentHash.equals(head.hash())) {
      throw new IllegalStateException("asked to build height " + height + " on " + parentHash
          + " but the executed head is " + head.number() + " " + head.hash());
    }
    List<Transaction> txs = pool.selectForBlock(chain.nextGasLimit(), chain.nextBaseFee(), blockTxsMax);
    io.trestle.core.block.Block block = chain.buildBlock(txs, timestampMs, proposer, 0);
    Hash commitment = block.header().payloadCommitment(suite);
    Bytes payload = Bytes.wrap(block.encode());
    synchronized (decoded) {
      decoded.put(payload, block);
    }
    return new Payload(commitment, payload);
  }

  @Override
  public boolean payloadMatches(Hash payloadHash, Bytes payload) {
    return chainBlock(payloadHash, payload) != null;
  }

  /** The chain block a payload encodes, when it is well-formed and bound to {@code payloadHash}; else null. */
  io.trestle.core.block.Block chainBlock(Hash payloadHash, Bytes payload) {
    synchronized (decoded) {
      io.trestle.core.block.Block cached = decoded.get(payload);
      if (cached != null) {
        return cached.header().payloadCommitment(suite).equals(payloadHash) ? cached : null;
      }
    }
    io.trestle.core.block.Block block;
    try {
      block = io.trestle.core.block.Block.decode(payload.unsafeArray(), suite, Block.MAX_PAYLOAD_BYTES);
    } catch (RlpException e) {
      return null;
    }
    if (!block.header().payloadCommitment(suite).equals(payloadHash) || !block.hasMatchingTransactionsRoot()) {
      return null;
    }
    List<Transaction> txs = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      Transaction pooled = pool.get(tx.hash());
      txs.add(pooled != null ? pooled : tx);
    }
    block = new io.trestle.core.block.Block(block.header(), txs);
    synchronized (decoded) {
      decoded.put(payload, block);
    }
    return block;
  }

  @Override
  public Verdict validate(Block block) {
    io.trestle.core.block.Block chainBlock = chainBlock(block.header().payloadHash(), block.payload());
    if (chainBlock == null) {
      return Verdict.reject("payload is not a chain block bound to the payload hash");
    }
    Header h = chainBlock.header();
    if (h.number() != block.height() || !h.parentHash().equals(block.header().parentHash())
        || !h.proposer().equals(block.header().proposer()) || h.timestampMs() != block.header().timestampMs()) {
      return Verdict.reject("chain header disagrees with the consensus envelope");
    }
    try {
      chain.validateProposal(chainBlock, Long.MAX_VALUE / 2, 0);
      return Verdict.accept();
    } catch (BlockRejectedException e) {
      return Verdict.reject(e.getMessage());
    }
  }

  @Override
  public boolean poolFull() {
    return pool.holdsAtLeastGas(chain.nextGasLimit());
  }

  @Override
  public void commit(Block block, CommitCertificate certificate) {
    io.trestle.core.block.Block chainBlock = chainBlock(block.header().payloadHash(), block.payload());
    if (chainBlock == null) {
      throw new IllegalStateException("committed block " + block.height() + " has no valid chain payload");
    }
    if (!chainBlock.header().hash(suite).equals(block.id(suite))) {
      throw new IllegalStateException("committed block " + block.height() + ": chain header hash "
          + chainBlock.header().hash(suite) + " differs from the consensus id " + block.id(suite)
          + " (envelope and payload disagree)");
    }
    Chain.CommittedBlock committed;
    try {
      committed = chain.commit(chainBlock, certificate.encode());
    } catch (BlockRejectedException e) {
      throw new IllegalStateException("committed block " + block.height() + " does not extend the chain: " + e.getMessage(), e);
    }
    Set<Address> senders = new HashSet<>();
    List<Hash> hashes = new ArrayList<>();
    List<Hash> executedHashes = new ArrayList<>();
    for (ExecutedTransaction e : committed.executed()) {
      senders.add(e.sender());
      executedHashes.add(e.transaction().hash());
    }
    for (Transaction tx : chainBlock.transactions()) {
      hashes.add(tx.hash());
      try {
        senders.add(tx.sender());
      } catch (InvalidTransactionException ignored) {
        // skipped at execution; nothing of the sender's changed
      }
    }
    pool.removeIncluded(hashes, executedHashes);
    pool.onBlockExecuted(senders);
    if (!chainBlock.transactions().isEmpty()) {
      LOG.info("block committed number={} txs={} skipped={} gasUsed={} executionMs={} round={}", block.height(),
          committed.executed().size(), committed.skipped().size(), committed.results().gasUsed(),
          committed.executionNanos() / 1_000_000, certificate.round());
    }
  }
}
