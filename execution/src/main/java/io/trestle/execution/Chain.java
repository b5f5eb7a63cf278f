package io.trestle.execution;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.block.Bloom;
import io.trestle.core.block.Header;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.Message;
import io.trestle.evm.Tracer;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.precompile.Precompiles;
import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.services.governance.ChainParameter;
import io.trestle.services.governance.GovernanceContract;
import io.trestle.services.governance.GovernanceSnapshot;
import io.trestle.services.governance.ValidatorInfo;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.state.kv.KeyValueStore;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.world.Account;
import io.trestle.state.world.UnknownStateRootException;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain as execution sees it: the committed blocks, their results and the world state at the head.
 * {@link #commit} runs on one thread (the consensus driver) and writes a block, its certificate, receipts,
 * indexes, state and the new head in one fsynced batch (DESIGN §2.4, §5). Queries are safe from any thread.
 */
public final class Chain {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

  /** The last committed and executed block. */
  public record Head(long number, Header header, Hash hash, BlockResults results) {}

  /** A block just committed, with what its execution produced. */
  public record CommittedBlock(
      Block block,
      Hash hash,
      List<ExecutedTransaction> executed,
      List<BlockExecutor.Skipped> skipped,
      BlockResults results,
      long executionNanos) {}

  /** A committed transaction run again exactly as it executed, and what the run produced. */
  public record Replayed(ExecutedTransaction transaction, TxResult result) {}

  /** Told of every committed block, on the committing thread, after the write is durable. */
  public interface Listener {
    void onCommitted(CommittedBlock block);
  }

  private final KeyValueStore kv;
  private final ChainStore store;
  private final Genesis genesis;
  private final CryptoSuite suite;
  private final TransactionProcessor processor;
  private final BlockExecutor executor;
  private final Hash validatorsHash;
  /** Whether the governance contract is registered: validator sets and gas limit then come from its state. */
  private final boolean governed;
  private final Replayer replayer;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private WorldState live;
  private volatile Head head;
  /** Governance state as of the head (null when not governed); replaced when a block changes it. */
  private volatile GovernanceView governance;

  /** A governance snapshot with the storage root it was read at and each epoch's validator-set hash. */
  private record GovernanceView(GovernanceSnapshot snapshot, Hash storageRoot, List<ValidatorHash> hashes) {}

  /** The hash of one epoch's validator set, computed once per epoch. */
  private record ValidatorHash(long fromHeight, List<Genesis.Validator> validators, Hash hash) {}

  private Chain(KeyValueStore kv, Genesis genesis, TransactionProcessor processor) {
    this.kv = kv;
    this.genesis = genesis;
    this.suite = genesis.suite();
    this.store = new ChainStore(kv, suite);
    this.processor = processor;
    this.governed = processor.systemContracts().get(GovernanceContract.ADDRESS) != null;
    this.executor = new BlockExecutor(genesis, processor, governed);
    this.validatorsHash = Validators.hash(genesis.validators(), suite);
    this.replayer = new Replayer(kv, store, executor, processor, this::blockHash);
  }

  /** Opens the chain in {@code kv}, writing the genesis block first when the store is empty. */
  public static Chain open(KeyValueStore kv, Genesis genesis, TransactionProcessor processor) throws GenesisException {
    Chain chain = new Chain(kv, genesis, processor);
    if (chain.store.headNumber() < 0) {
      chain.writeGenesis();
    } else if (!genesis.fingerprint().equals(chain.store.genesisFingerprint())) {
      throw new GenesisException("the data folder holds a chain of a different genesis; use another data folder or reset it");
    }
    chain.head = chain.loadHead(chain.store.headNumber());
    try {
      chain.live = WorldState.at(kv, chain.head.results().stateRoot());
    } catch (UnknownStateRootException e) {
      throw new IllegalStateException("database corrupt: head state root is missing", e);
    }
    chain.governance = chain.readGovernance();
    if (chain.governance != null && chain.governance.snapshot().epochs().isEmpty()) {
      throw new GenesisException("the data folder holds a chain created without the governance contract; "
          + "use another data folder or reset it");
    }
    return chain;
  }

  /**
   * Governance as of {@code live}: the current view when its storage root did not move, else a fresh read. Published
   * before the head that produced it, so a reader never pairs a new head with stale validator sets.
   */
  private GovernanceView readGovernance() {
    if (!governed) {
      return null;
    }
    Account account = live.account(GovernanceContract.ADDRESS);
    Hash root = account == null ? Hash.EMPTY_TRIE_ROOT : account.storageRoot();
    GovernanceView current = governance;
    if (current != null && root.equals(current.storageRoot())) {
      return current;
    }
    GovernanceSnapshot snapshot = GovernanceSnapshot.read(reader(live));
    List<ValidatorHash> hashes = new ArrayList<>();
    for (var epoch : snapshot.epochs()) {
      List<Genesis.Validator> vals = new ArrayList<>();
      for (ValidatorInfo v : epoch.validators()) {
        vals.add(new Genesis.Validator(v.address(), v.publicKey()));
      }
      hashes.add(new ValidatorHash(epoch.fromHeight(), List.copyOf(vals), Validators.hash(vals, suite)));
    }
    return new GovernanceView(snapshot, root, List.copyOf(hashes));
  }

  /** Governance storage in {@code state}, as the services read it. */
  static StorageReader reader(WorldState state) {
    return slot -> UInt256.fromBytes(state.storage(GovernanceContract.ADDRESS, Bytes.wrap(slot.toArray())).unsafeArray());
  }

  private Head loadHead(long number) {
    Header h = store.header(number);
    BlockResults r = store.results(number);
    if (h == null || r == null) {
      throw new IllegalStateException("database corrupt: head block " + number + " is incomplete");
    }
    return new Head(number, h, h.hash(suite), r);
  }

  private void writeGenesis() {
    WorldState state = WorldState.empty(kv);
    for (Map.Entry<Address, Genesis.AllocAccount> e : genesis.alloc().entrySet()) {
      Genesis.AllocAccount a = e.getValue();
      Hash codeHash = a.code().isEmpty() ? Hash.EMPTY_KECCAK : state.putCode(a.code());
      state.setAccount(e.getKey(), new Account(a.nonce(), a.balance(), Hash.EMPTY_TRIE_ROOT, codeHash));
      a.storage().forEach((slot, value) -> state.setStorage(e.getKey(), slot, value));
    }
    // ADR 0162: every registered system contract gets stub code, so EXTCODESIZE sees it and EIP-161 keeps it
    for (Address system : processor.systemContracts().addresses()) {
      if (!genesis.alloc().containsKey(system)) {
        state.setAccount(system, new Account(0, BigInteger.ZERO, Hash.EMPTY_TRIE_ROOT,
            state.putCode(SystemContracts.STUB_CODE)));
      }
    }
    if (governed) {
      genesis.governanceStorage().forEach((slot, value) -> state.setStorage(GovernanceContract.ADDRESS,
          Bytes.wrap(slot.toArray()), Bytes.wrap(value.toArray())));
    }
    WriteBatch batch = kv.newBatch();
    Hash allocRoot = state.commit(batch);
    Header header = Header.builder()
        .parentHash(Hash.ZERO)
        .number(0)
        .timestampMs(genesis.timestampMs())
        .proposer(Address.ZERO)
        .round(0)
        .transactionsRoot(Hash.EMPTY_TRIE_ROOT)
        .gasLimit(genesis.gasLimit())
        .baseFeePerGas(genesis.fees().baseFee())
        .lastStateRoot(allocRoot)
        .lastReceiptsRoot(Hash.EMPTY_TRIE_ROOT)
        .lastGasUsed(0)
        .validatorsHash(validatorsHash)
        .nextValidatorsHash(validatorsHash)
        .extraData(genesis.fingerprint().toBytes())
        .build();
    Block block = new Block(header, List.of());
    Hash hash = header.hash(suite);
    store.putBlock(batch, block, hash);
    store.putResults(batch, 0, new BlockResults(allocRoot, Hash.EMPTY_TRIE_ROOT, 0, Bloom.EMPTY));
    store.putGenesisFingerprint(batch, genesis.fingerprint());
    store.putHead(batch, 0);
    kv.write(batch, true);
    LOG.info("genesis written chainId={} hash={} stateRoot={}", genesis.chainId(), hash, allocRoot);
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public Head head() {
    return head;
  }

  public Genesis genesis() {
    return genesis;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public ChainStore store() {
    return store;
  }

  /** The genesis validator set's hash. */
  public Hash validatorsHash() {
    return validatorsHash;
  }

  /** Governance state as of the head, or empty on a chain without the governance contract. */
  public java.util.Optional<GovernanceSnapshot> governance() {
    GovernanceView g = governance;
    return g == null ? java.util.Optional.empty() : java.util.Optional.of(g.snapshot());
  }

  /**
   * The validators of {@code height}, or null when not yet decided. Decided for every height up to the head plus
   * the validator-change offset (at least 2, docs/consensus.md §2); the genesis set on a chain without governance.
   */
  public List<Genesis.Validator> validatorsAt(long height) {
    ValidatorHash v = validatorHash(height);
    return v == null ? null : v.validators();
  }

  /** The hash of {@link #validatorsAt}, or null when not yet decided. */
  public Hash validatorsHashAt(long height) {
    ValidatorHash v = validatorHash(height);
    return v == null ? null : v.hash();
  }

  private ValidatorHash validatorHash(long height) {
    long headNumber = head.number(); // before governance: a new head is published after its governance view
    GovernanceView g = governance;
    if (g == null) {
      return new ValidatorHash(0, genesis.validators(), validatorsHash);
    }
    if (height > headNumber + g.snapshot().validatorChangeOffset()) {
      return null;
    }
    List<ValidatorHash> hashes = g.hashes();
    for (int i = hashes.size() - 1; i >= 0; i--) {
      if (hashes.get(i).fromHeight() <= height) {
        return hashes.get(i);
      }
    }
    return hashes.get(0);
  }

  /** The gas limit of the block after the head: the committee's blockGasLimit when set, else the genesis one. */
  public long nextGasLimit() {
    GovernanceView g = governance;
    return g == null ? genesis.gasLimit()
        : g.snapshot().parameter(ChainParameter.BLOCK_GAS_LIMIT).map(BigInteger::longValue).orElse(genesis.gasLimit());
  }

  /**
   * Accounts whose code is native rather than EVM bytecode: the precompiles and this chain's system contracts.
   * Every transaction finds them warm, so an access list never needs to name them.
   */
  public Set<Address> nativeContracts() {
    Set<Address> out = new LinkedHashSet<>(Precompiles.addresses());
    out.addAll(processor.systemContracts().addresses());
    return Collections.unmodifiableSet(out);
  }

  /** The hash of block {@code number}, or null when it is not committed. */
  public Hash blockHash(long number) {
    Head h = head;
    if (number == h.number()) {
      return h.hash();
    }
    Header header = number >= 0 && number <= h.number() ? store.header(number) : null;
    return header == null ? null : header.hash(suite);
  }

  // ---- building and checking proposals ----

  /** The next block on top of the head, carrying the head's execution results (DESIGN §4). */
  public Block buildBlock(List<Transaction> txs, long timestampMs, Address proposer, int round) {
    Head h = head;
    long number = h.number() + 1;
    Header header = Header.builder()
        .parentHash(h.hash())
        .number(h.number() + 1)
        .timestampMs(Math.max(timestampMs, h.header().timestampMs() + 1))
        .proposer(proposer)
        .round(round)
        .transactionsRoot(Block.transactionsRoot(txs))
        .gasLimit(nextGasLimit())
        .baseFeePerGas(nextBaseFee(h))
        .lastStateRoot(h.results().stateRoot())
        .lastReceiptsRoot(h.results().receiptsRoot())
        .lastGasUsed(h.results().gasUsed())
        .validatorsHash(validatorsHashAt(number))
        .nextValidatorsHash(validatorsHashAt(number + 1))
        .extraData(Bytes.EMPTY)
        .build();
    return new Block(header, txs);
  }

  /** The base fee the block after the head must carry. */
  public BigInteger nextBaseFee() {
    return nextBaseFee(head);
  }

  private BigInteger nextBaseFee(Head h) {
    return FeeSchedule.nextBaseFee(genesis.fees(), h.header().baseFeePerGas(), h.results().gasUsed(), h.header().gasLimit());
  }

  /**
   * Checks that a proposed block extends the head correctly: height, parent, the head's execution results, fees,
   * gas limit, validator-set hashes, transactions root, and that every transaction is well-formed and signed for
   * this chain. State-dependent validity (nonces, funds) is execution's business: such transactions are skipped.
   */
  public void validateProposal(Block block, long nowMs, long clockSkewMaxMs) throws BlockRejectedException {
    Head h = head;
    Header x = block.header();
    require(x.number() == h.number() + 1, "height " + x.number() + " does not follow head " + h.number());
    require(x.parentHash().equals(h.hash()), "parent " + x.parentHash() + " is not the head " + h.hash());
    require(x.lastStateRoot().equals(h.results().stateRoot()), "lastStateRoot " + x.lastStateRoot()
        + " differs from this node's result " + h.results().stateRoot());
    require(x.lastReceiptsRoot().equals(h.results().receiptsRoot()), "lastReceiptsRoot differs from this node's result");
    require(x.lastGasUsed() == h.results().gasUsed(), "lastGasUsed " + x.lastGasUsed() + " differs from " + h.results().gasUsed());
    long gasLimit = nextGasLimit();
    require(x.gasLimit() == gasLimit, "gas limit " + x.gasLimit() + " is not the chain's " + gasLimit);
    require(x.baseFeePerGas().equals(nextBaseFee(h)), "base fee " + x.baseFeePerGas() + " should be " + nextBaseFee(h));
    require(x.validatorsHash().equals(validatorsHashAt(x.number())), "validatorsHash is not this height's validator set");
    require(x.nextValidatorsHash().equals(validatorsHashAt(x.number() + 1)),
        "nextValidatorsHash is not the next height's validator set");
    require(x.timestampMs() > h.header().timestampMs(), "timestamp not after the parent's");
    require(x.timestampMs() <= nowMs + clockSkewMaxMs, "timestamp " + x.timestampMs() + " is too far in the future");
    require(block.hasMatchingTransactionsRoot(), "transactionsRoot does not match the transactions");
    long gas = 0;
    for (Transaction tx : block.transactions()) {
      require(tx.chainId() == null || tx.chainId() == genesis.chainId(), "transaction " + tx.hash() + " is for chain " + tx.chainId());
      try {
        tx.validate();
      } catch (InvalidTransactionException e) {
        throw new BlockRejectedException("transaction " + tx.hash() + " is invalid: " + e.getMessage());
      }
      gas += tx.gasLimit();
    }
    require(gas <= x.gasLimit() * 4L, "transactions ask for far more gas than the block holds");
  }

  private static void require(boolean ok, String reason) throws BlockRejectedException {
    if (!ok) {
      throw new BlockRejectedException(reason);
    }
  }

  // ---- committing ----

  /**
   * Executes a committed block and writes it with its certificate, receipts, indexes, state and the new head
   * in one fsynced batch. Runs on the consensus driver's thread only.
   */
  public synchronized CommittedBlock commit(Block block, byte[] certificate) throws BlockRejectedException {
    Head h = head;
    Header x = block.header();
    require(x.number() == h.number() + 1, "height " + x.number() + " does not follow head " + h.number());
    require(x.parentHash().equals(h.hash()), "parent " + x.parentHash() + " is not the head " + h.hash());
    Hash hash = x.hash(suite);
    long startNs = System.nanoTime();
    try {
      BlockExecutor.Outcome outcome = executor.execute(block, hash, live, this::blockHash);
      WriteBatch batch = kv.newBatch();
      Hash stateRoot = live.commit(batch);
      BlockResults results = new BlockResults(stateRoot, outcome.receiptsRoot(), outcome.gasUsed(), outcome.logsBloom());
      store.putBlock(batch, block, hash);
      if (certificate != null) {
        store.putCertificate(batch, x.number(), certificate);
      }
      store.putExecuted(batch, x.number(), outcome.executed(), outcome.bodyIndexes());
      store.putResults(batch, x.number(), results);
      store.putHead(batch, x.number());
      GovernanceView nextGovernance = readGovernance();
      kv.write(batch, true);
      governance = nextGovernance;
      head = new Head(x.number(), x, hash, results);
      long tookNs = System.nanoTime() - startNs;
      long tookMs = tookNs / 1_000_000;
      if (!outcome.skipped().isEmpty()) {
        LOG.debug("block skipped transactions number={} skipped={} first={}", x.number(), outcome.skipped().size(),
            outcome.skipped().get(0).reason());
      }
      LOG.debug("block committed number={} txs={} gasUsed={} tookMs={}", x.number(), outcome.executed().size(),
          outcome.gasUsed(), tookMs);
      CommittedBlock committed = new CommittedBlock(block, hash, outcome.executed(), outcome.skipped(), results, tookNs);
      for (Listener l : listeners) {
        try {
          l.onCommitted(committed);
        } catch (RuntimeException e) {
          LOG.warn("commit listener failed error={}", e.toString(), e);
        }
      }
      return committed;
    } catch (RuntimeException e) {
      reopenLiveState();
      throw e;
    }
  }

  private void reopenLiveState() {
    try {
      live = WorldState.at(kv, head.results().stateRoot());
    } catch (UnknownStateRootException e) {
      throw new IllegalStateException("database corrupt: head state root is missing", e);
    }
  }

  /** Stores a certificate that arrived after its block was committed. */
  public void saveCertificate(long number, byte[] certificate) {
    WriteBatch batch = kv.newBatch();
    store.putCertificate(batch, number, certificate);
    kv.write(batch, true);
  }

  // ---- reading state ----

  /** A read-only world state after block {@code number}; null when that block is not committed. */
  public WorldState stateAt(long number) {
    BlockResults r = number == head.number() ? head.results() : store.results(number);
    if (r == null) {
      return null;
    }
    try {
      return WorldState.at(kv, r.stateRoot());
    } catch (UnknownStateRootException e) {
      return null;
    }
  }

  /**
   * Runs a message against the state after block {@code number} without committing anything (eth_call,
   * eth_estimateGas). A message without a fee cap runs with a zero base fee, as Ethereum clients do.
   */
  public TxResult simulate(Message message, long number) {
    return simulate(message, number, null);
  }

  /** As {@link #simulate(Message, long)}, reporting every step and call to {@code tracer} (null for none). */
  public TxResult simulate(Message message, long number, Tracer tracer) {
    WorldState state = stateAt(number);
    if (state == null) {
      throw new IllegalArgumentException("block " + number + " is not committed");
    }
    Header header = number == head.number() ? head.header() : store.header(number);
    BlockEnv env = executor.environment(header);
    if (message.maxFeePerGas().signum() == 0) {
      env = new BlockEnv(env.number(), env.timestamp(), env.coinbase(), env.gasLimit(), BigInteger.ZERO,
          env.prevRandao(), env.chainId(), env.blobBaseFee(), env.burnBaseFee());
    }
    return processor.process(message, env, new WorldStateView(state, this::blockHash), tracer);
  }

  // ---- replaying committed transactions (debug tracing) ----

  /**
   * Runs the committed transaction {@code txHash} again exactly as it executed, with {@code tracer} watching:
   * the executed transactions before it in its block run first on the state after the previous block. Nothing
   * is committed, and the caller's thread does all the work (RPC workers, never the commit path). Null when no
   * executed transaction has that hash.
   *
   * @throws IllegalStateException when the replay ends differently from the stored receipt (a defect or a
   *     damaged store; never a trace of something that did not happen)
   */
  public Replayed replay(Hash txHash, Tracer tracer) {
    ChainStore.Location at = store.location(txHash);
    if (at == null || at.number() > head.number()) {
      return null;
    }
    return replay(at.number(), at.index(), tracer);
  }

  /**
   * As {@link #replay(Hash, Tracer)} for the executed transaction at {@code index} (among the block's executed
   * ones) of block {@code number}; null when there is none.
   */
  public Replayed replay(long number, int index, Tracer tracer) {
    Hash hash = blockHash(number);
    return hash == null ? null : replayer.replay(number, hash, index, tracer);
  }
}
