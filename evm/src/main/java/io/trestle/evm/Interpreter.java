package io.trestle.evm;

import static io.trestle.evm.Opcodes.*;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The opcode loop. Runs a frame until it halts or needs a child call/creation, which it describes in the frame's
 * pending fields and leaves to {@link Executor}. Every cost is checked before memory grows or state changes,
 * and every failure is a halt code, never an exception.
 */
final class Interpreter {
  /** Memory beyond this many bytes is refused as out of gas (it would cost more than 10^11 gas). */
  static final long MEMORY_LIMIT_BYTES = 1L << 28;
  static final int MAX_INITCODE_SIZE = 49_152;

  private Interpreter() {}

  static long memoryCost(long words) {
    return 3 * words + words * words / 512;
  }

  /** End of the region [off, off+len), 0 for an empty region, -1 when it cannot be paid for. */
  static long regionEnd(long off, long len) {
    if (len == 0) {
      return 0;
    }
    if (off >= MEMORY_LIMIT_BYTES || len >= MEMORY_LIMIT_BYTES || off + len > MEMORY_LIMIT_BYTES) {
      return -1;
    }
    return off + len;
  }

  /** Gas to grow memory to cover {@code end} bytes, Long.MAX_VALUE when impossible. */
  static long expansionCost(Frame f, long end) {
    if (end < 0) {
      return Long.MAX_VALUE;
    }
    if (end <= f.memSize) {
      return 0;
    }
    long words = (end + 31) >>> 5;
    return memoryCost(words) - memoryCost(f.memSize >>> 5);
  }

  static void grow(Frame f, long end) {
    if (end > f.memSize) {
      f.growMemory((int) (((end + 31) >>> 5) << 5));
    }
  }

  static long words(long len) {
    return (len + 31) >>> 5;
  }

  /**
   * Copies {@code len} bytes from offset {@code srcOff} of the region {@code src[base, base + limit)} (zero past
   * its end) into memory at {@code dst}.
   */
  static void copyPadded(Frame f, long dst, byte[] src, int base, int limit, long srcOff, long len) {
    if (len == 0) {
      return;
    }
    int d = (int) dst;
    int n = (int) len;
    int avail = srcOff >= limit ? 0 : (int) Math.min(n, limit - srcOff);
    if (avail > 0) {
      System.arraycopy(src, base + (int) srcOff, f.memory, d, avail);
    }
    if (avail < n) {
      Arrays.fill(f.memory, d + avail, d + n, (byte) 0);
    }
  }

