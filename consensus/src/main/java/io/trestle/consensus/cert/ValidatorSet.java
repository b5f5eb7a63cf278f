package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validators of one height, in leader order, with equal voting weight. Quorum is ⌊2n/3⌋+1, which for any
 * n makes two quorums share at least f+1 = ⌊(n−1)/3⌋+1 members (docs/consensus.md §2).
 */
public final class ValidatorSet {
  /** More members are refused by the decoder: a certificate of this many signatures is already ~100 KB. */
  public static final int MAX_VALIDATORS = 1024;
  public static final int MAX_ENCODED_BYTES = 16 + MAX_VALIDATORS * 96;

  private final List<Validator> validators;
  private final Map<Address, Integer> indexByAddress;

  private ValidatorSet(List<Validator> validators) {
    this.validators = List.copyOf(validators);
    Map<Address, Integer> index = new HashMap<>();
    for (int i = 0; i < this.validators.size(); i++) {
      if (index.put(this.validators.get(i).address(), i) != null) {
        throw new IllegalArgumentException("validator " + this.validators.get(i).address() + " appears twice");
      }
    }
    this.indexByAddress = index;
  }

  /** IllegalArgumentException when empty, larger than {@link #MAX_VALIDATORS} or with a repeated address. */
  public static ValidatorSet of(List<Validator> validators) {
    Objects.requireNonNull(validators, "validators");
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("a validator set needs at least one validator");
    }
    if (validators.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException(
          "validator set of " + validators.size() + " exceeds the maximum of " + MAX_VALIDATORS);
    }
    return new ValidatorSet(validators);
  }

  /** The set of these public keys, each validator's address derived by the suite. */
  public static ValidatorSet ofPublicKeys(CryptoSuite suite, List<byte[]> publicKeys) {
    List<Validator> list = new ArrayList<>();
    for (byte[] key : publicKeys) {
      list.add(new Validator(Address.wrap(suite.address(key)), Bytes.of(key)));
    }
    return of(list);
  }

  public List<Validator> validators() {
    return validators;
  }

  public int size() {
    return validators.size();
  }

  public Validator get(int index) {
    return validators.get(index);
  }

  /** ⌊2n/3⌋ + 1 distinct signatures make a certificate. */
  public int quorum() {
    return 2 * validators.size() / 3 + 1;
  }

  /** f = ⌊(n−1)/3⌋, the most Byzantine members the set tolerates. */
  public int maxFaulty() {
    return (validators.size() - 1) / 3;
  }

  public boolean contains(Address address) {
    return indexByAddress.containsKey(address);
  }

  /** The position of {@code address}, or −1. */
  public int indexOf(Address address) {
    Integer i = indexByAddress.get(address);
    return i == null ? -1 : i;
  }

  public Optional<Validator> find(Address address) {
    Integer i = indexByAddress.get(address);
    return i == null ? Optional.empty() : Optional.of(validators.get(i));
  }

  /** leader(h, r) = V[(h + r) mod n], computed without overflow for any height. */
  public Address leader(long height, int round) {
    int n = validators.size();
    int index = (int) ((Math.floorMod(height, (long) n) + Math.floorMod(round, n)) % n);
    return validators.get(index).address();
  }

  /** The first validator whose address is not the one its public key yields under {@code suite}, if any. */
  public Optional<Address> findMismatchedAddress(CryptoSuite suite) {
    for (Validator v : validators) {
      if (!Arrays.equals(suite.address(v.publicKey().unsafeArray()), v.address().unsafeArray())) {
        return Optional.of(v.address());
      }
    }
    return Optional.empty();
  }

  /** rlp([[address, publicKey], …]) in leader order. */
  public byte[] encode() {
    List<byte[]> items = new ArrayList<>(validators.size());
    for (Validator v : validators) {
      items.add(Rlp.encodeList(Rlp.encodeBytes(v.address().unsafeArray()), Rlp.encodeBytes(v.publicKey().unsafeArray())));
    }
    return Rlp.encodeList(items);
  }

  /** The validator-set hash a header carries: suite hash of {@link #encode()}. */
  public Hash hash(CryptoSuite suite) {
    return Hash.wrap(suite.hash(encode()));
  }

  public static ValidatorSet decode(byte[] input) throws DecodeException {
    RlpItem root = Codec.decodeItem(input, MAX_ENCODED_BYTES, "validator set");
    return decode(root);
  }

  public static ValidatorSet decode(RlpItem root) throws DecodeException {
    List<RlpItem> items = Codec.list(root, MAX_VALIDATORS, "validator set");
    if (items.isEmpty()) {
      throw new DecodeException("validator set is empty");
    }
    List<Validator> list = new ArrayList<>(items.size());
    for (RlpItem item : items) {
      List<RlpItem> f = Codec.fields(item, 2, "validator");
      Address address = Codec.readAddress(f.get(0), "validator address");
      byte[] key = Codec.readBytes(f.get(1), Validator.PUBLIC_KEY_LENGTH, "validator publicKey");
      if (key.length != Validator.PUBLIC_KEY_LENGTH) {
        throw new DecodeException("validator publicKey must be 64 bytes, got " + key.length);
      }
      list.add(new Validator(address, Bytes.wrap(key)));
    }
    try {
      return new ValidatorSet(list);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorSet other && validators.equals(other.validators);
  }

  @Override
  public int hashCode() {
    return validators.hashCode();
  }

  @Override
  public String toString() {
    return "ValidatorSet" + validators.stream().map(v -> v.address().toHex()).toList();
  }
}
