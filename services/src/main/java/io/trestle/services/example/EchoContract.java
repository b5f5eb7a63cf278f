package io.trestle.services.example;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The example system contract of {@code contracts/interfaces/IEcho.sol}: {@code echo(string)} returns its input,
 * {@code increment()} adds one to a counter in storage slot 0 and emits {@code Incremented(caller, value)},
 * {@code count()} reads the counter. Lives at {@link #ADDRESS}, at the top of the reserved range where examples
 * go (ADR 0162).
 */
public final class EchoContract implements SystemContract {
  public static final Address ADDRESS = Address.ofLong(0x7e57_ff01L);
  /** Messages longer than this are refused rather than copied. */
  public static final int MESSAGE_BYTES_MAX = 4096;
  /** Gas per byte of the echoed message on top of the dispatcher's per-word charge. */
  public static final long ECHO_GAS_PER_BYTE = 1;

  static final AbiFunction ECHO = function("echo(string)", "string");
  static final AbiFunction INCREMENT = function("increment()", "uint256");
  static final AbiFunction COUNT = function("count()", "uint256");
  static final AbiEvent INCREMENTED = event("Incremented(address indexed caller, uint256 value)");
  private static final UInt256 COUNTER_SLOT = UInt256.ZERO;

  @Override
  public SystemResult call(SystemCall call) throws SystemCall.Halt {
    byte[] input = call.input().unsafeArray();
    if (input.length < 4) {
      return SystemResult.revert("EchoContract: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("EchoContract: does not accept value");
    }
    byte[] selector = Arrays.copyOf(input, 4);
    try {
      if (Arrays.equals(selector, ECHO.selector())) {
        return echo(call);
      }
      if (Arrays.equals(selector, INCREMENT.selector())) {
        return increment(call);
      }
      if (Arrays.equals(selector, COUNT.selector())) {
        return SystemResult.success(COUNT.encodeOutput(call.load(COUNTER_SLOT).toBigInteger()));
      }
    } catch (AbiException e) {
      return SystemResult.revert("EchoContract: malformed arguments: " + e.getMessage());
    }
    return SystemResult.revert("EchoContract: unknown function selector " + Bytes.wrap(selector).toHex());
  }

  private SystemResult echo(SystemCall call) throws AbiException, SystemCall.Halt {
    if (call.input().size() > MESSAGE_BYTES_MAX + 100) {
      return SystemResult.revert("EchoContract: message longer than " + MESSAGE_BYTES_MAX + " bytes");
    }
    String message = (String) ECHO.decodeCall(call.input()).get(0);
    call.charge(ECHO_GAS_PER_BYTE * call.input().size());
    return SystemResult.success(ECHO.encodeOutput(message));
  }

  private SystemResult increment(SystemCall call) throws AbiException, SystemCall.Halt {
    BigInteger next = call.load(COUNTER_SLOT).toBigInteger().add(BigInteger.ONE);
    call.store(COUNTER_SLOT, UInt256.fromBigInteger(next));
    AbiEvent.Encoded log = INCREMENTED.encode(call.caller(), next);
    call.log(log.topics(), log.data());
    return SystemResult.success(INCREMENT.encodeOutput(next));
  }

  private static AbiFunction function(String signature, String... outputs) {
    try {
      return AbiFunction.parse(signature, outputs);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static AbiEvent event(String declaration) {
    try {
      return AbiEvent.parse(declaration);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The function signatures this contract answers, for tools and tests. */
  public static List<String> signatures() {
    return List.of(ECHO.signature(), INCREMENT.signature(), COUNT.signature());
  }
}
