package io.trestle.consensus.support;

import io.trestle.consensus.Application;
import io.trestle.consensus.Payload;
import io.trestle.consensus.Verdict;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.wire.Block;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deterministic key-value application for testing the engine, shaped like the real chain: the payload of
 * block h carries the state root that executing block h−1 produced (order, then execute), so validators that
 * executed differently refuse each other's blocks. Payload = rlp([parentStateRoot, [[key, value]…]]),
 * payloadHash = suite.hash(payload). A transaction with key {@value #VALIDATORS_KEY} and a value of
 * comma-separated indices into {@code universe} changes the validator set two heights after its block.
 */
public final class KvApp implements Application {
  public static final String VALIDATORS_KEY = "!validators";
  public static final int VALIDATOR_CHANGE_OFFSET = 2;

  private final CryptoSuite suite;
  private final TestKeys universe;
  private final int maxTxsPerBlock;
  private final int poolFullTxs;
  private final TreeMap<Long, ValidatorSet> validatorSchedule = new TreeMap<>();
  private final TreeMap<String, String> state = new TreeMap<>();
  private final Map<Long, Hash> stateRoots = new HashMap<>();
  private final LinkedHashMap<String, String[]> pool = new LinkedHashMap<>();
  private Hash stateRoot;
  private long executedHeight;
  private Hash executedHash;

  public KvApp(CryptoSuite suite, TestKeys universe, ValidatorSet genesisValidators, Hash genesisHash,
      int maxTxsPerBlock, int poolFullTxs) {
    this.suite = suite;
    this.universe = universe;
    this.maxTxsPerBlock = maxTxsPerBlock;
    this.poolFullTxs = poolFullTxs;
    this.validatorSchedule.put(1L, genesisValidators);
    this.stateRoot = computeRoot();
    this.executedHash = genesisHash;
    this.stateRoots.put(0L, stateRoot);
  }

  /** Adds a transaction to this node's pool; one already pooled or included is ignored by its id. */
  public void submit(String key, String value) {
    pool.putIfAbsent(key + "=" + value, new String[] {key, value});
  }

  public int poolSize() {
    return pool.size();
  }

  public Hash stateRoot() {
    return stateRoot;
  }

  public Hash stateRootAt(long height) {
    return stateRoots.get(height);
  }

  public long executedHeight() {
    return executedHeight;
  }

  public Map<String, String> state() {
    return Map.copyOf(state);
  }

  @Override
  public Optional<ValidatorSet> validators(long height) {
    if (height < 1 || height > executedHeight + VALIDATOR_CHANGE_OFFSET) {
      return Optional.empty();
    }
    return Optional.of(validatorSchedule.floorEntry(height).getValue());
  }

  @Override
  public Payload buildPayload(long height, Hash parentHash, Address proposer, long timestampMs) {
    List<byte[]> txs = new ArrayList<>();
    Iterator<String[]> it = pool.values().iterator();
    while (it.hasNext() && txs.size() < maxTxsPerBlock) {
      String[] tx = it.next();
      txs.add(Rlp.encodeList(ascii(tx[0]), ascii(tx[1])));
    }
    byte[] payload = Rlp.encodeList(Rlp.encodeBytes(stateRoot.unsafeArray()), Rlp.encodeList(txs));
    return new Payload(Hash.wrap(suite.hash(payload)), Bytes.wrap(payload));
  }

  @Override
  public boolean payloadMatches(Hash payloadHash, Bytes payload) {
    return Hash.wrap(suite.hash(payload.unsafeArray())).equals(payloadHash);
  }

  @Override
  public Verdict validate(Block block) {
    if (block.height() != executedHeight + 1 || !block.header().parentHash().equals(executedHash)) {
      return Verdict.reject("block " + block.height() + " does not extend executed block " + executedHeight);
    }
    List<String[]> txs;
    Hash parentRoot;
    try {
      List<RlpItem> f = Rlp.decode(block.payload().unsafeArray()).items(2, "kv payload");
      parentRoot = f.get(0).asHash();
      txs = decodeTxs(f.get(1));
    } catch (RlpException e) {
      return Verdict.reject("payload: " + e.getMessage());
    }
    if (!parentRoot.equals(stateRoot)) {
      return Verdict.reject("payload carries parent state root " + parentRoot + ", executed root is " + stateRoot);
    }
    if (txs.size() > maxTxsPerBlock) {
      return Verdict.reject(txs.size() + " transactions, limit " + maxTxsPerBlock);
    }
    return Verdict.accept();
  }

  @Override
  public boolean poolFull() {
    return pool.size() >= poolFullTxs;
  }

  @Override
  public void commit(Block block, CommitCertificate certificate) {
    if (block.height() != executedHeight + 1) {
      throw new IllegalStateException("executing block " + block.height() + " after " + executedHeight);
    }
    List<String[]> txs;
    try {
      txs = decodeTxs(Rlp.decode(block.payload().unsafeArray()).items(2, "kv payload").get(1));
    } catch (RlpException e) {
      // a committed payload that does not parse executes as empty, deterministically on every node
      txs = List.of();
    }
    for (String[] tx : txs) {
      pool.remove(tx[0] + "=" + tx[1]);
      if (tx[0].equals(VALIDATORS_KEY)) {
        scheduleValidators(block.height(), tx[1]);
      } else {
        state.put(tx[0], tx[1]);
      }
    }
    executedHeight = block.height();
    executedHash = block.id(suite);
    stateRoot = computeRoot();
    stateRoots.put(executedHeight, stateRoot);
  }

  private void scheduleValidators(long height, String indices) {
    List<Integer> idx = new ArrayList<>();
    for (String part : indices.split(",")) {
      try {
        int i = Integer.parseInt(part.trim());
        if (i < 0 || i >= universe.size() || idx.contains(i)) {
          return;
        }
        idx.add(i);
      } catch (NumberFormatException e) {
        return; // invalid transactions are skipped deterministically
      }
    }
    if (!idx.isEmpty()) {
      validatorSchedule.put(height + VALIDATOR_CHANGE_OFFSET, universe.set(idx.stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  private static List<String[]> decodeTxs(RlpItem item) throws RlpException {
    List<String[]> out = new ArrayList<>();
    for (RlpItem tx : item.items()) {
      List<RlpItem> kv = tx.items(2, "kv tx");
      out.add(new String[] {
        new String(kv.get(0).bytes(), StandardCharsets.UTF_8), new String(kv.get(1).bytes(), StandardCharsets.UTF_8)
      });
    }
    return out;
  }

  private Hash computeRoot() {
    List<byte[]> entries = new ArrayList<>();
    for (Map.Entry<String, String> e : state.entrySet()) {
      entries.add(Rlp.encodeList(ascii(e.getKey()), ascii(e.getValue())));
    }
    entries.add(Rlp.encodeLong(validatorSchedule.size()));
    entries.add(validatorSchedule.lastEntry().getValue().encode());
    return Hash.wrap(suite.hash(Rlp.encodeList(entries)));
  }

  private static byte[] ascii(String s) {
    return Rlp.encodeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
