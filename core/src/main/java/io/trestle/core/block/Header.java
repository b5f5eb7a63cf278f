package io.trestle.core.block;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Trestle's block header (DESIGN §4, order then execute; ADR 0122). Consensus orders the block; the results of
 * executing its parent arrive one block later in the {@code last*} fields, so header N+1 plus its commit
 * certificate proves the state, receipts and validator set after block N. The commit certificate is stored beside
 * the block, not in the header, and is not part of the header hash.
 *
 * <p>Encoding: an RLP list of the fourteen fields in the order of the accessors below. The hash is the chain
 * suite's hash of that encoding (Keccak-256 or SM3); the suite is a parameter of {@link #hash(CryptoSuite)} and
 * the last result is cached, since a node uses one suite for its whole life.
 */
public final class Header {
  public static final int FIELD_COUNT = 14;
  public static final int EXTRA_DATA_MAX_BYTES = 32;

  private final Hash parentHash;
  private final long number;
  private final long timestampMs;
  private final Address proposer;
  private final int round;
  private final Hash transactionsRoot;
  private final long gasLimit;
  private final BigInteger baseFeePerGas;
  private final Hash lastStateRoot;
  private final Hash lastReceiptsRoot;
  private final long lastGasUsed;
  private final Hash validatorsHash;
  private final Hash nextValidatorsHash;
  private final Bytes extraData;
  private final byte[] encoding;
  private volatile SuiteHash cachedHash;

  private record SuiteHash(String suiteName, Hash hash) {}

  private Header(Builder b) {
    parentHash = Objects.requireNonNull(b.parentHash, "parentHash");
    number = requireNonNegative(b.number, "number");
    timestampMs = requireNonNegative(b.timestampMs, "timestampMs");
    proposer = Objects.requireNonNull(b.proposer, "proposer");
    round = (int) requireNonNegative(b.round, "round");
    transactionsRoot = Objects.requireNonNull(b.transactionsRoot, "transactionsRoot");
    gasLimit = requireNonNegative(b.gasLimit, "gasLimit");
    baseFeePerGas = Objects.requireNonNull(b.baseFeePerGas, "baseFeePerGas");
    if (baseFeePerGas.signum() < 0 || baseFeePerGas.bitLength() > 256) {
      throw new IllegalArgumentException("baseFeePerGas must be in [0, 2^256), got " + baseFeePerGas);
    }
    lastStateRoot = Objects.requireNonNull(b.lastStateRoot, "lastStateRoot");
    lastReceiptsRoot = Objects.requireNonNull(b.lastReceiptsRoot, "lastReceiptsRoot");
    lastGasUsed = requireNonNegative(b.lastGasUsed, "lastGasUsed");
    validatorsHash = Objects.requireNonNull(b.validatorsHash, "validatorsHash");
    nextValidatorsHash = Objects.requireNonNull(b.nextValidatorsHash, "nextValidatorsHash");
    extraData = Objects.requireNonNull(b.extraData, "extraData");
    if (extraData.size() > EXTRA_DATA_MAX_BYTES) {
      throw new IllegalArgumentException("extraData must be at most 32 bytes, got " + extraData.size());
    }
    encoding = encodeFields();
  }

