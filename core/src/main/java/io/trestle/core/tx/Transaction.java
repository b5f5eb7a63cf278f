package io.trestle.core.tx;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.RlpException;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Secp256k1;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A signed transaction of type 0 (legacy, with or without EIP-155), 1 (EIP-2930) or 2 (EIP-1559), bound to the
 * crypto suite of its chain. Immutable; keeps its exact network bytes, and its hash from the moment it exists.
 *
 * <p>The sender is recovered on the first call to {@link #sender()} and kept, failure included, so a node pays
 * for recovery once per transaction (DESIGN §9). Transactions made by {@link Builder#sign} know their sender
 * without any recovery.
 *
 * <p>Checks are split in three. {@link #decode} refuses malformed bytes ({@link RlpException}). {@link #validate()}
 * refuses well-formed transactions that break a rule needing no state (signature, intrinsic gas, init code size,
 * fee sanity) with an {@link InvalidTransactionException}. Chain id, nonce, balance and base fee are the
 * caller's checks, since they need the chain's configuration or state.
 */
public final class Transaction {
  /** Largest encoding {@link #decode(byte[], CryptoSuite)} accepts: room for 49,152 bytes of init code and more. */
  public static final int DEFAULT_SIZE_MAX_BYTES = 128 * 1024;
  /** EIP-3860 limit on the data of a creation. */
  public static final int INITCODE_SIZE_MAX_BYTES = 49_152;

  static final long TX_GAS = 21_000;
  static final long CREATE_GAS = 32_000;
  static final long ZERO_BYTE_GAS = 4;
  static final long NONZERO_BYTE_GAS = 16;
  static final long ACCESS_LIST_ADDRESS_GAS = 2_400;
  static final long ACCESS_LIST_STORAGE_KEY_GAS = 1_900;
  static final long INITCODE_WORD_GAS = 2;

  private final UnsignedFields fields;
  private final int yParity;
  private final BigInteger r;
  private final BigInteger s;
  private final byte[] publicKey;
  private final CryptoSuite suite;
  private final byte[] encoding;
  private final Hash hash;
  private final long intrinsicGas;
  /** An {@link Address}, a {@link Failure}, or null until the first {@link #sender()}. */
  private volatile Object senderOutcome;

  Transaction(UnsignedFields fields, int yParity, BigInteger r, BigInteger s, byte[] publicKey, CryptoSuite suite,
      byte[] encoding) {
    this.fields = fields;
    this.yParity = yParity;
    this.r = r;
    this.s = s;
    this.publicKey = publicKey;
    this.suite = suite;
    this.encoding = encoding;
    this.hash = Hash.wrap(suite.hash(encoding));
    this.intrinsicGas = computeIntrinsicGas(fields);
  }

  private record Failure(InvalidTransactionException.Reason reason, String message) {}

  // ---- decoding and building ------------------------------------------------------------------------------

  /** Decodes a transaction's network encoding (typed envelope or legacy RLP list), at most 128 KiB. */
  public static Transaction decode(byte[] networkEncoding, CryptoSuite suite) throws RlpException {
    return decode(networkEncoding, suite, DEFAULT_SIZE_MAX_BYTES);
  }

  /**
   * Decodes a transaction's network encoding strictly: canonical RLP and integers, exact field counts, 20-byte
   * addresses, 32-byte storage keys, integers of at most 256 bits (63 for chain id, nonce and gas limit), r and s
   * of at most 32 bytes, a valid v or yParity. Blob (3), set-code (4) and unknown types are refused. On suites
   * whose signatures carry the public key the encoding ends with that 64-byte key (ADR 0121), elsewhere it must not.
   */
  public static Transaction decode(byte[] networkEncoding, CryptoSuite suite, int sizeMaxBytes) throws RlpException {
    Objects.requireNonNull(networkEncoding, "networkEncoding");
    Objects.requireNonNull(suite, "suite");
    return TransactionCodec.decode(networkEncoding, suite, sizeMaxBytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- fields ---------------------------------------------------------------------------------------------

  public TransactionType type() {
    return fields.type();
  }

  /** The chain id; {@code null} only for a legacy transaction signed without EIP-155 replay protection. */
  public Long chainId() {
    return fields.chainId();
  }

  public long nonce() {
    return fields.nonce();
  }

  /** The gas price of a type 0 or 1 transaction; {@code null} for type 2, which has a fee cap instead. */
  public BigInteger gasPrice() {
    return fields.gasPrice();
  }

  /** The EIP-1559 tip cap; for types 0 and 1 the gas price, which is how EIP-1559 treats them. */
  public BigInteger maxPriorityFeePerGas() {
    return fields.tipCap();
  }

  /** The EIP-1559 fee cap; for types 0 and 1 the gas price. */
  public BigInteger maxFeePerGas() {
    return fields.feeCap();
  }

  public long gasLimit() {
    return fields.gasLimit();
  }

  /** The recipient; {@code null} for a contract creation. */
  public Address to() {
    return fields.to();
  }

  public boolean isContractCreation() {
    return fields.to() == null;
  }

  public BigInteger value() {
    return fields.value();
  }

  /** Call data, or init code for a creation. */
  public Bytes data() {
    return fields.data();
  }

  /** The EIP-2930 access list; empty for legacy transactions. */
  public List<AccessListEntry> accessList() {
    return fields.accessList();
  }

  /** The signature's y parity (0 or 1), which legacy transactions fold into {@link #v()}. */
  public int yParity() {
    return yParity;
  }

  /** v as the wire carries it: 27/28, chainId·2+35/36 (EIP-155), or the y parity for typed transactions. */
  public BigInteger v() {
    return fields.type() == TransactionType.LEGACY
        ? TransactionCodec.legacyV(fields.chainId(), yParity)
        : BigInteger.valueOf(yParity);
  }

  public BigInteger r() {
    return r;
  }

  public BigInteger s() {
    return s;
  }

  /** The signature; it carries the signer's 64-byte public key on suites such as {@code sm} (ADR 0121). */
  public Signature signature() {
    return new Signature(r, s, yParity, publicKey);
  }

  /** The suite this transaction was decoded or signed with; its hash names the transaction. */
  public CryptoSuite suite() {
    return suite;
  }

  // ---- derived values -------------------------------------------------------------------------------------

  /** The suite hash of the network encoding: the transaction hash users see. */
  public Hash hash() {
    return hash;
  }

  /** A copy of the exact network encoding (type byte ‖ RLP for typed transactions, the RLP list for legacy). */
  public byte[] encode() {
    return encoding.clone();
  }

  /** The network encoding without a copy. */
  public Bytes encoding() {
    return Bytes.wrap(encoding);
  }

  /** Size of the network encoding in bytes, for pool and block limits. */
  public int size() {
    return encoding.length;
  }

  /** The digest the sender signed: the suite hash of the EIP-155 / EIP-2718 signing payload. */
  public Hash signingHash() {
    return Hash.wrap(suite.hash(TransactionCodec.signingPayload(fields)));
  }

  /**
   * Gas charged before execution (Cancun): 21,000; 32,000 more for a creation; 4 per zero and 16 per non-zero
   * data byte; 2,400 per access-list address and 1,900 per storage key; 2 per 32-byte word of init code.
   */
  public long intrinsicGas() {
    return intrinsicGas;
  }

  /**
   * min(maxFeePerGas, baseFee + maxPriorityFeePerGas): the price per gas paid when included at this base fee.
   * Only meaningful when {@code maxFeePerGas() >= baseFeePerGas}, which the includer checks first (a transaction
   * whose fee cap is below the base fee cannot be included).
   */
  public BigInteger effectiveGasPrice(BigInteger baseFeePerGas) {
    BigInteger tipped = baseFeePerGas.add(fields.tipCap());
    return tipped.min(fields.feeCap());
  }

  /** gasLimit × maxFeePerGas + value: the balance the sender must hold for the transaction to be admitted. */
  public BigInteger maxCost() {
    return BigInteger.valueOf(fields.gasLimit()).multiply(fields.feeCap()).add(fields.value());
  }

  /**
   * The sender, recovered (or, on suites that carry the key, verified) on the first call and cached with its
   * outcome. Thread-safe; concurrent first calls recover once.
   */
  public Address sender() throws InvalidTransactionException {
    Object outcome = senderOutcome;
    if (outcome == null) {
      synchronized (this) {
        outcome = senderOutcome;
        if (outcome == null) {
          outcome = recoverSender();
          senderOutcome = outcome;
        }
      }
    }
    if (outcome instanceof Address address) {
      return address;
    }
    Failure failure = (Failure) outcome;
    throw new InvalidTransactionException(failure.reason(), failure.message());
  }

  /**
   * Every rule that needs neither state nor chain configuration: signature values in range, gas limit covers
   * the intrinsic gas, init code within EIP-3860's limit, tip cap not above fee cap, gasLimit × fee cap within
   * 256 bits, and last, because it is the costly one, a signature that recovers (the sender is then cached).
   * Reports the first broken rule in that order, which is the order the Ethereum test vectors expect.
   */
  public void validate() throws InvalidTransactionException {
    Failure malformed = checkEthereumRanges();
    if (malformed != null) {
      throw new InvalidTransactionException(malformed.reason(), malformed.message());
    }
    if (fields.gasLimit() < intrinsicGas) {
      throw new InvalidTransactionException(InvalidTransactionException.Reason.INTRINSIC_GAS_TOO_LOW,
          "gasLimit " + fields.gasLimit() + " is below the intrinsic gas " + intrinsicGas);
    }
    if (isContractCreation() && fields.data().size() > INITCODE_SIZE_MAX_BYTES) {
      throw new InvalidTransactionException(InvalidTransactionException.Reason.INITCODE_TOO_LARGE,
          "init code of " + fields.data().size() + " bytes exceeds " + INITCODE_SIZE_MAX_BYTES + " (EIP-3860)");
    }
    if (fields.tipCap().compareTo(fields.feeCap()) > 0) {
      throw new InvalidTransactionException(InvalidTransactionException.Reason.PRIORITY_FEE_ABOVE_MAX_FEE,
          "maxPriorityFeePerGas " + fields.tipCap() + " exceeds maxFeePerGas " + fields.feeCap());
    }
    if (BigInteger.valueOf(fields.gasLimit()).multiply(fields.feeCap()).bitLength() > 256) {
      throw new InvalidTransactionException(InvalidTransactionException.Reason.GAS_COST_OVERFLOW,
          "gasLimit " + fields.gasLimit() + " × fee cap " + fields.feeCap() + " does not fit 256 bits");
    }
    sender();
  }

  private Object recoverSender() {
    try {
      byte[] digest = signingHash().unsafeArray();
      Signature signature = signature();
      byte[] key;
      if (suite.signatureCarriesPublicKey()) {
        if (!suite.verify(digest, signature, publicKey)) {
          return new Failure(InvalidTransactionException.Reason.INVALID_SIGNATURE,
              "signature does not verify against the carried public key (suite " + suite.name() + ")");
        }
        key = publicKey;
      } else {
        Failure malleable = checkEthereumRanges();
        if (malleable != null) {
          return malleable;
        }
        key = suite.recoverPublicKey(digest, signature);
      }
      return Address.wrap(suite.address(key));
    } catch (SignatureException e) {
      return new Failure(InvalidTransactionException.Reason.INVALID_SIGNATURE, e.getMessage());
    }
  }

  /** Ethereum's rules before recovery: 1 ≤ r, s < n and, since Homestead (EIP-2), s ≤ n/2. */
  private Failure checkEthereumRanges() {
    if (!EthereumSuite.NAME.equals(suite.name())) {
      return null;
    }
    if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0) {
      return new Failure(InvalidTransactionException.Reason.INVALID_SIGNATURE, "signature r is out of range [1, n-1]");
    }
    if (s.signum() == 0 || s.compareTo(Secp256k1.N) >= 0) {
      return new Failure(InvalidTransactionException.Reason.INVALID_SIGNATURE, "signature s is out of range [1, n-1]");
    }
    if (s.compareTo(Secp256k1.HALF_N) > 0) {
      return new Failure(InvalidTransactionException.Reason.INVALID_SIGNATURE, "signature s is above n/2 (EIP-2)");
    }
    return null;
  }

  static long computeIntrinsicGas(UnsignedFields f) {
    long gas = TX_GAS;
    boolean creation = f.to() == null;
    if (creation) {
      gas += CREATE_GAS;
    }
    byte[] data = f.data().unsafeArray();
    long zeros = 0;
    for (byte b : data) {
      if (b == 0) {
        zeros++;
      }
    }
    gas += zeros * ZERO_BYTE_GAS + (data.length - zeros) * NONZERO_BYTE_GAS;
    for (AccessListEntry entry : f.accessList()) {
      gas += ACCESS_LIST_ADDRESS_GAS + entry.storageKeys().size() * ACCESS_LIST_STORAGE_KEY_GAS;
    }
    if (creation) {
      gas += INITCODE_WORD_GAS * ((data.length + 31L) / 32);
    }
    return gas;
  }

  // ---- object ---------------------------------------------------------------------------------------------

  /** Equal when the suites have the same name and the network encodings are the same bytes. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other
        && hash.equals(other.hash)
        && suite.name().equals(other.suite.name())
        && Arrays.equals(encoding, other.encoding);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + fields.type() + " hash=" + hash + " nonce=" + fields.nonce() + " to="
        + (fields.to() == null ? "create" : fields.to()) + "]";
  }

  // ---- builder --------------------------------------------------------------------------------------------

  /**
   * Assembles and signs a transaction. The type is DYNAMIC_FEE when {@link #maxFeePerGas} is set, ACCESS_LIST when
   * an access list is given with a gas price, LEGACY otherwise, unless {@link #type} says so explicitly. A legacy
   * transaction without a chain id is signed without EIP-155 replay protection.
   */
  public static final class Builder {
    private TransactionType type;
    private Long chainId;
    private long nonce;
    private BigInteger gasPrice;
    private BigInteger maxPriorityFeePerGas;
    private BigInteger maxFeePerGas;
    private long gasLimit;
    private Address to;
    private BigInteger value = BigInteger.ZERO;
    private Bytes data = Bytes.EMPTY;
    private List<AccessListEntry> accessList = List.of();

    private Builder() {}

    public Builder type(TransactionType type) {
      this.type = type;
      return this;
    }

    public Builder chainId(long chainId) {
      this.chainId = chainId;
      return this;
    }

    public Builder nonce(long nonce) {
      this.nonce = nonce;
      return this;
    }

    public Builder gasPrice(BigInteger gasPrice) {
      this.gasPrice = gasPrice;
      return this;
    }

    public Builder maxPriorityFeePerGas(BigInteger maxPriorityFeePerGas) {
      this.maxPriorityFeePerGas = maxPriorityFeePerGas;
      return this;
    }

    public Builder maxFeePerGas(BigInteger maxFeePerGas) {
      this.maxFeePerGas = maxFeePerGas;
      return this;
    }

    public Builder gasLimit(long gasLimit) {
      this.gasLimit = gasLimit;
      return this;
    }

    /** The recipient; {@code null} (the default) creates a contract. */
    public Builder to(Address to) {
      this.to = to;
      return this;
    }

    public Builder value(BigInteger value) {
      this.value = value;
      return this;
    }

    public Builder data(Bytes data) {
      this.data = data;
      return this;
    }

    public Builder accessList(List<AccessListEntry> accessList) {
      this.accessList = accessList;
      return this;
    }

    /** The digest to sign, for signers outside this process; pair with {@link #signed}. */
    public Hash signingHash(CryptoSuite suite) {
      return Hash.wrap(suite.hash(TransactionCodec.signingPayload(fields())));
    }

    /** Signs with {@code key}; the result knows its sender without recovering it. */
    public Transaction sign(KeyPair key, CryptoSuite suite) {
      UnsignedFields f = fields();
      Signature signature = suite.sign(suite.hash(TransactionCodec.signingPayload(f)), key);
      byte[] carried = null;
      if (suite.signatureCarriesPublicKey()) {
        carried = signature.publicKey() != null ? signature.publicKey() : key.publicKey();
      }
      Transaction tx = assemble(f, signature, carried, suite);
      tx.senderOutcome = Address.wrap(suite.address(key.publicKey()));
      return tx;
    }

    /**
     * Attaches a signature made elsewhere. Nothing is verified here: {@link Transaction#sender()} will. On suites
     * that carry the public key the signature must include it.
     */
    public Transaction signed(Signature signature, CryptoSuite suite) {
      byte[] carried = null;
      if (suite.signatureCarriesPublicKey()) {
        carried = signature.publicKey();
        if (carried == null) {
          throw new IllegalArgumentException("suite " + suite.name() + " needs the signer's public key in the signature");
        }
      }
      return assemble(fields(), signature, carried, suite);
    }

    private static Transaction assemble(UnsignedFields f, Signature signature, byte[] publicKey, CryptoSuite suite) {
      if (signature.recoveryId() > 1) {
        throw new IllegalArgumentException("recovery id " + signature.recoveryId() + " cannot be carried in v");
      }
      UnsignedFields.requireUInt256(signature.r(), "r");
      UnsignedFields.requireUInt256(signature.s(), "s");
      byte[] encoding =
          TransactionCodec.networkEncoding(f, signature.recoveryId(), signature.r(), signature.s(), publicKey);
      return new Transaction(f, signature.recoveryId(), signature.r(), signature.s(), publicKey, suite, encoding);
    }

    private UnsignedFields fields() {
      TransactionType t = type;
      if (t == null) {
        if (maxFeePerGas != null || maxPriorityFeePerGas != null) {
          t = TransactionType.DYNAMIC_FEE;
        } else if (!accessList.isEmpty()) {
          t = TransactionType.ACCESS_LIST;
        } else {
          t = TransactionType.LEGACY;
        }
      }
      return new UnsignedFields(
          t, chainId, nonce, gasPrice, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList);
    }
  }
}
