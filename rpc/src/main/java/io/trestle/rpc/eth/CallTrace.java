package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.Tracer;
import io.trestle.evm.UInt256;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * geth's {@code callTracer}: the tree of calls and creations with gas, input, output, errors, decoded revert
 * reasons and, with {@code withLog}, the logs each frame emitted and where among its subcalls (logs of frames
 * that were undone are dropped, as the chain dropped them). A creation's output is the code it deployed, read
 * from its RETURN. The frame count and an estimate of the JSON size are bounded; past either, the answer is
 * -32005 rather than a partial tree.
 */
final class CallTrace implements Tracer {
  private static final String REVERTED = "execution reverted";
  private static final int FRAME_BYTES = 300;
  private static final int LOG_BYTES = 150;
  private static final int RETURN = 0xf3;
  private static final int LOG0 = 0xa0;
  private static final int LOG4 = 0xa4;

  private final boolean onlyTopCall;
  private final boolean withLog;
  private final int framesMax;
  private final long bytesMax;
  private final Deque<Frame> open = new ArrayDeque<>();
  private Frame root;
  private int frames;
  private long bytes;
  private String limitHit;
  private Frame pendingLogFrame;
  private LogEntry pendingLog;

  private record LogEntry(Address address, List<Hash> topics, Bytes data, int position) {}

  private static final class Frame {
    final int depth;
    final String type;
    final Address from;
    Address to;
    final UInt256 value;
    final long gas;
    final Bytes input;
    long gasUsed;
    Bytes output = Bytes.EMPTY;
    Bytes deployed;
    String error;
    String revertReason;
    final List<Frame> calls = new ArrayList<>();
    final List<LogEntry> logs = new ArrayList<>();

    Frame(int depth, String type, Address from, Address to, UInt256 value, long gas, Bytes input) {
      this.depth = depth;
      this.type = type;
      this.from = from;
      this.to = to;
      this.value = value;
      this.gas = gas;
      this.input = input;
    }

    boolean isCreate() {
      return type.startsWith("CREATE");
    }
  }

  CallTrace(TraceOptions options, TraceLimits limits) {
    this.onlyTopCall = options.onlyTopCall();
    this.withLog = options.withLog();
    this.framesMax = limits.callFramesMax();
    this.bytesMax = limits.responseBytesMax();
  }

  @Override
  public void onEnter(int depth, String type, Address from, Address to, UInt256 value, long gas, byte[] input) {
    if (limitHit != null || (onlyTopCall && depth > 0)) {
      return;
    }
    if (++frames > framesMax) {
      limitHit = "the call tree has more than " + framesMax + " frames, the node's limit; trace again with "
          + "tracerConfig.onlyTopCall";
      return;
    }
    if (!charge(FRAME_BYTES + 2L * input.length)) {
      return;
    }
    Frame f = new Frame(depth, type, from, to, value, gas, Bytes.of(input));
    if (root == null) {
      root = f;
    } else if (!open.isEmpty()) {
      open.peek().calls.add(f);
    }
    open.push(f);
  }

  @Override
  public void onExit(int depth, long gasUsed, byte[] output, String error) {
    if (open.isEmpty() || open.peek().depth != depth) {
      return;
    }
    Frame f = open.pop();
    f.gasUsed = gasUsed;
    if (error == null) {
      f.output = f.isCreate() ? (f.deployed == null ? Bytes.EMPTY : f.deployed) : Bytes.of(output);
    } else {
      f.error = error;
      if (f.isCreate()) {
        f.to = null;
      }
      if (REVERTED.equals(error) && output.length > 0) {
        f.output = Bytes.of(output);
        f.revertReason = RevertReason.decode(f.output);
      }
    }
    charge(2L * f.output.size());
  }

  @Override
  public void onStep(int depth, int pc, int opcode, long gas, long refund, long[] stack, int stackSize,
      byte[] memory, int memorySize, Address address) {
    pendingLog = null;
    if (limitHit != null || open.isEmpty() || open.peek().depth != depth) {
      return;
    }
    Frame f = open.peek();
    if (opcode == RETURN && f.isCreate() && stackSize >= 2) {
      f.deployed = slice(stack, stackSize, 0, memory, memorySize);
    } else if (withLog && opcode >= LOG0 && opcode <= LOG4 && stackSize >= 2 + opcode - LOG0) {
      Bytes data = slice(stack, stackSize, 0, memory, memorySize);
      if (data == null) {
        return;
      }
      List<Hash> topics = new ArrayList<>(opcode - LOG0);
      for (int i = 0; i < opcode - LOG0; i++) {
        topics.add(StackWords.hash(stack, stackSize, 2 + i));
      }
      pendingLog = new LogEntry(address, topics, data, f.calls.size());
      pendingLogFrame = f;
    }
  }

