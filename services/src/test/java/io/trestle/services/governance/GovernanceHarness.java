package io.trestle.services.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.PermissionMode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A governance contract on an in-memory world, with helpers to send calls as anyone at any block height. */
public final class GovernanceHarness {
  public static final CryptoSuite SUITE = EthereumSuite.INSTANCE;
  public static final Address GOV = GovernanceContract.ADDRESS;
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  public final InMemoryWorld world = new InMemoryWorld();
  public final TransactionProcessor processor;
  private final Map<Address, Long> nonces = new HashMap<>();
  public long block = 10;

  public GovernanceHarness(GovernanceConfig config, List<ValidatorInfo> validators, List<Address> nodes,
      Map<String, List<Address>> roles, Map<Address, SystemContract> extra) {
    SystemContracts.Builder b = SystemContracts.builder();
    CallGuard guard = GovernanceContract.register(b, SUITE);
    extra.forEach((a, c) -> {
      b.register(a, c);
      world.setCode(a, SystemContracts.STUB_CODE);
    });
    processor = new TransactionProcessor(b.build(), guard);
    world.setCode(GOV, SystemContracts.STUB_CODE);
    GovernanceGenesis.storage(config, validators, nodes, roles).forEach((k, v) -> world.setStorage(GOV, k, v));
  }

  /** Four validators (keys 101..104), committee of accounts 1..4 with weight 1, regulator account 9. */
  public static GovernanceHarness standard(PermissionMode mode) {
    List<Committee.Member> members = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      members.add(new Committee.Member(account(i), 1));
    }
    return new GovernanceHarness(new GovernanceConfig(members, 2, 3, mode, 2), validators(4), List.of(account(50)),
        Map.of("regulator", List.of(account(9))), Map.of());
  }

  private static final Map<Integer, KeyPair> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  public static KeyPair key(int n) {
    return KEYS.computeIfAbsent(n, GovernanceHarness::derive);
  }

  private static KeyPair derive(int n) {
    byte[] k = new byte[32];
    k[0] = 0x22;
    k[30] = (byte) (n >> 8);
    k[31] = (byte) n;
    return SUITE.keyPair(k);
  }

  public static Address account(int n) {
    return Address.wrap(SUITE.address(key(n).publicKey()));
  }

  public static ValidatorInfo validator(int n) {
    KeyPair k = key(100 + n);
    return new ValidatorInfo(Address.wrap(SUITE.address(k.publicKey())), Bytes.wrap(k.publicKey()));
  }

  public static List<ValidatorInfo> validators(int count) {
    List<ValidatorInfo> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(validator(i));
    }
    return out;
  }

  BlockEnv env() {
    return BlockEnv.of(block, 1_700_000_000L + block, Address.ofLong(0xc0b1), 30_000_000L, GWEI, Hash.ZERO, 1337);
  }

  public TxResult sendTo(Address from, Address to, Bytes data) {
    if (!world.exists(from)) {
      world.setAccount(from, 0, BigInteger.TEN.pow(22));
    }
    long nonce = nonces.getOrDefault(from, 0L);
    TxResult r = processor.process(Message.legacy(from, to, nonce, 5_000_000, GWEI.multiply(BigInteger.TWO),
        BigInteger.ZERO, data), env(), world);
    if (r.isValid()) {
      nonces.put(from, nonce + 1);
      world.apply(r.stateDiff());
    }
    return r;
  }

  public TxResult send(Address from, AbiFunction fn, Object... args) {
    try {
      return sendTo(from, GOV, fn.encodeCall(args));
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends and asserts success. */
  public TxResult ok(Address from, AbiFunction fn, Object... args) {
    TxResult r = send(from, fn, args);
    assertTrue(r.isSuccess(), () -> fn.signature() + " failed: " + reason(r));
    return r;
  }

  /** Sends, asserts a revert whose reason contains {@code text}, and that governance state did not change. */
  public TxResult refused(Address from, String text, AbiFunction fn, Object... args) {
    TxResult r = send(from, fn, args);
    assertEquals(TxResult.Status.REVERTED, r.status(), () -> fn.signature() + " should revert");
    assertTrue(reason(r).contains(text), () -> "reason '" + reason(r) + "' should contain '" + text + "'");
    assertNull(r.stateDiff().get(GOV), "a refused call must leave governance storage alone");
    assertTrue(r.logs().isEmpty());
    return r;
  }

  public static String reason(TxResult r) {
    return r.isSuccess() ? "" : r.output().isEmpty() ? String.valueOf(r.error()) : Abi.decodeError(r.output());
  }

  /** A read-only call; nothing it does is kept. */
  public List<Object> view(AbiFunction fn, Object... args) {
    try {
      Address viewer = Address.ofLong(0xfeee);
      if (!world.exists(viewer)) {
        world.setAccount(viewer, 0, BigInteger.TEN.pow(22));
      }
      TxResult r = processor.process(Message.legacy(viewer, GOV, 0, 5_000_000, GWEI.multiply(BigInteger.TWO),
          BigInteger.ZERO, fn.encodeCall(args)), env(), world);
      assertTrue(r.isSuccess(), () -> fn.signature() + " failed: " + reason(r));
      return fn.decodeOutput(r.output());
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  public StorageReader reader() {
    return slot -> world.storage(GOV, slot);
  }

  public GovernanceSnapshot snapshot() {
    return GovernanceSnapshot.read(reader());
  }

  /** Proposes (as a member, whose yes vote counts), returns the id. */
  public long propose(Address proposer, ProposalKind kind, Object... params) {
    try {
      TxResult r = ok(proposer, CommitteeFunctions.PROPOSE, BigInteger.valueOf(kind.code()), kind.encode(params),
          BigInteger.ZERO, "test " + kind.label());
      return ((BigInteger) CommitteeFunctions.PROPOSE.decodeOutput(r.output()).get(0)).longValue();
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Proposes as member 1, votes yes with members 2 and 3, executes; returns the execute result. */
  public TxResult pass(ProposalKind kind, Object... params) {
    long id = propose(account(1), kind, params);
    ok(account(2), CommitteeFunctions.VOTE, BigInteger.valueOf(id), true);
    ok(account(3), CommitteeFunctions.VOTE, BigInteger.valueOf(id), true);
    return ok(account(4), CommitteeFunctions.EXECUTE, BigInteger.valueOf(id));
  }

  public static boolean hasEvent(TxResult r, io.trestle.services.governance.store.EventDef event) {
    return r.logs().stream().anyMatch(l -> l.topics().get(0).equals(event.topic0()));
  }

  public static Bytes role(String name) {
    return io.trestle.services.permissions.Role.idBytes(name);
  }

  public UInt256 slot(UInt256 s) {
    return world.storage(GOV, s);
  }
}