  private static long requireNonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be non-negative, got " + value);
    }
    return value;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this header's fields, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .parentHash(parentHash)
        .number(number)
        .timestampMs(timestampMs)
        .proposer(proposer)
        .round(round)
        .transactionsRoot(transactionsRoot)
        .gasLimit(gasLimit)
        .baseFeePerGas(baseFeePerGas)
        .lastStateRoot(lastStateRoot)
        .lastReceiptsRoot(lastReceiptsRoot)
        .lastGasUsed(lastGasUsed)
        .validatorsHash(validatorsHash)
        .nextValidatorsHash(nextValidatorsHash)
        .extraData(extraData);
  }

  public Hash parentHash() {
    return parentHash;
  }

  public long number() {
    return number;
  }

  /** Milliseconds since the epoch, as the proposer stamped it. */
  public long timestampMs() {
    return timestampMs;
  }

  /** Whole seconds since the epoch: what the EVM's TIMESTAMP and JSON-RPC see. */
  public long timestampSeconds() {
    return timestampMs / 1000;
  }

  /** The validator that proposed the block; receives its fees. */
  public Address proposer() {
    return proposer;
  }

  /** The consensus round the block was proposed in. */
  public int round() {
    return round;
  }

  /** Ordered-trie root of the block's transactions. */
  public Hash transactionsRoot() {
    return transactionsRoot;
  }

  public long gasLimit() {
    return gasLimit;
  }

  public BigInteger baseFeePerGas() {
    return baseFeePerGas;
  }

  /** World-state root after executing blocks 0..number-1; the empty-trie root at genesis. */
  public Hash lastStateRoot() {
    return lastStateRoot;
  }

  /** Receipts root of block number-1; the empty-trie root for blocks 0 and 1. */
  public Hash lastReceiptsRoot() {
    return lastReceiptsRoot;
  }

  /** Gas used by block number-1. */
  public long lastGasUsed() {
    return lastGasUsed;
  }

  /** Hash of the validator set that certifies this block. */
  public Hash validatorsHash() {
    return validatorsHash;
  }

  /** Hash of the validator set that certifies block number+1. */
  public Hash nextValidatorsHash() {
    return nextValidatorsHash;
  }

  /** At most 32 bytes of proposer-chosen data. */
  public Bytes extraData() {
    return extraData;
  }

  /** A copy of the RLP encoding. */
  public byte[] encode() {
    return encoding.clone();
  }

  /**
   * The block hash, which is also the id consensus votes and certificates sign (ADR 0008): the suite hash of
   * {@code rlp([number, parentHash, proposer, timestampMs, payloadCommitment])}, the consensus envelope. Cached
   * for the last suite asked.
   */
  public Hash hash(CryptoSuite suite) {
    SuiteHash cached = cachedHash;
    if (cached != null && cached.suiteName().equals(suite.name())) {
      return cached.hash();
    }
    byte[] envelope = Rlp.list()
        .addLong(number)
        .addBytes(parentHash.unsafeArray())
        .addBytes(proposer.unsafeArray())
        .addLong(timestampMs)
        .addBytes(payloadCommitment(suite).unsafeArray())
        .build();
    Hash h = Hash.wrap(suite.hash(envelope));
    cachedHash = new SuiteHash(suite.name(), h);
    return h;
  }

  /**
   * The suite hash of every field the consensus envelope does not carry:
   * {@code rlp([round, transactionsRoot, gasLimit, baseFeePerGas, lastStateRoot, lastReceiptsRoot, lastGasUsed,
   * validatorsHash, nextValidatorsHash, extraData])}. The envelope's payload hash.
   */
  public Hash payloadCommitment(CryptoSuite suite) {
    byte[] rest = Rlp.list()
        .addLong(round)
        .addBytes(transactionsRoot.unsafeArray())
        .addLong(gasLimit)
        .addBigInteger(baseFeePerGas)
        .addBytes(lastStateRoot.unsafeArray())
        .addBytes(lastReceiptsRoot.unsafeArray())
        .addLong(lastGasUsed)
        .addBytes(validatorsHash.unsafeArray())
        .addBytes(nextValidatorsHash.unsafeArray())
        .addBytes(extraData.unsafeArray())
        .build();
    return Hash.wrap(suite.hash(rest));
  }

  private byte[] encodeFields() {
    return Rlp.list()
        .addBytes(parentHash.unsafeArray())
        .addLong(number)
        .addLong(timestampMs)
        .addBytes(proposer.unsafeArray())
        .addLong(round)
        .addBytes(transactionsRoot.unsafeArray())
        .addLong(gasLimit)
        .addBigInteger(baseFeePerGas)
        .addBytes(lastStateRoot.unsafeArray())
        .addBytes(lastReceiptsRoot.unsafeArray())
        .addLong(lastGasUsed)
        .addBytes(validatorsHash.unsafeArray())
        .addBytes(nextValidatorsHash.unsafeArray())
        .addBytes(extraData.unsafeArray())
        .build();
  }

  /** Decodes a header strictly: fourteen fields, canonical integers in range, exact hash and address widths. */
  public static Header decode(byte[] encoded) throws RlpException {
    return fromRlp(Rlp.decode(encoded));
  }

  static Header fromRlp(RlpItem item) throws RlpException {
    if (!item.isList()) {
      throw new RlpException("header must be an RLP list");
    }
    List<RlpItem> f = item.items(FIELD_COUNT, "header");
    long round = field(f, 4, "round", RlpItem::asLong);
    if (round > Integer.MAX_VALUE) {
      throw new RlpException("header round: " + round + " exceeds " + Integer.MAX_VALUE);
    }
    Bytes extraData = field(f, 13, "extraData", RlpItem::asBytes);
    if (extraData.size() > EXTRA_DATA_MAX_BYTES) {
      throw new RlpException("header extraData: " + extraData.size() + " bytes exceeds " + EXTRA_DATA_MAX_BYTES);
    }
    return new Builder()
        .parentHash(field(f, 0, "parentHash", RlpItem::asHash))
        .number(field(f, 1, "number", RlpItem::asLong))
        .timestampMs(field(f, 2, "timestampMs", RlpItem::asLong))
        .proposer(field(f, 3, "proposer", RlpItem::asAddress))
        .round((int) round)
        .transactionsRoot(field(f, 5, "transactionsRoot", RlpItem::asHash))
        .gasLimit(field(f, 6, "gasLimit", RlpItem::asLong))
        .baseFeePerGas(field(f, 7, "baseFeePerGas", RlpItem::asUInt256))
        .lastStateRoot(field(f, 8, "lastStateRoot", RlpItem::asHash))
        .lastReceiptsRoot(field(f, 9, "lastReceiptsRoot", RlpItem::asHash))
        .lastGasUsed(field(f, 10, "lastGasUsed", RlpItem::asLong))
        .validatorsHash(field(f, 11, "validatorsHash", RlpItem::asHash))
        .nextValidatorsHash(field(f, 12, "nextValidatorsHash", RlpItem::asHash))
        .extraData(extraData)
        .build();
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(RlpItem item) throws RlpException;
  }

  private static <T> T field(List<RlpItem> fields, int index, String name, Reader<T> reader) throws RlpException {
    try {
      return reader.read(fields.get(index));
    } catch (RlpException e) {
      throw new RlpException("header " + name + ": " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Header other && Arrays.equals(encoding, other.encoding);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoding);
  }

  @Override
  public String toString() {
    return "Header[number=" + number + " round=" + round + " proposer=" + proposer + " timestampMs=" + timestampMs
        + "]";
  }

  /** Collects header fields; {@link #build()} checks every one. {@code extraData} defaults to empty. */
  public static final class Builder {
    private Hash parentHash;
    private long number;
    private long timestampMs;
    private Address proposer;
    private long round;
    private Hash transactionsRoot;
    private long gasLimit;
    private BigInteger baseFeePerGas;
    private Hash lastStateRoot;
    private Hash lastReceiptsRoot;
    private long lastGasUsed;
    private Hash validatorsHash;
    private Hash nextValidatorsHash;
    private Bytes extraData = Bytes.EMPTY;

    private Builder() {}

    public Builder parentHash(Hash v) {
      parentHash = v;
      return this;
    }

    public Builder number(long v) {
      number = v;
      return this;
    }

    public Builder timestampMs(long v) {
      timestampMs = v;
      return this;
    }

    public Builder proposer(Address v) {
      proposer = v;
      return this;
    }

    public Builder round(int v) {
      round = v;
      return this;
    }

    public Builder transactionsRoot(Hash v) {
      transactionsRoot = v;
      return this;
    }

    public Builder gasLimit(long v) {
      gasLimit = v;
      return this;
    }

    public Builder baseFeePerGas(BigInteger v) {
      baseFeePerGas = v;
      return this;
    }

    public Builder lastStateRoot(Hash v) {
      lastStateRoot = v;
      return this;
    }

    public Builder lastReceiptsRoot(Hash v) {
      lastReceiptsRoot = v;
      return this;
    }

    public Builder lastGasUsed(long v) {
      lastGasUsed = v;
      return this;
    }

    public Builder validatorsHash(Hash v) {
      validatorsHash = v;
      return this;
    }

    public Builder nextValidatorsHash(Hash v) {
      nextValidatorsHash = v;
      return this;
    }

    public Builder extraData(Bytes v) {
      extraData = v;
      return this;
    }

    /** The header; NullPointerException or IllegalArgumentException naming the field when one is missing or out of range. */
    public Header build() {
      return new Header(this);
    }
  }
}
