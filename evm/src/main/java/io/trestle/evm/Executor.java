package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.crypto.Keccak256;
import io.trestle.evm.precompile.Precompile;
import io.trestle.evm.precompile.Precompiles;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the message calls of one transaction: keeps the frames on an explicit list rather than the Java stack
 * (1024 nested calls must not overflow it), enters calls and creations, dispatches precompiles and system
 * contracts, and hands each finished frame's result back to its parent.
 */
final class Executor {
  static final int MAX_DEPTH = 1024;
  static final int MAX_CODE_SIZE = 24_576;

  /** The result of one message call or creation. {@code gasLeft} is what goes back to the caller. */
  record Outcome(int halt, long gasLeft, byte[] output, Address created) {
    boolean success() {
      return halt == Halt.STOP || halt == Halt.RETURN || halt == Halt.SELFDESTRUCT;
    }
  }

  final TxState state;
  final BlockEnv env;
  final Rules rules;
  final Address origin;
  final UInt256 gasPrice;
  final UInt256 baseFee;
  final UInt256 blobBaseFee;
  final List<Hash> blobHashes;
  private final CodeCache codeCache;
  private final SystemContracts systems;
  /** Null unless tracing. */
  final Tracer tracer;
  private final CallGuard guard;
  private final CallGuard.StateReader guardReader;
  private final ArrayList<long[]> stackPool = new ArrayList<>();
  private final ArrayList<Frame> frames = new ArrayList<>();

  Executor(TxState state, BlockEnv env, Rules rules, Address origin, UInt256 gasPrice, List<Hash> blobHashes,
      CodeCache codeCache, SystemContracts systems, Tracer tracer) {
    this(state, env, rules, origin, gasPrice, blobHashes, codeCache, systems, tracer, CallGuard.NONE);
  }

  Executor(TxState state, BlockEnv env, Rules rules, Address origin, UInt256 gasPrice, List<Hash> blobHashes,
      CodeCache codeCache, SystemContracts systems, Tracer tracer, CallGuard guard) {
    this.state = state;
    this.env = env;
    this.rules = rules;
    this.origin = origin;
    this.gasPrice = gasPrice;
    this.baseFee = UInt256.fromBigInteger(env.baseFee());
    this.blobBaseFee = UInt256.fromBigInteger(env.blobBaseFee());
    this.blobHashes = blobHashes;
    this.codeCache = codeCache;
    this.systems = systems;
    this.tracer = tracer;
    this.guard = guard;
    this.guardReader = (account, slot) -> state.storage(state.account(account), slot);
  }

  Hash blockHash(long number) {
    Hash h;
    try {
      h = state.world.blockHash(number);
    } catch (RuntimeException e) {
      throw new WorldViewException("reading block hash " + number + " failed", e);
    }
    return h == null ? Hash.ZERO : h;
  }

  Code code(TxState.Account a) {
    if (!a.hasCode()) {
      return EMPTY_CODE;
    }
    Code c = codeCache.get(a.codeHash);
    if (c == null) {
      c = new Code(a.codeHash, state.code(a).unsafeArray());
      codeCache.put(c);
    }
    return c;
  }

  private static final Code EMPTY_CODE = new Code(Hash.EMPTY_KECCAK, new byte[0]);

  private long[] stack(int depth) {
    while (stackPool.size() <= depth) {
      stackPool.add(null);
    }
    long[] s = stackPool.get(depth);
    if (s == null) {
      s = new long[Frame.STACK_LIMIT * 4];
      stackPool.set(depth, s);
    }
    return s;
  }

  // ---- top-level entry points -----------------------------------------------------------------------------

  Outcome call(Address caller, Address to, UInt256 value, byte[] input, long gas) {
    if (tracer != null) {
      tracer.onEnter(0, "CALL", caller, to, value, gas, input);
    }
    Object first = enterCall(Opcodes.CALL, caller, to, to, value, input, 0, input.length, gas, false, 0);
    return traceExit(0, gas, first instanceof Frame f ? drive(f) : (Outcome) first);
  }

  Outcome create(Address caller, Address address, UInt256 value, byte[] initcode, long gas) {
    if (tracer != null) {
      tracer.onEnter(0, "CREATE", caller, address, value, gas, initcode);
    }
    Object first = enterCreate(caller, address, value, initcode, gas, 0);
    return traceExit(0, gas, first instanceof Frame f ? drive(f) : (Outcome) first);
  }

  private Outcome traceExit(int depth, long gasGiven, Outcome o) {
    if (tracer != null) {
      String error = o.success() ? null : Halt.describe(o.halt());
      tracer.onExit(depth, gasGiven - o.gasLeft(), o.output(), error);
    }
    return o;
  }

