package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContracts;
import java.util.List;

/** The executor's side of {@link SystemCall}: gas accounting and journaled state for one system-contract call. */
final class SystemCallHandle implements SystemCall {
  /** What {@link #installStub} costs: CREATE's 32,000 plus the deposit of one byte of code. */
  static final long STUB_GAS = 32_000 + 200;
  private final Executor ex;
  private final Address self;
  private final Address caller;
  private final UInt256 value;
  private final Bytes input;
  private final boolean isStatic;
  private final TxState.Account account;
  private final int depth;
  private long gas;

  SystemCallHandle(Executor ex, Address self, Address caller, UInt256 value, Bytes input, boolean isStatic,
      long gas, int depth) {
    this.ex = ex;
    this.depth = depth;
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

  @Override
  public void store(Address other, UInt256 slot, UInt256 newValue) throws Halt {
    if (other.equals(self)) {
      store(slot, newValue);
      return;
    }
    requireFamily(other);
    if (isStatic) {
      throw new Halt("write protection");
    }
    if (gas <= ex.rules.sstoreSentry) {
      throw new Halt("out of gas");
    }
    TxState.Account a = ex.state.account(other);
    ex.state.touch(a);
    charge(Gas.sstore(ex.state, a, slot, newValue));
  }

  @Override
  public void installStub(Address other) throws Halt {
    requireFamily(other);
    if (isStatic) {
      throw new Halt("write protection");
    }
    ex.state.warmAddress(other);
    TxState.Account a = ex.state.account(other);
    if (a.hasCode()) {
      charge(Gas.WARM_READ);
      return;
    }
    charge(STUB_GAS);
    Bytes stub = SystemContracts.STUB_CODE;
    ex.state.setCode(a, stub, Hash.keccak(stub.unsafeArray()));
  }

  @Override
  public long codeSize(Address other) throws Halt {
    charge(ex.state.warmAddress(other) ? ex.rules.coldAccountAccess : Gas.WARM_READ);
    TxState.Account a = ex.state.account(other);
    return a.hasCode() ? ex.state.code(a).size() : 0;
  }

  @Override
  public CallResult call(Address to, Bytes input, long requested) throws Halt {
    if (requested < 0) {
      throw new IllegalArgumentException("gas for a call must be >= 0, got " + requested);
    }
    charge(ex.state.warmAddress(to) ? ex.rules.coldAccountAccess : Gas.WARM_READ);
    long forwarded = Math.min(requested, gas - gas / 64);
    charge(forwarded);
    Executor.Outcome o = ex.callFromSystem(self, to, input.unsafeArray(), forwarded, isStatic, depth + 1);
    gas += o.gasLeft();
    return new CallResult(o.success(), Bytes.wrap(o.output()));
  }

  private void requireFamily(Address other) {
    if (!ex.systems().sameContract(self, other)) {
      throw new IllegalArgumentException("system contract at " + self + " may not write " + other
          + ": another contract answers there");
    }
  }
}
