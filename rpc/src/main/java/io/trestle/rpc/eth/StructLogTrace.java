package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.Tracer;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.trace.StructLogger;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The default tracer of debug_traceTransaction: the evm's {@link StructLogger} plus what the RPC answer needs
 * around it: the return data of the last call at each step (enableReturnData), and a running estimate of the
 * JSON size, so recording stops once the response limit is passed instead of after the heap is full.
 */
final class StructLogTrace implements Tracer {
  /** JSON bytes of one entry without stack, memory or storage: pc, op, gas, gasCost, depth, refund, error. */
  private static final int ENTRY_BYTES = 120;
  /** One stack item or memory word: "0x" + up to 64 hex digits, quotes and a comma. */
  private static final int WORD_BYTES = 70;
  /** One storage slot: two words and a colon. */
  private static final int SLOT_BYTES = 140;
  private static final int SLOAD = 0x54;
  private static final int SSTORE = 0x55;
  private static final String REVERTED = "execution reverted";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StructLogger logger;
  private final boolean withStack;
  private final boolean withMemory;
  private final boolean withStorage;
  private final boolean nodeCapped;
  private final int stepsMax;
  private final long bytesMax;
  /** Return data at each recorded step, when asked for; shared instances, one per call result. */
  private final List<Bytes> returnData;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private long bytes;
  private boolean overBudget;

  private static final class Frame {
    final boolean create;
    Bytes returnData = Bytes.EMPTY;

    Frame(boolean create) {
      this.create = create;
    }
  }

  StructLogTrace(TraceOptions options, TraceLimits limits) {
    long asked = options.stepsLimit();
    this.nodeCapped = asked == 0 || asked > limits.structLogsMax();
    this.stepsMax = nodeCapped ? limits.structLogsMax() : (int) asked;
    this.withStack = !options.disableStack();
    this.withMemory = options.enableMemory();
    this.withStorage = !options.disableStorage();
    this.logger = new StructLogger(withStack, withMemory, withStorage, stepsMax);
    this.bytesMax = limits.responseBytesMax();
    this.returnData = options.enableReturnData() ? new ArrayList<>() : null;
  }

  @Override
  public void onStep(int depth, int pc, int opcode, long gas, long refund, long[] stack, int stackSize,
      byte[] memory, int memorySize, Address address) {
    if (overBudget) {
      return;
    }
    int before = logger.logs().size();
    logger.onStep(depth, pc, opcode, gas, refund, stack, stackSize, memory, memorySize, address);
    if (logger.logs().size() == before) {
      return;
    }
    long entry = ENTRY_BYTES;
    if (withStack) {
      entry += (long) WORD_BYTES * stackSize;
    }
    if (withMemory) {
      entry += (long) WORD_BYTES * (memorySize / 32);
    }
    if (withStorage && (opcode == SLOAD || opcode == SSTORE)) {
      Map<UInt256, UInt256> storage = logger.logs().get(before).storage();
      // an SLOAD learns its value at the next step, which may add one slot
      entry += (long) SLOT_BYTES * ((storage == null ? 0 : storage.size()) + 1);
    }
    if (returnData != null) {
      Bytes current = frames.isEmpty() ? Bytes.EMPTY : frames.peek().returnData;
      returnData.add(current);
      entry += 2L * current.size() + 20;
    }
    bytes += entry;
    if (bytes > bytesMax) {
      overBudget = true;
    }
  }

  @Override
  public void onStepEnd(long gasCost, String error) {
    if (!overBudget) {
      logger.onStepEnd(gasCost, error);
    }
  }

  @Override
  public void onEnter(int depth, String type, Address from, Address to, UInt256 value, long gas, byte[] input) {
    frames.push(new Frame(type.startsWith("CREATE")));
  }