  /** Runs {@code code} as a single top-level frame without any value transfer: the legacy VMTests' model. */
  Outcome runCode(Address address, Address caller, UInt256 value, byte[] input, byte[] code, long gas) {
    TxState.Account self = state.account(address);
    Frame f = new Frame(Frame.KIND_CALL, new Code(Hash.keccak(code), code), address, caller, address, value, input,
        0, input.length, false, 0, gas, state.snapshot(), self, stack(0));
    return drive(f);
  }

  private Outcome drive(Frame root) {
    frames.add(root);
    while (true) {
      Frame f = frames.get(frames.size() - 1);
      Interpreter.run(this, f);
      if (f.halt == Halt.SUSPEND) {
        int op = f.pendingOp;
        Object next = op == Opcodes.CREATE || op == Opcodes.CREATE2 ? beginCreate(f) : beginCall(f);
        if (next instanceof Frame child) {
          frames.add(child);
        } else {
          deliver(f, (Outcome) next);
        }
        continue;
      }
      frames.remove(frames.size() - 1);
      Outcome o = finish(f);
      if (frames.isEmpty()) {
        return o;
      }
      deliver(frames.get(frames.size() - 1), o);
    }
  }

  // ---- calls ----------------------------------------------------------------------------------------------

  private Object beginCall(Frame p) {
    int op = p.pendingOp;
    Address target = p.pendingTarget;
    long gas = p.pendingGas;
    UInt256 value = p.pendingValue;
    p.returnData = Frame.NO_BYTES;
    if (tracer != null) {
      UInt256 shown = op == Opcodes.DELEGATECALL ? p.value : value;
      tracer.onEnter(p.depth + 1, Opcodes.name(op), p.address, target, shown, gas,
          copy(p.pendingInput, p.pendingInputOff, p.pendingInputLen));
    }
    if (p.depth >= MAX_DEPTH) {
      return new Outcome(Halt.DEPTH_EXCEEDED, gas, Frame.NO_BYTES, null);
    }
    if ((op == Opcodes.CALL || op == Opcodes.CALLCODE) && !value.isZero()
        && p.self.balance.compareTo(value.toBigInteger()) < 0) {
      return new Outcome(Halt.INSUFFICIENT_BALANCE, gas, Frame.NO_BYTES, null);
    }
    byte[] in = p.pendingInput;
    int off = p.pendingInputOff;
    int len = p.pendingInputLen;
    int depth = p.depth + 1;
    return switch (op) {
      case Opcodes.CALL -> enterCall(op, p.address, target, target, value, in, off, len, gas, p.isStatic, depth);
      case Opcodes.CALLCODE ->
          enterCall(op, p.address, p.address, target, value, in, off, len, gas, p.isStatic, depth);
      case Opcodes.DELEGATECALL ->
          enterCall(op, p.caller, p.address, target, p.value, in, off, len, gas, p.isStatic, depth);
      default -> enterCall(op, p.address, target, target, UInt256.ZERO, in, off, len, gas, true, depth);
    };
  }

  /** Starts a message call; returns the child Frame to run, or the Outcome when no code needs to run. */
  private Object enterCall(int kind, Address caller, Address address, Address codeAddress, UInt256 value,
      byte[] in, int inOff, int inLen, long gas, boolean isStatic, int depth) {
    Outcome refused = guarded(callKind(kind), caller, codeAddress, in, inOff, inLen, gas);
    if (refused != null) {
      return refused;
    }
    int snapshot = state.snapshot();
    Precompile precompile = Precompiles.get(codeAddress);
    SystemContract system = precompile == null ? systems.get(codeAddress) : null;
    if (kind == Opcodes.CALL) {
      TxState.Account to = state.account(address);
      if (!to.exists && precompile == null && system == null && value.isZero()) {
        return new Outcome(Halt.STOP, gas, Frame.NO_BYTES, null);
      }
      BigInteger v = value.isZero() ? BigInteger.ZERO : value.toBigInteger();
      state.subBalance(state.account(caller), v);
      state.addBalance(to, v);
    } else if (kind == Opcodes.STATICCALL) {
      // geth touches the target of a STATICCALL, which matters to EIP-161 for empty accounts
      state.addBalance(state.account(address), BigInteger.ZERO);
    }
    if (precompile != null) {
      return runPrecompile(precompile, copy(in, inOff, inLen), gas, snapshot);
    }
    if (system != null) {
      byte[] input = copy(in, inOff, inLen);
      boolean delegated = kind == Opcodes.DELEGATECALL || kind == Opcodes.CALLCODE;
      Address sysCaller = delegated ? address : caller;
      UInt256 sysValue = delegated ? UInt256.ZERO : value;
      return runSystem(system, codeAddress, sysCaller, sysValue, input, gas, isStatic, snapshot);
    }
    TxState.Account codeAccount = state.account(codeAddress);
    if (!codeAccount.hasCode()) {
      return new Outcome(Halt.STOP, gas, Frame.NO_BYTES, null);
    }
    Code code = code(codeAccount);
    TxState.Account self = address.equals(codeAddress) ? codeAccount : state.account(address);
    return new Frame(Frame.KIND_CALL, code, address, caller, codeAddress, value, in, inOff, inLen, isStatic, depth,
        gas, snapshot, self, stack(depth));
  }

