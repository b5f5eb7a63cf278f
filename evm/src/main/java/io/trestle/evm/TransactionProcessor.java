package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.precompile.Precompiles;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemContracts;
import java.math.BigInteger;
import java.util.List;

/**
 * The Ethereum (Cancun) state transition of one transaction against a read-only {@link WorldView}. Checks
 * validity (an invalid transaction changes nothing), buys gas, runs the call or creation, refunds (capped at a
 * fifth of the gas used, EIP-3529), pays the coinbase the priority fee (and burns or pays the base fee as
 * {@link BlockEnv#burnBaseFee()} says) and returns the result with the {@link StateDiff} to apply.
 *
 * <p>Nothing the transaction does escapes as an exception: every failure is a {@link TxResult}. The only
 * exception is {@link WorldViewException}, when the world itself could not be read. Thread-safe: one processor
 * may serve block execution and RPC calls at once (each call has its own state; only the code cache is shared).
 */
public final class TransactionProcessor {
  /** Code cache bound: 64 MiB of contract code. */
  public static final long CODE_CACHE_BYTES = 64L << 20;
  static final int MAX_BLOBS_PER_BLOCK = 6;
  static final long BLOB_GAS_PER_BLOB = 131_072;
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private final SystemContracts systems;
  private final CallGuard guard;
  private final Rules rules;
  private final CodeCache codeCache = new CodeCache(CODE_CACHE_BYTES);

  public TransactionProcessor() {
    this(SystemContracts.none());
  }

  public TransactionProcessor(SystemContracts systems) {
    this(systems, Rules.CANCUN);
  }

  /** With a rule consulted before every call and creation (ADR 0271). */
  public TransactionProcessor(SystemContracts systems, CallGuard guard) {
    this(systems, guard, Rules.CANCUN);
  }

  TransactionProcessor(SystemContracts systems, Rules rules) {
    this(systems, CallGuard.NONE, rules);
  }

  TransactionProcessor(SystemContracts systems, CallGuard guard, Rules rules) {
    this.systems = systems;
    this.guard = java.util.Objects.requireNonNull(guard, "guard");
    this.rules = rules;
  }

  public SystemContracts systemContracts() {
    return systems;
  }

  public TxResult process(Message m, BlockEnv env, WorldView world) {
    return process(m, env, world, null);
  }

  /** As {@link #process(Message, BlockEnv, WorldView)}, reporting every step and call to {@code tracer}. */
  public TxResult process(Message m, BlockEnv env, WorldView world, Tracer tracer) {
    try {
      String invalid = checkStatic(m, env);
      if (invalid != null) {
        return TxResult.invalid(invalid);
      }
      return execute(m, env, world, tracer);
    } catch (WorldViewException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // a defect here must not stop block production; the transaction is skipped and the reason kept
      return TxResult.invalid("internal error: " + e);
    }
  }

  /** Checks that need no state. */
  private static String checkStatic(Message m, BlockEnv env) {
    if (m.value().compareTo(UINT256_LIMIT) >= 0) {
      return "value exceeds 256 bits";
    }
    if (m.maxFeePerGas().compareTo(UINT256_LIMIT) >= 0) {
      return "max fee per gas exceeds 256 bits";
    }
    if (m.maxPriorityFeePerGas().compareTo(UINT256_LIMIT) >= 0) {
      return "max priority fee per gas exceeds 256 bits";
    }
    if (m.maxFeePerBlobGas().compareTo(UINT256_LIMIT) >= 0) {
      return "max fee per blob gas exceeds 256 bits";
    }
    if (m.maxPriorityFeePerGas().compareTo(m.maxFeePerGas()) > 0) {
      return "max priority fee per gas " + m.maxPriorityFeePerGas() + " higher than max fee per gas "
          + m.maxFeePerGas();
    }
    if (m.maxFeePerGas().compareTo(env.baseFee()) < 0) {
      return "max fee per gas " + m.maxFeePerGas() + " less than block base fee " + env.baseFee();
    }
    if (m.gasLimit() > env.gasLimit()) {
      return "gas limit " + m.gasLimit() + " exceeds block gas limit " + env.gasLimit();
    }
    long intrinsic = IntrinsicGas.of(m);
    if (m.gasLimit() < intrinsic) {
      return "intrinsic gas too low: gas limit " + m.gasLimit() + ", intrinsic gas " + intrinsic;
    }
    if (m.isCreate() && m.data().size() > Interpreter.MAX_INITCODE_SIZE) {
      return "max initcode size exceeded: " + m.data().size() + " > " + Interpreter.MAX_INITCODE_SIZE;
    }
    if (m.type() == Message.TYPE_BLOB) {
      if (m.isCreate()) {
        return "blob transaction must not create a contract";
      }
      if (m.blobVersionedHashes().isEmpty()) {
        return "blob transaction without blobs";
      }
      if (m.blobVersionedHashes().size() > MAX_BLOBS_PER_BLOCK) {
        return "too many blobs: " + m.blobVersionedHashes().size();
      }
      for (Hash h : m.blobVersionedHashes()) {
        if (h.unsafeArray()[0] != 0x01) {
          return "blob versioned hash " + h + " has an unknown version";
        }
      }
      if (m.maxFeePerBlobGas().compareTo(env.blobBaseFee()) < 0) {
        return "max fee per blob gas " + m.maxFeePerBlobGas() + " less than blob base fee " + env.blobBaseFee();
      }
    } else if (!m.blobVersionedHashes().isEmpty()) {
      return "type " + m.type() + " transaction carries blob hashes";
    }
    return null;
  }

