package io.trestle.services.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Keccak256;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemContracts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The asset contracts on an in-memory world with genesis roles, and helpers that call them as accounts would. */
final class AssetTestChain {
  static final Address COMMITTEE = Address.ofLong(0xc0111);
  static final Address REGULATOR = Address.ofLong(0x4e6);
  static final Address ISSUER = Address.ofLong(0x155);
  static final Address PLATFORM_A = Address.ofLong(0xaaaa);
  static final Address PLATFORM_B = Address.ofLong(0xbbbb);
  static final Address ALICE = Address.ofLong(0xa11ce);
  static final Address BOB = Address.ofLong(0xb0b);
  static final Address CAROL = Address.ofLong(0xca201);
  static final long CHAIN_ID = 1337;
  static final long GAS = 90_000_000L;
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final TransactionProcessor processor;
  final InMemoryWorld world = new InMemoryWorld();
  final Map<Address, Long> nonces = new java.util.HashMap<>();
  long block = 1;

  AssetTestChain() {
    AssetContracts assets = new AssetContracts(new GenesisAssetGovernance(Map.of(
        GenesisAssetGovernance.COMMITTEE, List.of(COMMITTEE),
        GenesisAssetGovernance.REGULATOR, List.of(REGULATOR),
        GenesisAssetGovernance.ASSET_ISSUER, List.of(ISSUER))));
    processor = new TransactionProcessor(assets.register(SystemContracts.builder()).build());
    for (Address a : AssetAddresses.fixed()) {
      world.setCode(a, SystemContracts.STUB_CODE);
    }
    for (Address a : List.of(COMMITTEE, REGULATOR, ISSUER, PLATFORM_A, PLATFORM_B, ALICE, BOB, CAROL)) {
      world.setAccount(a, 0, BigInteger.TEN.pow(24));
    }
  }

  BlockEnv env() {
    return BlockEnv.of(block, 1_700_000_000L + block, Address.ofLong(0xc0b1), 1_000_000_000L, GWEI, Hash.ZERO, CHAIN_ID);
  }

  /** Sends a transaction and applies its effects, as a block would. */
  TxResult send(Address from, Address to, Bytes data) {
    long nonce = nonces.getOrDefault(from, 0L);
    nonces.put(from, nonce + 1);
    TxResult r = processor.process(Message.legacy(from, to, nonce, GAS, GWEI, BigInteger.ZERO, data), env(), world);
    assertTrue(r.isValid(), r.error());
    world.apply(r.stateDiff());
    block++;
    return r;
  }

  /** A successful call's decoded output. */
  List<Object> ok(Address from, Address to, AbiFunction fn, Object... args) {
    TxResult r = send(from, to, encode(fn, args));
    assertTrue(r.isSuccess(), () -> fn.signature() + " failed: " + reason(r));
    try {
      return fn.outputs().isEmpty() ? List.of() : fn.decodeOutput(r.output());
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends a call that must revert and returns its reason. */
  String reverts(Address from, Address to, AbiFunction fn, Object... args) {
    TxResult r = send(from, to, encode(fn, args));
    assertEquals(TxResult.Status.REVERTED, r.status(), () -> fn.signature() + " should revert, got " + r.status());
    return reason(r);
  }

  /** A read-only call (eth_call): nothing is applied. */
  List<Object> view(Address to, AbiFunction fn, Object... args) {
    TxResult r = processor.process(Message.legacy(ALICE, to, nonces.getOrDefault(ALICE, 0L), GAS, GWEI,
        BigInteger.ZERO, encode(fn, args)), env(), world);
    assertTrue(r.isSuccess(), () -> fn.signature() + " failed: " + reason(r));
    try {
      return fn.decodeOutput(r.output());
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** A read-only call whose outcome the caller inspects. */
  TxResult probe(Address to, AbiFunction fn, Object... args) {
    return processor.process(Message.legacy(ALICE, to, nonces.getOrDefault(ALICE, 0L), GAS, GWEI, BigInteger.ZERO,
        encode(fn, args)), env(), world);
  }

  String viewReverts(Address to, AbiFunction fn, Object... args) {
    TxResult r = processor.process(Message.legacy(ALICE, to, nonces.getOrDefault(ALICE, 0L), GAS, GWEI,
        BigInteger.ZERO, encode(fn, args)), env(), world);
    assertEquals(TxResult.Status.REVERTED, r.status());
    return reason(r);
  }

  static String reason(TxResult r) {
    String decoded = Abi.decodeError(r.output());
    return decoded == null ? r.status() + " " + r.error() : decoded;
  }

  static Bytes encode(AbiFunction fn, Object... args) {
    try {
      return fn.encodeCall(args);
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** A content fingerprint: keccak of some text, as a platform would hash a file. */
  static Bytes fp(String content) {
    return Bytes.wrap(Keccak256.hash(content.getBytes(StandardCharsets.UTF_8)));
  }

  static final Bytes ZERO32 = Bytes.wrap(new byte[32]);
  static final Bytes LICENSE_HASH = fp("CC BY-NC 4.0 terms");
  static final String LICENSE_URI = "https://creativecommons.org/licenses/by-nc/4.0/";

  // ---- scenario steps ----

  void approvedPlatform(Address platform, String name) {
    ok(platform, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, name, "https://" + name + ".example");
    ok(COMMITTEE, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, platform);
  }

  Address collection(Address platform, String name) {
    return (Address) ok(platform, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, name, "SYM",
        "ipfs://base/", platform, BigInteger.valueOf(250)).get(0);
  }

  Address editions(Address platform, String name) {
    return (Address) ok(platform, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_EDITIONS, name, "ED",
        "ipfs://editions/{id}.json", platform, BigInteger.ZERO).get(0);
  }

  long mint(Address platform, Address collection, Address to, Bytes fingerprint) {
    return ((BigInteger) ok(platform, collection, AssetAbi.MINT, to, fingerprint, ZERO32, "", ALICE, LICENSE_URI,
        LICENSE_HASH).get(0)).longValueExact();
  }

  Address ownerOf(Address collection, long id) {
    return (Address) view(collection, AssetAbi.OWNER_OF, BigInteger.valueOf(id)).get(0);
  }

  BigInteger balanceOf(Address collection, Address owner) {
    return (BigInteger) view(collection, AssetAbi.BALANCE_OF, owner).get(0);
  }

  UInt256 storage(Address a, UInt256 slot) {
    return world.storage(a, slot);
  }
}