  private static byte[] copy(byte[] in, int off, int len) {
    return off == 0 && len == in.length ? in : java.util.Arrays.copyOfRange(in, off, off + len);
  }

  private static CallGuard.Kind callKind(int op) {
    return switch (op) {
      case Opcodes.CALL -> CallGuard.Kind.CALL;
      case Opcodes.CALLCODE -> CallGuard.Kind.CALLCODE;
      case Opcodes.DELEGATECALL -> CallGuard.Kind.DELEGATECALL;
      default -> CallGuard.Kind.STATICCALL;
    };
  }

  /** Asks the call guard (ADR 0271); a refusal is a revert at entry that returns all the gas. */
  private Outcome guarded(CallGuard.Kind kind, Address caller, Address target, byte[] in, int inOff, int inLen,
      long gas) {
    if (guard == CallGuard.NONE) {
      return null;
    }
    Bytes selector = inLen >= 4 ? Bytes.wrap(java.util.Arrays.copyOfRange(in, inOff, inOff + 4)) : Bytes.EMPTY;
    String reason = guard.check(new CallGuard.Guarded(kind, origin, caller, target, selector), guardReader);
    return reason == null ? null : new Outcome(Halt.REVERT, gas, Abi.encodeError(reason).toArray(), null);
  }

  private Outcome runPrecompile(Precompile precompile, byte[] input, long gas, int snapshot) {
    long cost = precompile.gas(input);
    if (cost > gas) {
      state.revertTo(snapshot);
      return new Outcome(Halt.OUT_OF_GAS, 0, Frame.NO_BYTES, null);
    }
    byte[] out = precompile.run(input);
    if (out == null) {
      state.revertTo(snapshot);
      return new Outcome(Halt.PRECOMPILE_FAILURE, 0, Frame.NO_BYTES, null);
    }
    return new Outcome(Halt.RETURN, gas - cost, out, null);
  }

  private Outcome runSystem(SystemContract contract, Address self, Address caller, UInt256 value, byte[] input,
      long gas, boolean isStatic, int snapshot) {
    SystemCallHandle call = new SystemCallHandle(this, self, caller, value, Bytes.wrap(input), isStatic, gas);
    try {
      call.charge(SystemContracts.BASE_GAS + SystemContracts.WORD_GAS * Interpreter.words(input.length));
      SystemResult result = contract.call(call);
      byte[] out = result.data().unsafeArray();
      call.charge(SystemContracts.WORD_GAS * Interpreter.words(out.length));
      if (result.success()) {
        return new Outcome(Halt.RETURN, call.gasLeft(), out, null);
      }
      state.revertTo(snapshot);
      return new Outcome(Halt.REVERT, call.gasLeft(), out, null);
    } catch (io.trestle.evm.system.SystemCall.Halt h) {
      state.revertTo(snapshot);
      return new Outcome(Halt.OUT_OF_GAS, 0, Frame.NO_BYTES, null);
    } catch (RuntimeException bug) {
      // a defect in a system contract must not take the node down: the call fails deterministically
      state.revertTo(snapshot);
      return new Outcome(Halt.PRECOMPILE_FAILURE, 0, Frame.NO_BYTES, null);
    }
  }

  // ---- creations ------------------------------------------------------------------------------------------

  private Object beginCreate(Frame p) {
    long gas = p.pendingGas;
    UInt256 value = p.pendingValue;
    p.returnData = Frame.NO_BYTES;
    long nonce = p.self.nonce;
    byte[] initcode = p.pendingInput;
    Address address = p.pendingOp == Opcodes.CREATE
        ? createAddress(p.address, nonce)
        : create2Address(p.address, p.pendingSalt, initcode);
    if (tracer != null) {
      tracer.onEnter(p.depth + 1, Opcodes.name(p.pendingOp), p.address, address, value, gas, initcode);
    }
    if (p.depth >= MAX_DEPTH) {
      return new Outcome(Halt.DEPTH_EXCEEDED, gas, Frame.NO_BYTES, null);
    }
    if (!value.isZero() && p.self.balance.compareTo(value.toBigInteger()) < 0) {
      return new Outcome(Halt.INSUFFICIENT_BALANCE, gas, Frame.NO_BYTES, null);
    }
    if (nonce == -1L) {
      return new Outcome(Halt.NONCE_OVERFLOW, gas, Frame.NO_BYTES, null);
    }
    state.setNonce(p.self, nonce + 1);
    return enterCreate(p.address, address, value, initcode, gas, p.depth + 1);
  }

