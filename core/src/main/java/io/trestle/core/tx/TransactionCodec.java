package io.trestle.core.tx;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire forms of transactions (EIP-155, EIP-2718, EIP-2930, EIP-1559), plus Trestle's extra public-key field on
 * suites whose signatures carry the signer's key (ADR 0121). Decoding accepts exactly one encoding per
 * transaction, so a decoded transaction's bytes equal what {@link #networkEncoding} produces for its fields.
 */
final class TransactionCodec {
  static final BigInteger V_LEGACY_BASE = BigInteger.valueOf(27);
  static final BigInteger V_EIP155_BASE = BigInteger.valueOf(35);
  private static final BigInteger MAX_CHAIN_ID = BigInteger.valueOf(Long.MAX_VALUE);
  private static final int PUBLIC_KEY_BYTES = 64;

  private TransactionCodec() {}

  // ---- encoding ------------------------------------------------------------------------------------------

  /** The bytes whose suite hash the sender signs. */
  static byte[] signingPayload(UnsignedFields f) {
    Rlp.ListBuilder list = Rlp.list();
    addBody(list, f);
    if (f.type() == TransactionType.LEGACY) {
      if (f.chainId() != null) {
        list.addLong(f.chainId()).addLong(0).addLong(0);
      }
      return list.build();
    }
    return typed(f.type(), list.build());
  }

  static byte[] networkEncoding(UnsignedFields f, int yParity, BigInteger r, BigInteger s, byte[] publicKey) {
    Rlp.ListBuilder list = Rlp.list();
    addBody(list, f);
    if (f.type() == TransactionType.LEGACY) {
      list.addBigInteger(legacyV(f.chainId(), yParity));
    } else {
      list.addLong(yParity);
    }
    list.addBigInteger(r).addBigInteger(s);
    if (publicKey != null) {
      list.addBytes(publicKey);
    }
    byte[] rlp = list.build();
    return f.type() == TransactionType.LEGACY ? rlp : typed(f.type(), rlp);
  }

  static BigInteger legacyV(Long chainId, int yParity) {
    if (chainId == null) {
      return V_LEGACY_BASE.add(BigInteger.valueOf(yParity));
    }
    return BigInteger.valueOf(chainId).shiftLeft(1).add(V_EIP155_BASE).add(BigInteger.valueOf(yParity));
  }

  private static void addBody(Rlp.ListBuilder list, UnsignedFields f) {
    switch (f.type()) {
      case LEGACY -> list.addLong(f.nonce()).addBigInteger(f.gasPrice());
      case ACCESS_LIST -> list.addLong(f.chainId()).addLong(f.nonce()).addBigInteger(f.gasPrice());
      case DYNAMIC_FEE -> list.addLong(f.chainId())
          .addLong(f.nonce())
          .addBigInteger(f.maxPriorityFeePerGas())
          .addBigInteger(f.maxFeePerGas());
    }
    list.addLong(f.gasLimit())
        .addBytes(f.to() == null ? new byte[0] : f.to().unsafeArray())
        .addBigInteger(f.value())
        .addBytes(f.data().unsafeArray());
    if (f.type() != TransactionType.LEGACY) {
      list.addEncoded(encodeAccessList(f.accessList()));
    }
  }

  private static byte[] encodeAccessList(List<AccessListEntry> accessList) {
    Rlp.ListBuilder entries = Rlp.list();
    for (AccessListEntry entry : accessList) {
      Rlp.ListBuilder keys = Rlp.list();
      for (Hash key : entry.storageKeys()) {
        keys.addBytes(key.unsafeArray());
      }
      entries.addEncoded(Rlp.list().addBytes(entry.address().unsafeArray()).addEncoded(keys.build()).build());
    }
    return entries.build();
  }

  private static byte[] typed(TransactionType type, byte[] rlp) {
    byte[] out = new byte[rlp.length + 1];
    out[0] = (byte) type.code();
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }

  // ---- decoding ------------------------------------------------------------------------------------------

  static Transaction decode(byte[] input, CryptoSuite suite, int sizeMaxBytes) throws RlpException {
    if (input.length == 0) {
      throw new RlpException("transaction is empty");
    }
    if (input.length > sizeMaxBytes) {
      throw new RlpException("transaction of " + input.length + " bytes exceeds the limit of " + sizeMaxBytes);
    }
    int first = input[0] & 0xff;
    if (first >= 0xc0) {
      byte[] encoding = input.clone();
      return decodeFields(encoding, Rlp.decode(encoding), TransactionType.LEGACY, suite);
    }
    if (first == 3) {
      throw new RlpException("type 3 (blob) transactions are not accepted: this chain carries no blobs");
    }
    if (first == 4) {
      throw new RlpException("type 4 (EIP-7702 set-code) transactions are not accepted on this chain");
    }
    TransactionType type = first < 0x80 ? TransactionType.ofCode(first) : null;
    if (type == null || type == TransactionType.LEGACY) {
      throw new RlpException(first < 0x80
          ? String.format("unknown transaction type 0x%02x", first)
          : String.format("transaction starts with 0x%02x: neither a typed envelope nor an RLP list", first));
    }
    byte[] encoding = input.clone();
    if (encoding.length == 1) {
      throw new RlpException(type + " transaction has an empty payload");
    }
    return decodeFields(encoding, Rlp.decode(encoding, 1, encoding.length - 1), type, suite);
  }

