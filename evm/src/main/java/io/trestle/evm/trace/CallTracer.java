package io.trestle.evm.trace;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.Tracer;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.Abi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * geth's call tracer: the tree of calls and creations a transaction made, with gas, input, output, errors and
 * decoded revert reasons. At most {@code callsMax} calls are recorded; deeper activity is still counted as
 * gas of its parent.
 */
public final class CallTracer implements Tracer {
  /** One call; {@code calls} are its children in order. */
  public static final class Call {
    public final String type;
    public final Address from;
    public final Address to;
    public final UInt256 value;
    public final long gas;
    public final Bytes input;
    private long gasUsed;
    private Bytes output = Bytes.EMPTY;
    private String error;
    private String revertReason;
    private final List<Call> calls = new ArrayList<>();

    Call(String type, Address from, Address to, UInt256 value, long gas, Bytes input) {
      this.type = type;
      this.from = from;
      this.to = to;
      this.value = value;
      this.gas = gas;
      this.input = input;
    }

    public long gasUsed() {
      return gasUsed;
    }

    public Bytes output() {
      return output;
    }

    /** Null on success. */
    public String error() {
      return error;
    }

    /** The {@code Error(string)} reason of a revert, or null. */
    public String revertReason() {
      return revertReason;
    }

    public List<Call> calls() {
      return Collections.unmodifiableList(calls);
    }
  }

  private final int callsMax;
  private final Deque<Call> open = new ArrayDeque<>();
  private int recorded;
  private int skippedDepth = -1;
  private Call root;

  public CallTracer(int callsMax) {
    this.callsMax = callsMax;
  }

  /** The transaction's top-level call, or null before it ran. */
  public Call root() {
    return root;
  }

  @Override
  public void onEnter(int depth, String type, Address from, Address to, UInt256 value, long gas, byte[] input) {
    if (skippedDepth >= 0 || recorded >= callsMax) {
      if (skippedDepth < 0) {
        skippedDepth = depth;
      }
      return;
    }
    Call c = new Call(type, from, to, value, gas, Bytes.of(input));
    recorded++;
    if (open.isEmpty()) {
      root = c;
    } else {
      open.peek().calls.add(c);
    }
    open.push(c);
  }

  @Override
  public void onExit(int depth, long gasUsed, byte[] output, String error) {
    if (skippedDepth >= 0) {
      if (depth == skippedDepth) {
        skippedDepth = -1;
      }
      return;
    }
    Call c = open.pop();
    c.gasUsed = gasUsed;
    c.output = Bytes.of(output);
    c.error = error;
    if (error != null && output.length > 0) {
      c.revertReason = Abi.decodeError(c.output);
    }
  }
}
