package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.system.SystemCall;
import java.util.List;

/** The executor's side of {@link SystemCall}: gas accounting and journaled state for one system-contract call. */
final class SystemCallHandle implements SystemCall {
  private final Executor ex;
  private final Address self;
  private final Address caller;
  private final UInt256 value;
  private final Bytes input;
  private final boolean isStatic;
  private final TxState.Account account;
  private long gas;

  SystemCallHandle(Executor ex, Address self, Address caller, UInt256 value, Bytes input, boolean isStatic,
      long gas) {
    this.ex = ex;
    this.self = self;
    this.caller = caller;
    this.value = value;
    this.input = input;
    this.isStatic = isStatic;
    this.gas = gas;
    this.account = ex.state.account(self);
  }

  @Override
  public Address self() {
    return self;
  }

  @Override
  public Address caller() {
    return caller;
  }

  @Override
  public UInt256 value() {
    return value;
  }

  @Override
  public Bytes input() {
    return input;
  }

  @Override
  public boolean isStatic() {
    return isStatic;
  }

  @Override
  public Address origin() {
    return ex.origin;
  }

  @Override
  public BlockEnv block() {
    return ex.env;
  }

  @Override
  public long gasLeft() {
    return gas;
  }

  @Override
  public void charge(long amount) throws Halt {
    if (amount < 0) {
      throw new IllegalArgumentException("gas charge must be >= 0, got " + amount);
    }
    if (amount > gas) {
      gas = 0;
      throw new Halt("out of gas");
    }
    gas -= amount;
  }

  @Override
  public UInt256 load(UInt256 slot) throws Halt {
    charge(ex.state.warmSlot(self, slot) ? Gas.COLD_SLOAD : Gas.WARM_READ);
    return ex.state.storage(account, slot);
  }

  @Override
  public UInt256 loadFrom(Address contract, UInt256 slot) throws Halt {
    if (!io.trestle.evm.system.SystemContracts.isReserved(contract)) {
      throw new IllegalArgumentException("loadFrom reads system contracts only, not " + contract);
    }
    charge(ex.state.warmSlot(contract, slot) ? Gas.COLD_SLOAD : Gas.WARM_READ);
    return ex.state.storage(ex.state.account(contract), slot);
  }

  @Override
  public void store(UInt256 slot, UInt256 newValue) throws Halt {
    if (isStatic) {
      throw new Halt("write protection");
    }
    if (gas <= ex.rules.sstoreSentry) {
      throw new Halt("out of gas");
    }
    ex.state.touch(account);
    charge(Gas.sstore(ex.state, account, slot, newValue));
  }

  @Override
  public void log(List<Hash> topics, Bytes data) throws Halt {
    if (isStatic) {
      throw new Halt("write protection");
    }
    charge(375L + 375L * topics.size() + 8L * data.size());
    ex.state.addLog(new EvmLog(self, topics, data));
  }
}
