package io.trestle.services.governance;

import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Permissions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Chain parameters the committee may change, each with bounds, and where each takes effect (ADR 0273). On chain a
 * parameter is named by its name as a left-aligned {@code bytes32}, as Solidity's {@code bytes32("blockGasLimit")}.
 * Zero means "not set": the genesis value applies.
 */
public enum ChainParameter {
  /** Gas limit of every block built on a state where it is set (consensus-checked in every header). */
  BLOCK_GAS_LIMIT("blockGasLimit", 5_000, 1_000_000_000L),
  /** Lowest fee cap the pool admits, in wei; applies at admission at once. */
  MIN_GAS_PRICE("minGasPrice", 0, Long.MAX_VALUE),
  /** Block pacing of the consensus engine; each node applies it when it next starts. */
  BLOCK_INTERVAL_MS("blockIntervalMs", 10, 60_000),
  /** Most blocks one log query may span; each node applies it when it next starts. */
  LOGS_BLOCK_RANGE_MAX("logsBlockRangeMax", 1, 1_000_000),
  /** Most logs one log query may return; each node applies it when it next starts. */
  LOGS_RESULTS_MAX("logsResultsMax", 1, 1_000_000),
  /** 0 open, 1 deploy-permissioned, 2 permissioned; applies from the next transaction. */
  PERMISSION_MODE("permissionMode", 0, 2);

  private final String label;
  private final long min;
  private final long max;
  private final UInt256 slot;

  ChainParameter(String label, long min, long max) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.slot = Slots.of(Slots.root("gov.param"), id(label));
  }

  public String label() {
    return label;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  /** The on-chain name: the label as a left-aligned bytes32. */
  public static UInt256 id(String label) {
    byte[] b = label.getBytes(StandardCharsets.US_ASCII);
    return Slots.leftAligned(Bytes.wrap(b));
  }

  public Bytes idBytes() {
    return Bytes.wrap(id(label).toArray());
  }

  public static Optional<ChainParameter> ofLabel(String label) {
    for (ChainParameter p : values()) {
      if (p.label.equals(label)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static Optional<ChainParameter> ofId(UInt256 id) {
    for (ChainParameter p : values()) {
      if (id(p.label).equals(id)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Null when {@code value} is allowed, else why not. */
  public String check(BigInteger value) {
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      return label + " must be within [" + min + ", " + max + "], got " + value;
    }
    return null;
  }

  /** The value set by governance, or empty when the genesis value applies. */
  public Optional<BigInteger> read(StorageReader s) throws SystemCall.Halt {
    if (this == PERMISSION_MODE) {
      return Optional.of(BigInteger.valueOf(Permissions.mode(s).code()));
    }
    UInt256 v = s.load(slot);
    return v.isZero() ? Optional.empty() : Optional.of(v.toBigInteger());
  }

  public void write(Storage s, BigInteger value) throws SystemCall.Halt {
    if (this == PERMISSION_MODE) {
      Permissions.setMode(s, PermissionMode.ofCode(value.longValue()).orElseThrow());
    } else {
      s.store(slot, UInt256.fromBigInteger(value));
    }
  }
}
