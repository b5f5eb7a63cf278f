package io.trestle.services.did;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.EvmLog;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemContracts;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.names.NameRegistry;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The three identity contracts on an in-memory world, with a block clock the test moves. */
public final class IdentityHarness {
  public static final long CHAIN_ID = 1337;
  public static final BigInteger GWEI = BigInteger.TEN.pow(9);
  public final TransactionProcessor processor = new TransactionProcessor(SystemContracts.builder()
      .register(DidRegistry.ADDRESS, new DidRegistry())
      .register(NameRegistry.ADDRESS, new NameRegistry())
      .register(EvidenceRegistry.ADDRESS, new EvidenceRegistry())
      .build());
  public final InMemoryWorld world = new InMemoryWorld();
  private final Map<Address, Long> nonces = new HashMap<>();
  public long blockNumber = 1;
  public long timestampSeconds = 1_700_000_000L;

  public static Address account(int n) {
    return Address.ofLong(0xa000_0000L + n);
  }

  public IdentityHarness fund(Address... accounts) {
    for (Address a : accounts) {
      world.setAccount(a, 0, BigInteger.TEN.pow(24));
    }
    return this;
  }

  public BlockEnv env() {
    return BlockEnv.of(blockNumber, timestampSeconds, Address.ofLong(0xc0b1), 100_000_000L, GWEI, Hash.ZERO, CHAIN_ID);
  }

  /** Moves to the next block, {@code seconds} later. */
  public void advance(long seconds) {
    blockNumber++;
    timestampSeconds += seconds;
  }

  public TxResult send(Address from, Address to, Bytes data) {
    long nonce = nonces.getOrDefault(from, 0L);
    TxResult r = processor.process(
        Message.legacy(from, to, nonce, 30_000_000L, GWEI.multiply(BigInteger.TWO), BigInteger.ZERO, data), env(),
            world);
    if (r.isValid()) {
      nonces.put(from, nonce + 1);
      world.apply(r.stateDiff());
    }
    return r;
  }

  public TxResult call(Address from, Address to, AbiFunction f, Object... args) {
    try {
      return send(from, to, f.encodeCall(args));
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends and insists on success, returning the decoded outputs. */
  public List<Object> ok(Address from, Address to, AbiFunction f, Object... args) {
    TxResult r = call(from, to, f, args);
    if (!r.isSuccess()) {
      throw new AssertionError(f.signature() + " failed: " + r.status() + " " + reason(r));
    }
    try {
      return f.outputs().isEmpty() ? List.of() : f.decodeOutput(r.output());
    } catch (AbiException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends, insists on a revert, returns its reason. */
  public String refused(Address from, Address to, AbiFunction f, Object... args) {
    TxResult r = call(from, to, f, args);
    if (r.status() != TxResult.Status.REVERTED) {
      throw new AssertionError(f.signature() + " should revert but ended " + r.status());
    }
    return reason(r);
  }

  public static String reason(TxResult r) {
    return r.output().isEmpty() ? String.valueOf(r.error()) : Abi.decodeError(r.output());
  }

  public List<EvmLog> logsOf(TxResult r) {
    return r.logs();
  }

  /** Read-only storage of a contract for the layout readers. */
  public ContractStorage storage(Address contract) {
    return new ContractStorage() {
      @Override
      public UInt256 load(UInt256 slot) {
        return world.storage(contract, slot);
      }

      @Override
      public void store(UInt256 slot, UInt256 value) {
        throw new IllegalStateException("read-only");
      }
    };
  }

  public DidRecord did(Address a) {
    try {
      return DidLayout.read(storage(DidRegistry.ADDRESS), a);
    } catch (io.trestle.evm.system.SystemCall.Halt e) {
      throw new AssertionError(e);
    }
  }
}