  /** The log is kept only when its opcode succeeded (a LOG can still run out of gas or break a static call). */
  @Override
  public void onStepEnd(long gasCost, String error) {
    if (pendingLog != null && error == null && charge(LOG_BYTES + 2L * pendingLog.data().size()
        + 70L * pendingLog.topics().size())) {
      pendingLogFrame.logs.add(pendingLog);
    }
    pendingLog = null;
  }

  /** The memory range whose offset and size are the top two stack words; null when no memory can hold it. */
  private Bytes slice(long[] stack, int stackSize, int fromTop, byte[] memory, int memorySize) {
    int size = StackWords.smallInt(stack, stackSize, fromTop + 1);
    if (size == 0) {
      return Bytes.EMPTY;
    }
    int offset = StackWords.smallInt(stack, stackSize, fromTop);
    if (size < 0 || offset < 0 || (long) offset + size > Integer.MAX_VALUE) {
      // no gas limit pays for such memory: the opcode fails and nothing is kept
      return null;
    }
    if (2L * size > bytesMax - bytes) {
      charge(2L * size);
      return null;
    }
    return Bytes.wrap(StackWords.memory(memory, memorySize, offset, size));
  }

  private boolean charge(long n) {
    bytes += n;
    if (bytes > bytesMax && limitHit == null) {
      limitHit = "the call tree exceeds " + bytesMax + " bytes of JSON, the node's response limit; trace again "
          + "with tracerConfig.onlyTopCall or without withLog";
    }
    return limitHit == null;
  }

  /**
   * The tree as geth prints it. The top frame shows the transaction's gas limit and the gas its receipt
   * records (intrinsic gas and refund included), as geth's tracer does.
   *
   * @throws RpcException -32005 when a limit of the node was reached
   */
  ObjectNode toJson(long txGasLimit, long txGasUsed) throws RpcException {
    if (limitHit != null) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, limitHit);
    }
    if (root == null) {
      throw new IllegalStateException("the transaction ran but the call tracer saw no call");
    }
    dropUndoneLogs(root, false);
    ObjectNode out = frame(root);
    out.put("gas", Json.quantity(txGasLimit).asText());
    out.put("gasUsed", Json.quantity(txGasUsed).asText());
    return out;
  }

  private static void dropUndoneLogs(Frame f, boolean parentUndone) {
    boolean undone = parentUndone || f.error != null;
    if (undone) {
      f.logs.clear();
    }
    for (Frame c : f.calls) {
      dropUndoneLogs(c, undone);
    }
  }

  private static ObjectNode frame(Frame f) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("type", f.type);
    o.set("from", Json.address(f.from));
    o.set("gas", Json.quantity(f.gas));
    o.set("gasUsed", Json.quantity(f.gasUsed));
    if (f.to != null) {
      o.set("to", Json.address(f.to));
    }
    o.set("input", Json.data(f.input));
    if (f.output.size() > 0) {
      o.set("output", Json.data(f.output));
    }
    if (f.error != null) {
      o.put("error", f.error);
    }
    if (f.revertReason != null) {
      o.put("revertReason", f.revertReason);
    }
    if (!f.calls.isEmpty()) {
      ArrayNode calls = o.putArray("calls");
      for (Frame c : f.calls) {
        calls.add(frame(c));
      }
    }
    if (!f.logs.isEmpty()) {
      ArrayNode logs = o.putArray("logs");
      for (LogEntry l : f.logs) {
        ObjectNode log = logs.addObject();
        log.set("address", Json.address(l.address()));
        ArrayNode topics = log.putArray("topics");
        l.topics().forEach(t -> topics.add(Json.hash(t)));
        log.set("data", Json.data(l.data()));
        log.set("position", Json.quantity(l.position()));
      }
    }
    // a static call moves no value, and geth leaves the field out
    if (!f.type.equals("STATICCALL")) {
      o.set("value", Json.quantity(f.value.toBigInteger()));
    }
    return o;
  }
}