  private TxResult execute(Message m, BlockEnv env, WorldView world, Tracer tracer) {
    TxState state = new TxState(world);
    TxState.Account sender = state.account(m.sender());
    if (sender.nonce == -1L) {
      return TxResult.invalid("nonce has max value");
    }
    if (Long.compareUnsigned(m.nonce(), sender.nonce) < 0) {
      return TxResult.invalid("nonce too low: transaction " + Long.toUnsignedString(m.nonce()) + ", account "
          + Long.toUnsignedString(sender.nonce));
    }
    if (m.nonce() != sender.nonce) {
      return TxResult.invalid("nonce too high: transaction " + Long.toUnsignedString(m.nonce()) + ", account "
          + Long.toUnsignedString(sender.nonce));
    }
    if (sender.hasCode()) {
      return TxResult.invalid("sender " + m.sender() + " is not an externally owned account (EIP-3607)");
    }
    BigInteger gasLimit = BigInteger.valueOf(m.gasLimit());
    long blobGas = BLOB_GAS_PER_BLOB * m.blobVersionedHashes().size();
    BigInteger maxCost = gasLimit.multiply(m.maxFeePerGas()).add(m.value());
    if (blobGas > 0) {
      maxCost = maxCost.add(BigInteger.valueOf(blobGas).multiply(m.maxFeePerBlobGas()));
    }
    if (sender.balance.compareTo(maxCost) < 0) {
      return TxResult.invalid("insufficient funds for gas * price + value: balance " + sender.balance
          + ", cost " + maxCost);
    }

    BigInteger price = m.type() >= Message.TYPE_DYNAMIC_FEE
        ? m.maxFeePerGas().min(env.baseFee().add(m.maxPriorityFeePerGas()))
        : m.maxFeePerGas();
    BigInteger upfront = gasLimit.multiply(price);
    if (blobGas > 0) {
      upfront = upfront.add(BigInteger.valueOf(blobGas).multiply(env.blobBaseFee()));
    }
    state.subBalance(sender, upfront);
    state.setNonce(sender, m.nonce() + 1);

    Address target = m.isCreate() ? Executor.createAddress(m.sender(), m.nonce()) : m.to();
    state.warmAddress(m.sender());
    state.warmAddress(target);
    state.warmAddress(env.coinbase());
    for (Address p : Precompiles.addresses()) {
      state.warmAddress(p);
    }
    for (Address a : systems.addresses()) {
      state.warmAddress(a);
    }
    for (AccessListEntry e : m.accessList()) {
      state.warmAddress(e.address());
      for (Hash key : e.storageKeys()) {
        state.warmSlot(e.address(), UInt256.fromHash(key));
      }
    }

    Executor ex = new Executor(state, env, rules, m.sender(), UInt256.fromBigInteger(price),
        m.blobVersionedHashes(), codeCache, systems, tracer, guard);
    long gas = m.gasLimit() - IntrinsicGas.of(m);
    UInt256 value = UInt256.fromBigInteger(m.value());
    byte[] data = m.data().unsafeArray();
    Executor.Outcome o = m.isCreate()
        ? ex.create(m.sender(), target, value, data, gas)
        : ex.call(m.sender(), target, value, data, gas);

    long gasLeft = o.gasLeft();
    long used = m.gasLimit() - gasLeft;
    long refund = Math.max(0, Math.min(state.refund(), used / 5));
    gasLeft += refund;
    used -= refund;
    state.addBalance(sender, BigInteger.valueOf(gasLeft).multiply(price));
    BigInteger perGas = env.burnBaseFee() ? price.subtract(env.baseFee()) : price;
    state.addBalance(state.account(env.coinbase()), BigInteger.valueOf(used).multiply(perGas));

    TxResult.Status status = o.success()
        ? TxResult.Status.SUCCESS
        : o.halt() == Halt.REVERT ? TxResult.Status.REVERTED : TxResult.Status.FAILED;
    String error = status == TxResult.Status.SUCCESS ? null : Halt.describe(o.halt());
    List<EvmLog> logs = status == TxResult.Status.SUCCESS ? state.logs() : List.of();
    StateDiff diff = state.toDiff(a -> systems.get(a) != null);
    return new TxResult(status, error, used, logs, m.isCreate() ? target : null, Bytes.wrap(o.output()), diff);
  }
}
