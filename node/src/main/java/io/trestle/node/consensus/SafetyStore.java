package io.trestle.node.consensus;

import io.trestle.consensus.PersistedState;
import io.trestle.consensus.SafetyState;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.wire.Block;
import io.trestle.crypto.CryptoSuite;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The consensus safety state and the blocks a validator voted for, in the CONSENSUS column, written with fsync
 * before the messages that depend on them leave the node (DESIGN §4, docs/consensus.md rule P).
 */
final class SafetyStore {
  private static final byte[] SAFETY_KEY = "safety".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VOTED_PREFIX = "voted".getBytes(StandardCharsets.US_ASCII);

  private final KeyValueStore kv;
  private final CryptoSuite suite;

  SafetyStore(KeyValueStore kv, CryptoSuite suite) {
    this.kv = kv;
    this.suite = suite;
  }

  void saveSafety(SafetyState state) {
    WriteBatch batch = kv.newBatch();
    batch.put(Column.CONSENSUS, SAFETY_KEY, state.encode());
    kv.write(batch, true);
  }

  void saveVotedBlock(Block block) {
    WriteBatch batch = kv.newBatch();
    batch.put(Column.CONSENSUS, votedKey(block), block.encode());
    kv.write(batch, true);
  }

  private byte[] votedKey(Block block) {
    return ByteBuffer.allocate(VOTED_PREFIX.length + 8 + 32).put(VOTED_PREFIX).putLong(block.height())
        .put(block.id(suite).unsafeArray()).array();
  }

  /** Drops voted blocks at or below a committed height. */
  void pruneVotedBlocks(long committedHeight) {
    WriteBatch batch = kv.newBatch();
    byte[] end = ByteBuffer.allocate(VOTED_PREFIX.length + 8).put(VOTED_PREFIX).putLong(committedHeight + 1).array();
    kv.scan(Column.CONSENSUS, VOTED_PREFIX, end, (k, v) -> {
      batch.delete(Column.CONSENSUS, k);
      return true;
    });
    if (!batch.isEmpty()) {
      kv.write(batch, false);
    }
  }

  PersistedState load(long committedHeight) {
    Optional<SafetyState> safety = Optional.empty();
    byte[] raw = kv.get(Column.CONSENSUS, SAFETY_KEY);
    if (raw != null) {
      try {
        safety = Optional.of(SafetyState.decode(raw));
      } catch (DecodeException e) {
        throw new IllegalStateException("database corrupt: consensus safety state does not decode: " + e.getMessage(), e);
      }
    }
    List<Block> voted = new ArrayList<>();
    byte[] from = ByteBuffer.allocate(VOTED_PREFIX.length + 8).put(VOTED_PREFIX).putLong(committedHeight + 1).array();
    kv.scanPrefix(Column.CONSENSUS, VOTED_PREFIX, (k, v) -> {
      if (java.util.Arrays.compareUnsigned(k, from) >= 0) {
        try {
          voted.add(Block.decode(v));
        } catch (DecodeException e) {
          throw new IllegalStateException("database corrupt: a voted block does not decode: " + e.getMessage(), e);
        }
      }
      return true;
    });
    return new PersistedState(safety, voted);
  }
}
