package io.trestle.evm.trace;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.Tracer;
import io.trestle.evm.UInt256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * geth's struct logger: one {@link StructLog} per executed opcode with gas, cost, depth and, unless disabled, the
 * stack, memory and the storage slots the contract has touched so far. Stops recording (and says so through
 * {@link #truncated()}) after {@code stepsMax} steps, so a trace cannot exhaust the heap.
 */
public final class StructLogger implements Tracer {
  /** One step. {@code stack} is bottom first; {@code storage} maps slots to values known at this step. */
  public record StructLog(int pc, String op, long gas, long gasCost, int depth, long refund, List<UInt256> stack,
      Bytes memory, Map<UInt256, UInt256> storage, String error) {}

  private static final int SLOAD = 0x54;
  private static final int SSTORE = 0x55;

  private final boolean withStack;
  private final boolean withMemory;
  private final boolean withStorage;
  private final int stepsMax;
  private final List<StructLog> logs = new ArrayList<>();
  private final Map<Address, Map<UInt256, UInt256>> storage = new HashMap<>();
  private boolean truncated;
  private int pendingIndex = -1;
  private int pendingOp;
  private UInt256 pendingSlot;
  private Address pendingAddress;

  public StructLogger(boolean withStack, boolean withMemory, boolean withStorage, int stepsMax) {
    this.withStack = withStack;
    this.withMemory = withMemory;
    this.withStorage = withStorage;
    this.stepsMax = stepsMax;
  }

  public List<StructLog> logs() {
    return Collections.unmodifiableList(logs);
  }

  public boolean truncated() {
    return truncated;
  }

  @Override
  public void onStep(int depth, int pc, int opcode, long gas, long refund, long[] stack, int stackSize,
      byte[] memory, int memorySize, Address address) {
    // the value an SLOAD read is on top of the stack at the next step
    if (pendingIndex >= 0 && pendingOp == SLOAD && stackSize > 0 && withStorage) {
      UInt256 value = word(stack, stackSize - 1);
      storage.computeIfAbsent(pendingAddress, a -> new TreeMap<>()).put(pendingSlot, value);
      StructLog prev = logs.get(pendingIndex);
      logs.set(pendingIndex, withStorage(prev, Map.copyOf(storage.get(pendingAddress))));
    }
    pendingOp = -1;
    if (logs.size() >= stepsMax) {
      truncated = true;
      pendingIndex = -1;
      return;
    }
    List<UInt256> stackCopy = null;
    if (withStack) {
      stackCopy = new ArrayList<>(stackSize);
      for (int i = 0; i < stackSize; i++) {
        stackCopy.add(word(stack, i));
      }
    }
    Bytes mem = withMemory ? Bytes.wrap(java.util.Arrays.copyOf(memory, memorySize)) : null;
    Map<UInt256, UInt256> store = null;
    if (withStorage && (opcode == SLOAD || opcode == SSTORE) && stackSize >= (opcode == SSTORE ? 2 : 1)) {
      Map<UInt256, UInt256> slots = storage.computeIfAbsent(address, a -> new TreeMap<>());
      UInt256 slot = word(stack, stackSize - 1);
      if (opcode == SSTORE) {
        slots.put(slot, word(stack, stackSize - 2));
      } else {
        pendingOp = SLOAD;
        pendingSlot = slot;
        pendingAddress = address;
      }
      store = Map.copyOf(slots);
    }
    logs.add(new StructLog(pc, opName(opcode), gas, 0, depth + 1, refund, stackCopy, mem, store, null));
    pendingIndex = logs.size() - 1;
  }

  @Override
  public void onStepEnd(long gasCost, String error) {
    if (pendingIndex >= 0 && pendingIndex == logs.size() - 1) {
      StructLog l = logs.get(pendingIndex);
      logs.set(pendingIndex, new StructLog(l.pc(), l.op(), l.gas(), gasCost, l.depth(), l.refund(), l.stack(),
          l.memory(), l.storage(), error));
    }
  }

  private static StructLog withStorage(StructLog l, Map<UInt256, UInt256> storage) {
    return new StructLog(l.pc(), l.op(), l.gas(), l.gasCost(), l.depth(), l.refund(), l.stack(), l.memory(), storage,
        l.error());
  }

  static UInt256 word(long[] stack, int index) {
    byte[] b = new byte[32];
    for (int limb = 0; limb < 4; limb++) {
      long v = stack[4 * index + limb];
      for (int i = 7; i >= 0; i--) {
        b[limb * 8 + i] = (byte) v;
        v >>>= 8;
      }
    }
    return UInt256.fromBytes(b);
  }

  static String opName(int op) {
    return Tracer.opcodeName(op);
  }
}