  @Override
  public void onExit(int depth, long gasUsed, byte[] output, String error) {
    if (frames.isEmpty()) {
      return;
    }
    Frame done = frames.pop();
    if (returnData == null || frames.isEmpty()) {
      return;
    }
    // RETURNDATA after a creation is empty unless it reverted; after a call it is whatever came back
    boolean keep = !done.create || REVERTED.equals(error);
    frames.peek().returnData = keep && output.length > 0 ? Bytes.of(output) : Bytes.EMPTY;
  }

  /**
   * The geth-shaped answer: the gas the transaction used, whether it failed, what it returned (revert data
   * included, nothing after an exceptional halt) and the steps.
   *
   * @throws RpcException -32005 when a limit of the node was reached
   */
  ObjectNode toJson(TxResult result) throws RpcException {
    if (overBudget) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "the trace exceeds " + bytesMax + " bytes of JSON, the "
          + "node's response limit; trace again with disableStack or disableStorage, without enableMemory, or "
          + "with a smaller 'limit'");
    }
    if (nodeCapped && logger.truncated()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "the trace has more than " + stepsMax
          + " steps, the node's limit; pass a 'limit' of at most " + stepsMax + " to get the first steps");
    }
    ObjectNode out = Json.NODES.objectNode();
    out.put("gas", result.gasUsed());
    out.put("failed", !result.isSuccess());
    Bytes returned = result.status() == TxResult.Status.FAILED ? Bytes.EMPTY : result.output();
    out.set("returnValue", Json.data(returned));
    ArrayNode steps = out.putArray("structLogs");
    List<StructLogger.StructLog> logs = logger.logs();
    for (int i = 0; i < logs.size(); i++) {
      steps.add(entry(logs.get(i), returnData == null ? null : returnData.get(i)));
    }
    return out;
  }

  private ObjectNode entry(StructLogger.StructLog l, Bytes returned) {
    ObjectNode e = Json.NODES.objectNode();
    e.put("pc", l.pc());
    e.put("op", l.op());
    e.put("gas", l.gas());
    e.put("gasCost", l.gasCost());
    e.put("depth", l.depth());
    e.put("refund", l.refund());
    if (l.stack() != null) {
      ArrayNode stack = e.putArray("stack");
      for (UInt256 w : l.stack()) {
        stack.add(quantity(w));
      }
    }
    if (l.memory() != null) {
      ArrayNode memory = e.putArray("memory");
      byte[] m = l.memory().unsafeArray();
      for (int at = 0; at + 32 <= m.length; at += 32) {
        memory.add(hex(m, at, 32));
      }
    }
    if (l.storage() != null) {
      ObjectNode storage = e.putObject("storage");
      l.storage().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(s -> storage.put(s.getKey().toHex(), s.getValue().toHex()));
    }
    if (returned != null) {
      e.set("returnData", Json.data(returned));
    }
    if (l.error() != null) {
      e.put("error", l.error());
    }
    return e;
  }

  /** A stack word as a QUANTITY: 0x and no leading zeros. */
  static String quantity(UInt256 w) {
    byte[] b = w.toArray();
    int i = 0;
    while (i < 31 && b[i] == 0) {
      i++;
    }
    StringBuilder sb = new StringBuilder(2 + 2 * (32 - i)).append("0x");
    int first = b[i] & 0xff;
    if (first >= 16) {
      sb.append(HEX[first >>> 4]);
    }
    sb.append(HEX[first & 0xf]);
    for (int j = i + 1; j < 32; j++) {
      sb.append(HEX[(b[j] >>> 4) & 0xf]).append(HEX[b[j] & 0xf]);
    }
    return sb.toString();
  }

  private static String hex(byte[] b, int from, int length) {
    StringBuilder sb = new StringBuilder(2 + 2 * length).append("0x");
    for (int j = from; j < from + length; j++) {
      sb.append(HEX[(b[j] >>> 4) & 0xf]).append(HEX[b[j] & 0xf]);
    }
    return sb.toString();
  }
}