  private Object enterCreate(Address caller, Address address, UInt256 value, byte[] initcode, long gas, int depth) {
    state.warmAddress(address);
    Outcome refused = guarded(CallGuard.Kind.CREATE, caller, address, Frame.NO_BYTES, 0, 0, gas);
    if (refused != null) {
      return refused;
    }
    TxState.Account a = state.account(address);
    if (a.nonce != 0 || a.hasCode() || hasStorage(a)) {
      return new Outcome(Halt.ADDRESS_COLLISION, 0, Frame.NO_BYTES, null);
    }
    int snapshot = state.snapshot();
    state.createContract(a);
    state.setNonce(a, 1);
    BigInteger v = value.isZero() ? BigInteger.ZERO : value.toBigInteger();
    state.subBalance(state.account(caller), v);
    state.addBalance(a, v);
    if (initcode.length == 0) {
      return new Outcome(Halt.STOP, gas, Frame.NO_BYTES, address);
    }
    return new Frame(Frame.KIND_CREATE, new Code(null, initcode), address, caller, address, value, Frame.NO_BYTES,
        0, 0, false, depth, gas, snapshot, a, stack(depth));
  }

  private static boolean hasStorage(TxState.Account a) {
    if (a.worldHasStorage && !a.storageCleared) {
      return true;
    }
    for (UInt256 v : a.storage.values()) {
      if (!v.isZero()) {
        return true;
      }
    }
    return false;
  }

  static Address createAddress(Address sender, long nonce) {
    byte[] rlp = Rlp.list().addBytes(sender.unsafeArray()).addBigInteger(unsigned(nonce)).build();
    byte[] h = Keccak256.hash(rlp);
    return Address.wrap(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  private static BigInteger unsigned(long v) {
    return v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
  }

  static Address create2Address(Address sender, UInt256 salt, byte[] initcode) {
    byte[] buf = new byte[1 + 20 + 32 + 32];
    buf[0] = (byte) 0xff;
    System.arraycopy(sender.unsafeArray(), 0, buf, 1, 20);
    System.arraycopy(salt.toArray(), 0, buf, 21, 32);
    System.arraycopy(Keccak256.hash(initcode), 0, buf, 53, 32);
    byte[] h = Keccak256.hash(buf);
    return Address.wrap(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  // ---- finishing ------------------------------------------------------------------------------------------

  private Outcome finish(Frame f) {
    int halt = f.halt;
    if (f.kind == Frame.KIND_CREATE && halt != Halt.REVERT && !Halt.isError(halt)) {
      byte[] out = f.output;
      if (out.length > MAX_CODE_SIZE) {
        halt = Halt.CODE_TOO_LARGE;
      } else if (out.length > 0 && out[0] == (byte) 0xef) {
        halt = Halt.CODE_STARTS_WITH_EF;
      } else {
        long cost = 200L * out.length;
        if (f.gas < cost) {
          halt = Halt.OUT_OF_GAS;
        } else {
          f.gas -= cost;
          if (out.length > 0) {
            state.setCode(f.self, Bytes.wrap(out), Hash.keccak(out));
          }
        }
      }
    }
    if (Halt.isError(halt)) {
      state.revertTo(f.snapshot);
      return new Outcome(halt, 0, Frame.NO_BYTES, null);
    }
    if (halt == Halt.REVERT) {
      state.revertTo(f.snapshot);
      return new Outcome(halt, f.gas, f.output, null);
    }
    if (f.kind == Frame.KIND_CREATE) {
      return new Outcome(halt, f.gas, Frame.NO_BYTES, f.address);
    }
    return new Outcome(halt, f.gas, f.output, null);
  }

  private void deliver(Frame p, Outcome o) {
    traceExit(p.depth + 1, p.pendingGas, o);
    p.gas += o.gasLeft();
    int b = p.sp << 2;
    long[] s = p.stack;
    int op = p.pendingOp;
    if (op == Opcodes.CREATE || op == Opcodes.CREATE2) {
      p.returnData = o.halt() == Halt.REVERT ? o.output() : Frame.NO_BYTES;
      if (o.success()) {
        Arith.fromAddress(s, b, o.created());
      } else {
        Arith.setLong(s, b, 0);
      }
    } else {
      byte[] out = o.output();
      p.returnData = out;
      long n = Math.min(p.pendingRetSize, out.length);
      if (n > 0) {
        System.arraycopy(out, 0, p.memory, (int) p.pendingRetOffset, (int) n);
      }
      Arith.setLong(s, b, o.success() ? 1 : 0);
    }
    p.sp++;
    p.pendingInput = null;
    p.pendingTarget = null;
  }
}
