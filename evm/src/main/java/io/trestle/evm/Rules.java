package io.trestle.evm;

/**
 * The gas schedule and opcode set the interpreter runs with. Production code only ever uses {@link #CANCUN};
 * other schedules exist so the legacy VMTests can be checked against the rules they were filled with.
 */
final class Rules {
  final String name;
  final int[] gas;
  final int[] pops;
  final int[] pushes;
  /** Extra gas on top of the opcode's constant for a cold account (EIP-2929). */
  final int coldAccountExtra;
  /** Full cost of a cold account access where no warm constant was charged (SELFDESTRUCT). */
  final int coldAccountAccess;
  final int sloadCold;
  final int sloadWarm;
  /** SSTORE fails when no more than this much gas is left (EIP-2200). */
  final long sstoreSentry;
  /** SSTORE priced as before EIP-2200 (20000 to set, 5000 otherwise), for the legacy VMTests only. */
  final boolean legacySstore;
  /** EXP's gas per byte of exponent (EIP-160 raised it from 10 to 50). */
  final int expByteGas;
  /** SELFDESTRUCT's charge for sending a balance to an empty account (EIP-150/161). */
  final int selfdestructNewAccountGas;

  private Rules(String name, int[] gas, int[] pops, int[] pushes, int coldAccountExtra, int coldAccountAccess,
      int sloadCold, int sloadWarm, long sstoreSentry, boolean legacySstore, int expByteGas,
      int selfdestructNewAccountGas) {
    this.name = name;
    this.gas = gas;
    this.pops = pops;
    this.pushes = pushes;
    this.coldAccountExtra = coldAccountExtra;
    this.coldAccountAccess = coldAccountAccess;
    this.sloadCold = sloadCold;
    this.sloadWarm = sloadWarm;
    this.sstoreSentry = sstoreSentry;
    this.legacySstore = legacySstore;
    this.expByteGas = expByteGas;
    this.selfdestructNewAccountGas = selfdestructNewAccountGas;
  }

  static final Rules CANCUN =
      new Rules("Cancun", Opcodes.GAS_COST, Opcodes.POPS, Opcodes.PUSHES, 2500, 2600, 2100, 100, 2300, false,
      50, 25_000);

  /**
   * The schedule the legacy VMTests were filled with: Frontier costs (SLOAD 50, BALANCE and EXTCODE* 20, EXP 10
   * per exponent byte, free SELFDESTRUCT, SSTORE 20000/5000) over the Constantinople opcode set (shifts,
   * EXTCODEHASH, CREATE2), none of the opcodes added after it, and no access lists.
   */
  static final Rules VM_TESTS = vmTests();

  private static Rules vmTests() {
    int[] gas = Opcodes.GAS_COST.clone();
    int[] pops = Opcodes.POPS.clone();
    gas[Opcodes.SLOAD] = 50;
    gas[Opcodes.BALANCE] = 20;
    gas[Opcodes.EXTCODESIZE] = 20;
    gas[Opcodes.EXTCODECOPY] = 20;
    gas[Opcodes.EXTCODEHASH] = 400;
    gas[Opcodes.SELFDESTRUCT] = 0;
    for (int op : new int[] {Opcodes.CALL, Opcodes.CALLCODE, Opcodes.DELEGATECALL, Opcodes.STATICCALL}) {
      gas[op] = 40;
    }
    for (int op : new int[] {Opcodes.CHAINID, Opcodes.SELFBALANCE, Opcodes.BASEFEE, Opcodes.BLOBHASH,
        Opcodes.BLOBBASEFEE, Opcodes.TLOAD, Opcodes.TSTORE, Opcodes.MCOPY, Opcodes.PUSH0}) {
      pops[op] = -1;
    }
    return new Rules("VMTests", gas, pops, Opcodes.PUSHES, 0, 0, 0, 0, 0, true, 10, 0);
  }
}