  private static Transaction decodeFields(byte[] encoding, RlpItem root, TransactionType type, CryptoSuite suite)
      throws RlpException {
    boolean carriesKey = suite.signatureCarriesPublicKey();
    int bodyFields = switch (type) {
      case LEGACY -> 6;
      case ACCESS_LIST -> 8;
      case DYNAMIC_FEE -> 9;
    };
    int signatureFields = carriesKey ? 4 : 3;
    if (!root.isList()) {
      throw new RlpException(type + " transaction payload must be an RLP list, found a string");
    }
    List<RlpItem> items = root.items(bodyFields + signatureFields, type + " transaction on suite " + suite.name());
    int i = 0;
    Long chainId = null;
    if (type != TransactionType.LEGACY) {
      chainId = uint63(items.get(i++), "chainId");
    }
    long nonce = uint63(items.get(i++), "nonce");
    BigInteger gasPrice = null;
    BigInteger maxPriority = null;
    BigInteger maxFee = null;
    if (type == TransactionType.DYNAMIC_FEE) {
      maxPriority = uint256(items.get(i++), "maxPriorityFeePerGas");
      maxFee = uint256(items.get(i++), "maxFeePerGas");
    } else {
      gasPrice = uint256(items.get(i++), "gasPrice");
    }
    long gasLimit = uint63(items.get(i++), "gasLimit");
    Address to = to(items.get(i++));
    BigInteger value = uint256(items.get(i++), "value");
    Bytes data = string(items.get(i++), "data");
    List<AccessListEntry> accessList = List.of();
    if (type != TransactionType.LEGACY) {
      accessList = accessList(items.get(i++));
    }
    int yParity;
    if (type == TransactionType.LEGACY) {
      BigInteger v = uint256(items.get(i++), "v");
      if (v.equals(V_LEGACY_BASE) || v.equals(V_LEGACY_BASE.add(BigInteger.ONE))) {
        yParity = v.intValueExact() - 27;
      } else if (v.compareTo(V_EIP155_BASE) >= 0) {
        BigInteger offset = v.subtract(V_EIP155_BASE);
        BigInteger id = offset.shiftRight(1);
        if (id.compareTo(MAX_CHAIN_ID) > 0) {
          throw new RlpException("v: EIP-155 chain id " + id + " does not fit 63 bits");
        }
        chainId = id.longValueExact();
        yParity = offset.testBit(0) ? 1 : 0;
      } else {
        throw new RlpException("v: " + v + " is neither 27/28 nor an EIP-155 value of at least 35");
      }
    } else {
      long parity = uint63(items.get(i++), "yParity");
      if (parity > 1) {
        throw new RlpException("yParity: must be 0 or 1, found " + parity);
      }
      yParity = (int) parity;
    }
    BigInteger r = uint256(items.get(i++), "r");
    BigInteger s = uint256(items.get(i++), "s");
    byte[] publicKey = null;
    if (carriesKey) {
      publicKey = items.get(i).bytes();
      if (publicKey.length != PUBLIC_KEY_BYTES) {
        throw new RlpException("publicKey: must be " + PUBLIC_KEY_BYTES + " bytes, found " + publicKey.length);
      }
    }
    UnsignedFields fields = new UnsignedFields(
        type, chainId, nonce, gasPrice, maxPriority, maxFee, gasLimit, to, value, data, accessList);
    return new Transaction(fields, yParity, r, s, publicKey, suite, encoding);
  }

  private static List<AccessListEntry> accessList(RlpItem item) throws RlpException {
    if (!item.isList()) {
      throw new RlpException("accessList: must be a list, found a string");
    }
    List<AccessListEntry> out = new ArrayList<>(item.items().size());
    for (RlpItem entry : item.items()) {
      if (!entry.isList() || entry.items().size() != 2) {
        throw new RlpException("accessList[" + out.size() + "]: must be a list [address, storageKeys]");
      }
      Address address;
      try {
        address = entry.items().get(0).asAddress();
      } catch (RlpException e) {
        throw new RlpException("accessList[" + out.size() + "].address: " + e.getMessage());
      }
      RlpItem keysItem = entry.items().get(1);
      if (!keysItem.isList()) {
        throw new RlpException("accessList[" + out.size() + "].storageKeys: must be a list");
      }
      List<Hash> keys = new ArrayList<>(keysItem.items().size());
      for (RlpItem key : keysItem.items()) {
        try {
          keys.add(key.asHash());
        } catch (RlpException e) {
          throw new RlpException("accessList[" + out.size() + "].storageKeys[" + keys.size() + "]: " + e.getMessage());
        }
      }
      out.add(new AccessListEntry(address, keys));
    }
    return out;
  }

  private static Address to(RlpItem item) throws RlpException {
    byte[] b = stringBytes(item, "to");
    if (b.length == 0) {
      return null;
    }
    if (b.length != Address.LENGTH) {
      throw new RlpException("to: must be empty (creation) or 20 bytes, found " + b.length + " bytes");
    }
    return Address.wrap(b);
  }

  private static Bytes string(RlpItem item, String field) throws RlpException {
    return Bytes.wrap(stringBytes(item, field));
  }

  private static byte[] stringBytes(RlpItem item, String field) throws RlpException {
    try {
      return item.bytes();
    } catch (RlpException e) {
      throw new RlpException(field + ": " + e.getMessage());
    }
  }

  private static long uint63(RlpItem item, String field) throws RlpException {
    try {
      return item.asLong();
    } catch (RlpException e) {
      throw new RlpException(field + ": " + e.getMessage());
    }
  }

  private static BigInteger uint256(RlpItem item, String field) throws RlpException {
    try {
      return item.asUInt256();
    } catch (RlpException e) {
      throw new RlpException(field + ": " + e.getMessage());
    }
  }
}
