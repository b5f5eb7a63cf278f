package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one transaction. An {@link Status#INVALID} transaction changed nothing, used no gas and must
 * not be included (or, in Trestle's order-then-execute design, is skipped without a receipt); {@code error}
 * then says why. The other statuses carry the gas used after refunds, the logs (empty unless successful), the
 * created contract's address for a creation, the return or revert data, and the state diff to apply.
 */
public record TxResult(
    Status status,
    String error,
    long gasUsed,
    List<EvmLog> logs,
    Address contractAddress,
    Bytes output,
    StateDiff stateDiff) {
  public enum Status {
    SUCCESS,
    /** REVERT ran: gas left over was returned, state changes undone, fees still paid. */
    REVERTED,
    /** An exceptional halt (out of gas, invalid opcode, stack error...): all gas consumed. */
    FAILED,
    INVALID
  }

  public TxResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(stateDiff, "stateDiff");
    logs = List.copyOf(logs);
  }

  public static TxResult invalid(String reason) {
    return new TxResult(Status.INVALID, reason, 0, List.of(), null, Bytes.EMPTY, StateDiff.EMPTY);
  }

  public boolean isValid() {
    return status != Status.INVALID;
  }

  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }
}