  static void run(Executor ex, Frame f) {
    final byte[] code = f.code.bytes;
    final int codeLen = code.length;
    final long[] s = f.stack;
    final int[] gasTable = ex.rules.gas;
    final int[] popsTable = ex.rules.pops;
    final int[] pushesTable = ex.rules.pushes;
    final TxState state = ex.state;
    final Tracer tracer = ex.tracer;
    int pc = f.pc;
    int sp = f.sp;
    long gas = f.gas;
    long stepGas = -1;
    int halt;
    loop:
    while (true) {
      final int op = pc < codeLen ? code[pc] & 0xff : STOP;
      if (tracer != null) {
        if (stepGas >= 0) {
          tracer.onStepEnd(stepGas - gas, null);
        }
        tracer.onStep(f.depth, pc, op, gas, state.refund(), s, sp, f.memory, f.memSize, f.address);
        stepGas = gas;
      }
      final int pops = popsTable[op];
      if (pops < 0) {
        halt = Halt.INVALID_OPCODE;
        break;
      }
      if (sp < pops) {
        halt = Halt.STACK_UNDERFLOW;
        break;
      }
      if (sp - pops + pushesTable[op] > Frame.STACK_LIMIT) {
        halt = Halt.STACK_OVERFLOW;
        break;
      }
      gas -= gasTable[op];
      if (gas < 0) {
        halt = Halt.OUT_OF_GAS;
        break;
      }
      final int t = (sp - 1) << 2;
      switch (op) {
        case STOP -> {
          halt = Halt.STOP;
          break loop;
        }
        case ADD -> {
          Arith.add(s, t, t - 4);
          sp--;
          pc++;
        }
        case MUL -> {
          Arith.mul(s, t, t - 4);
          sp--;
          pc++;
        }
        case SUB -> {
          Arith.sub(s, t, t - 4);
          sp--;
          pc++;
        }
        case DIV -> {
          Arith.div(s, t, t - 4);
          sp--;
          pc++;
        }
        case SDIV -> {
          Arith.sdiv(s, t, t - 4);
          sp--;
          pc++;
        }
        case MOD -> {
          Arith.mod(s, t, t - 4);
          sp--;
          pc++;
        }
        case SMOD -> {
          Arith.smod(s, t, t - 4);
          sp--;
          pc++;
        }
        case ADDMOD -> {
          Arith.addmod(s, t, t - 4, t - 8);
          sp -= 2;
          pc++;
        }
        case MULMOD -> {
          Arith.mulmod(s, t, t - 4, t - 8);
          sp -= 2;
          pc++;
        }
        case EXP -> {
          long cost = (long) ex.rules.expByteGas * Arith.byteLength(s, t - 4);
          gas -= cost;
          if (gas < 0) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          Arith.exp(s, t, t - 4);
          sp--;
          pc++;
        }
        case SIGNEXTEND -> {
          Arith.signExtend(s, t, t - 4);
          sp--;
          pc++;
        }
        case LT -> {
          Arith.setLong(s, t - 4, Arith.compare(s, t, t - 4) < 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case GT -> {
          Arith.setLong(s, t - 4, Arith.compare(s, t, t - 4) > 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case SLT -> {
          Arith.setLong(s, t - 4, Arith.compareSigned(s, t, t - 4) < 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case SGT -> {
          Arith.setLong(s, t - 4, Arith.compareSigned(s, t, t - 4) > 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case EQ -> {
          boolean eq = s[t] == s[t - 4] && s[t + 1] == s[t - 3] && s[t + 2] == s[t - 2] && s[t + 3] == s[t - 1];
          Arith.setLong(s, t - 4, eq ? 1 : 0);
          sp--;
          pc++;
        }
        case ISZERO -> {
          Arith.setLong(s, t, Arith.isZero(s, t) ? 1 : 0);
          pc++;
        }
        case AND -> {
          s[t - 4] &= s[t];
          s[t - 3] &= s[t + 1];
          s[t - 2] &= s[t + 2];
          s[t - 1] &= s[t + 3];
          sp--;
          pc++;
        }
        case OR -> {
          s[t - 4] |= s[t];
          s[t - 3] |= s[t + 1];
          s[t - 2] |= s[t + 2];
          s[t - 1] |= s[t + 3];
          sp--;
          pc++;
        }
        case XOR -> {
          s[t - 4] ^= s[t];
          s[t - 3] ^= s[t + 1];
          s[t - 2] ^= s[t + 2];
          s[t - 1] ^= s[t + 3];
          sp--;
          pc++;
        }
        case NOT -> {
          s[t] = ~s[t];
          s[t + 1] = ~s[t + 1];
          s[t + 2] = ~s[t + 2];
          s[t + 3] = ~s[t + 3];
          pc++;
        }
        case BYTE -> {
          Arith.byteOp(s, t, t - 4);
          sp--;
          pc++;
        }
        case SHL -> {
          Arith.shl(s, t, t - 4);
          sp--;
          pc++;
        }
        case SHR -> {
          Arith.shr(s, t, t - 4, false);
          sp--;
          pc++;
        }
        case SAR -> {
          Arith.shr(s, t, t - 4, true);
          sp--;
          pc++;
        }
        case KECCAK256 -> {
          long off = Arith.clampLong(s, t);
          long len = Arith.clampLong(s, t - 4);
          long end = regionEnd(off, len);
          long cost = end < 0 ? Long.MAX_VALUE : 6 * words(len) + expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          // an empty range hashes nothing, wherever its (possibly absurd) offset points
          Keccak.hashToWord(f.memory, len == 0 ? 0 : (int) off, (int) len, s, t - 4);
          sp--;
          pc++;
        }
        case ADDRESS -> {
          Arith.fromAddress(s, t + 4, f.address);
          sp++;
          pc++;
        }
        case BALANCE -> {
          Address a = Arith.toAddress(s, t);
          if (state.warmAddress(a)) {
            gas -= ex.rules.coldAccountExtra;
            if (gas < 0) {
              halt = Halt.OUT_OF_GAS;
              break loop;
            }
          }
          Arith.fromBig(s, t, state.balance(a));
          pc++;
        }
        case ORIGIN -> {
          Arith.fromAddress(s, t + 4, ex.origin);
          sp++;
          pc++;
        }
        case CALLER -> {
          Arith.fromAddress(s, t + 4, f.caller);
          sp++;
          pc++;
        }
        case CALLVALUE -> {
          Arith.fromUInt256(s, t + 4, f.value);
          sp++;
          pc++;
        }
        case CALLDATALOAD -> {
          long off = Arith.clampLong(s, t);
          Arith.load(s, t, f.input, f.inputOff, off, f.inputLen);
          pc++;
        }
        case CALLDATASIZE -> {
          Arith.setLong(s, t + 4, f.inputLen);
          sp++;
          pc++;
        }
        case CALLDATACOPY, CODECOPY, RETURNDATACOPY -> {
          long dst = Arith.clampLong(s, t);
          long srcOff = Arith.clampLong(s, t - 4);
          long len = Arith.clampLong(s, t - 8);
          sp -= 3;
          long end = regionEnd(dst, len);
          long cost = end < 0 ? Long.MAX_VALUE : 3 * words(len) + expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          if (op == RETURNDATACOPY && srcOff > f.returnData.length - len) {
            halt = Halt.RETURNDATA_OUT_OF_BOUNDS;
            break loop;
          }
          grow(f, end);
          if (op == CALLDATACOPY) {
            copyPadded(f, dst, f.input, f.inputOff, f.inputLen, srcOff, len);
          } else {
            byte[] src = op == CODECOPY ? code : f.returnData;
            copyPadded(f, dst, src, 0, src.length, srcOff, len);
          }
          pc++;
        }
        case CODESIZE -> {
          Arith.setLong(s, t + 4, codeLen);
          sp++;
          pc++;
        }
        case GASPRICE -> {
          Arith.fromUInt256(s, t + 4, ex.gasPrice);
          sp++;
          pc++;
        }
        case EXTCODESIZE, EXTCODEHASH -> {
          Address a = Arith.toAddress(s, t);
          if (state.warmAddress(a)) {
            gas -= ex.rules.coldAccountExtra;
            if (gas < 0) {
              halt = Halt.OUT_OF_GAS;
              break loop;
            }
          }
          TxState.Account acct = state.account(a);
          if (op == EXTCODESIZE) {
            Arith.setLong(s, t, acct.hasCode() ? ex.code(acct).size() : 0);
          } else if (acct.isDead()) {
            Arith.setLong(s, t, 0);
          } else {
            Arith.fromBytes32(s, t, acct.codeHash.unsafeArray());
          }
          pc++;
        }
        case EXTCODECOPY -> {
          Address a = Arith.toAddress(s, t);
          long dst = Arith.clampLong(s, t - 4);
          long srcOff = Arith.clampLong(s, t - 8);
          long len = Arith.clampLong(s, t - 12);
          sp -= 4;
          long end = regionEnd(dst, len);
          long cost = end < 0 ? Long.MAX_VALUE : 3 * words(len) + expansionCost(f, end);
          if (state.warmAddress(a) && cost != Long.MAX_VALUE) {
            cost += ex.rules.coldAccountExtra;
          }
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          TxState.Account acct = state.account(a);
          byte[] src = acct.hasCode() ? ex.code(acct).bytes : Frame.NO_BYTES;
          copyPadded(f, dst, src, 0, src.length, srcOff, len);
          pc++;
        }
        case RETURNDATASIZE -> {
          Arith.setLong(s, t + 4, f.returnData.length);
          sp++;
          pc++;
        }
        case BLOCKHASH -> {
          long n = Arith.clampLong(s, t);
          long cur = ex.env.number();
          if (n < cur && n >= cur - 256) {
            Hash h = ex.blockHash(n);
            Arith.fromBytes32(s, t, h.unsafeArray());
          } else {
            Arith.setLong(s, t, 0);
          }
          pc++;
        }
        case COINBASE -> {
          Arith.fromAddress(s, t + 4, ex.env.coinbase());
          sp++;
          pc++;
        }
        case TIMESTAMP -> {
          Arith.setLong(s, t + 4, ex.env.timestamp());
          sp++;
          pc++;
        }
        case NUMBER -> {
          Arith.setLong(s, t + 4, ex.env.number());
          sp++;
          pc++;
        }
        case PREVRANDAO -> {
          Arith.fromBytes32(s, t + 4, ex.env.prevRandao().unsafeArray());
          sp++;
          pc++;
        }
        case GASLIMIT -> {
          Arith.setLong(s, t + 4, ex.env.gasLimit());
          sp++;
          pc++;
        }
        case CHAINID -> {
          Arith.setLong(s, t + 4, ex.env.chainId());
          sp++;
          pc++;
        }
        case SELFBALANCE -> {
          Arith.fromBig(s, t + 4, f.self.balance);
          sp++;
          pc++;
        }
        case BASEFEE -> {
          Arith.fromUInt256(s, t + 4, ex.baseFee);
          sp++;
          pc++;
        }
        case BLOBHASH -> {
          long i = Arith.clampLong(s, t);
          if (i < ex.blobHashes.size()) {
            Arith.fromBytes32(s, t, ex.blobHashes.get((int) i).unsafeArray());
          } else {
            Arith.setLong(s, t, 0);
          }
          pc++;
        }
        case BLOBBASEFEE -> {
          Arith.fromUInt256(s, t + 4, ex.blobBaseFee);
          sp++;
          pc++;
        }
        case POP -> {
          sp--;
          pc++;
        }
        case MLOAD -> {
          long off = Arith.clampLong(s, t);
          long end = regionEnd(off, 32);
          long cost = expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          Arith.load(s, t, f.memory, off, f.memSize);
          pc++;
        }
        case MSTORE -> {
          long off = Arith.clampLong(s, t);
          long end = regionEnd(off, 32);
          long cost = expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          Arith.store(s, t - 4, f.memory, (int) off);
          sp -= 2;
          pc++;
        }
        case MSTORE8 -> {
          long off = Arith.clampLong(s, t);
          long end = regionEnd(off, 1);
          long cost = expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          f.memory[(int) off] = (byte) s[t - 1];
          sp -= 2;
          pc++;
        }
        case SLOAD -> {
          UInt256 key = Arith.toUInt256(s, t);
          long cost = state.warmSlot(f.address, key) ? ex.rules.sloadCold : ex.rules.sloadWarm;
          gas -= cost;
          if (gas < 0) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          Arith.fromUInt256(s, t, state.storage(f.self, key));
          pc++;
        }
        case SSTORE -> {
          if (f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          if (gas <= ex.rules.sstoreSentry) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          UInt256 key = Arith.toUInt256(s, t);
          UInt256 value = Arith.toUInt256(s, t - 4);
          sp -= 2;
          gas -= ex.rules.legacySstore
              ? Gas.sstoreLegacy(state, f.self, key, value)
              : Gas.sstore(state, f.self, key, value);
          if (gas < 0) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          pc++;
        }
        case JUMP -> {
          long dest = Arith.clampLong(s, t);
          if (!f.code.isJumpDest(dest)) {
            halt = Halt.BAD_JUMP;
            break loop;
          }
          sp--;
          pc = (int) dest;
        }
        case JUMPI -> {
          if (Arith.isZero(s, t - 4)) {
            sp -= 2;
            pc++;
          } else {
            long dest = Arith.clampLong(s, t);
            if (!f.code.isJumpDest(dest)) {
              halt = Halt.BAD_JUMP;
              break loop;
            }
            sp -= 2;
            pc = (int) dest;
          }
        }
        case PC -> {
          Arith.setLong(s, t + 4, pc);
          sp++;
          pc++;
        }
        case MSIZE -> {
          Arith.setLong(s, t + 4, f.memSize);
          sp++;
          pc++;
        }
        case GAS -> {
          Arith.setLong(s, t + 4, gas);
          sp++;
          pc++;
        }
        case JUMPDEST -> pc++;
        case TLOAD -> {
          Arith.fromUInt256(s, t, state.transientLoad(f.address, Arith.toUInt256(s, t)));
          pc++;
        }
        case TSTORE -> {
          if (f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          state.transientStore(f.address, Arith.toUInt256(s, t), Arith.toUInt256(s, t - 4));
          sp -= 2;
          pc++;
        }
        case MCOPY -> {
          long dst = Arith.clampLong(s, t);
          long src = Arith.clampLong(s, t - 4);
          long len = Arith.clampLong(s, t - 8);
          sp -= 3;
          long end1 = regionEnd(dst, len);
          long end2 = regionEnd(src, len);
          long end = end1 < 0 || end2 < 0 ? -1 : Math.max(end1, end2);
          long cost = end < 0 ? Long.MAX_VALUE : 3 * words(len) + expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          if (len > 0) {
            System.arraycopy(f.memory, (int) src, f.memory, (int) dst, (int) len);
          }
          pc++;
        }
        case PUSH0 -> {
          Arith.setLong(s, t + 4, 0);
          sp++;
          pc++;
        }
        case DUP1, DUP1 + 1, DUP1 + 2, DUP1 + 3, DUP1 + 4, DUP1 + 5, DUP1 + 6, DUP1 + 7, DUP1 + 8, DUP1 + 9,
            DUP1 + 10, DUP1 + 11, DUP1 + 12, DUP1 + 13, DUP1 + 14, DUP16 -> {
          int from = t - ((op - DUP1) << 2);
          s[t + 4] = s[from];
          s[t + 5] = s[from + 1];
          s[t + 6] = s[from + 2];
          s[t + 7] = s[from + 3];
          sp++;
          pc++;
        }
        case SWAP1, SWAP1 + 1, SWAP1 + 2, SWAP1 + 3, SWAP1 + 4, SWAP1 + 5, SWAP1 + 6, SWAP1 + 7, SWAP1 + 8,
            SWAP1 + 9, SWAP1 + 10, SWAP1 + 11, SWAP1 + 12, SWAP1 + 13, SWAP1 + 14, SWAP16 -> {
          int o = t - ((op - SWAP1 + 1) << 2);
          for (int i = 0; i < 4; i++) {
            long tmp = s[t + i];
            s[t + i] = s[o + i];
            s[o + i] = tmp;
          }
          pc++;
        }
        case LOG0, LOG0 + 1, LOG0 + 2, LOG0 + 3, LOG4 -> {
          if (f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          int n = op - LOG0;
          long off = Arith.clampLong(s, t);
          long len = Arith.clampLong(s, t - 4);
          long end = regionEnd(off, len);
          long cost = end < 0 ? Long.MAX_VALUE : 8 * len + expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          Hash[] topics = new Hash[n];
          for (int i = 0; i < n; i++) {
            byte[] tb = new byte[32];
            Arith.store(s, t - 8 - 4 * i, tb, 0);
            topics[i] = Hash.wrap(tb);
          }
          byte[] data = len == 0 ? Frame.NO_BYTES : Arrays.copyOfRange(f.memory, (int) off, (int) (off + len));
          state.addLog(new EvmLog(f.address, Arrays.asList(topics), Bytes.wrap(data)));
          sp -= 2 + n;
          pc++;
        }
        case CREATE, CREATE2 -> {
          if (f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          UInt256 value = Arith.toUInt256(s, t);
          long off = Arith.clampLong(s, t - 4);
          long len = Arith.clampLong(s, t - 8);
          UInt256 salt = op == CREATE2 ? Arith.toUInt256(s, t - 12) : null;
          sp -= op == CREATE2 ? 4 : 3;
          if (len > MAX_INITCODE_SIZE) {
            halt = Halt.INITCODE_TOO_LARGE;
            break loop;
          }
          long end = regionEnd(off, len);
          long wordCost = (op == CREATE2 ? 8 : 2) * words(len);
          long cost = end < 0 ? Long.MAX_VALUE : wordCost + expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          long childGas = gas - gas / 64;
          gas -= childGas;
          f.pendingOp = op;
          f.pendingValue = value;
          f.pendingGas = childGas;
          f.pendingInput = len == 0 ? Frame.NO_BYTES : Arrays.copyOfRange(f.memory, (int) off, (int) (off + len));
          f.pendingInputOff = 0;
          f.pendingInputLen = (int) len;
          f.pendingSalt = salt;
          pc++;
          halt = Halt.SUSPEND;
          break loop;
        }
        case CALL, CALLCODE, DELEGATECALL, STATICCALL -> {
          long requested = Arith.clampLong(s, t);
          Address to = Arith.toAddress(s, t - 4);
          boolean withValue = op == CALL || op == CALLCODE;
          UInt256 value = withValue ? Arith.toUInt256(s, t - 8) : UInt256.ZERO;
          int argBase = withValue ? t - 12 : t - 8;
          long inOff = Arith.clampLong(s, argBase);
          long inLen = Arith.clampLong(s, argBase - 4);
          long outOff = Arith.clampLong(s, argBase - 8);
          long outLen = Arith.clampLong(s, argBase - 12);
          sp -= withValue ? 7 : 6;
          boolean transfers = !value.isZero();
          if (op == CALL && transfers && f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          long end1 = regionEnd(inOff, inLen);
          long end2 = regionEnd(outOff, outLen);
          long end = end1 < 0 || end2 < 0 ? -1 : Math.max(end1, end2);
          long cost = expansionCost(f, end);
          if (cost == Long.MAX_VALUE) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          if (state.warmAddress(to)) {
            cost += ex.rules.coldAccountExtra;
          }
          if (transfers) {
            cost += 9000;
            if (op == CALL && state.account(to).isDead()) {
              cost += 25000;
            }
          }
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          long available = gas - gas / 64;
          long childGas = Math.min(requested, available);
          gas -= childGas;
          if (transfers) {
            childGas += 2300;
          }
          f.pendingOp = op;
          f.pendingTarget = to;
          f.pendingValue = value;
          f.pendingGas = childGas;
          // the child reads its call data straight from this frame's memory, which cannot change meanwhile
          f.pendingInput = inLen == 0 ? Frame.NO_BYTES : f.memory;
          f.pendingInputOff = inLen == 0 ? 0 : (int) inOff;
          f.pendingInputLen = (int) inLen;
          f.pendingRetOffset = outOff;
          f.pendingRetSize = outLen;
          pc++;
          halt = Halt.SUSPEND;
          break loop;
        }
        case RETURN, REVERT -> {
          long off = Arith.clampLong(s, t);
          long len = Arith.clampLong(s, t - 4);
          long end = regionEnd(off, len);
          long cost = expansionCost(f, end);
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          grow(f, end);
          f.output = len == 0 ? Frame.NO_BYTES : Arrays.copyOfRange(f.memory, (int) off, (int) (off + len));
          sp -= 2;
          halt = op == RETURN ? Halt.RETURN : Halt.REVERT;
          break loop;
        }
        case SELFDESTRUCT -> {
          if (f.isStatic) {
            halt = Halt.STATIC_VIOLATION;
            break loop;
          }
          Address beneficiary = Arith.toAddress(s, t);
          sp--;
          long cost = 0;
          if (state.warmAddress(beneficiary)) {
            cost += ex.rules.coldAccountAccess;
          }
          BigInteger balance = f.self.balance;
          TxState.Account target = state.account(beneficiary);
          if (balance.signum() != 0 && target.isDead()) {
            cost += ex.rules.selfdestructNewAccountGas;
          }
          if (cost > gas) {
            halt = Halt.OUT_OF_GAS;
            break loop;
          }
          gas -= cost;
          state.subBalance(f.self, balance);
          state.addBalance(target, balance);
          if (f.self.createdInTx) {
            state.markSelfDestructed(f.self);
            state.setBalance(f.self, BigInteger.ZERO);
          }
          halt = Halt.SELFDESTRUCT;
          break loop;
        }
        default -> {
          if (op >= PUSH1 && op <= PUSH32) {
            int n = op - PUSH1 + 1;
            int b = t + 4;
            if (pc + n < codeLen) {
              pushBytes(s, b, code, pc + 1, n);
            } else {
              byte[] padded = new byte[n];
              int avail = Math.max(0, codeLen - pc - 1);
              System.arraycopy(code, pc + 1, padded, 0, avail);
              pushBytes(s, b, padded, 0, n);
            }
            sp++;
            pc += n + 1;
          } else {
            halt = Halt.INVALID_OPCODE;
            break loop;
          }
        }
      }
    }
    if (tracer != null && stepGas >= 0) {
      boolean error = Halt.isError(halt);
      tracer.onStepEnd(error ? stepGas : stepGas - gas, error ? Halt.describe(halt) : null);
    }
    f.pc = pc;
    f.sp = sp;
    f.gas = Halt.isError(halt) ? 0 : gas;
    f.halt = halt;
  }

  /** Pushes the n-byte big-endian immediate at code[off..off+n). */
  private static void pushBytes(long[] s, int b, byte[] code, int off, int n) {
    if (n <= 8) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (code[off + i] & 0xffL);
      }
      Arith.setLong(s, b, v);
      return;
    }
    long w3 = 0, w2 = 0, w1 = 0, w0 = 0;
    for (int i = 0; i < n; i++) {
      int bytePos = n - 1 - i;
      long v = code[off + i] & 0xffL;
      int shift = (bytePos & 7) * 8;
      switch (bytePos >>> 3) {
        case 0 -> w0 |= v << shift;
        case 1 -> w1 |= v << shift;
        case 2 -> w2 |= v << shift;
        default -> w3 |= v << shift;
      }
    }
    Arith.set(s, b, w3, w2, w1, w0);
  }
}
