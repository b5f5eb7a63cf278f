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

  private Rules(String name, int[] gas, int[] pops, int[] pushes, int coldAccountExtra, int coldAccountAccess,
      int sloadCold, int sloadWarm, long sstoreSentry) {
    this.name = name;
    this.gas = gas;
    this.pops = pops;
    this.pushes = pushes;
    this.coldAccountExtra = coldAccountExtra;
    this.coldAccountAccess = coldAccountAccess;
    this.sloadCold = sloadCold;
    this.sloadWarm = sloadWarm;
    this.sstoreSentry = sstoreSentry;
  }

  static final Rules CANCUN =
      new Rules("Cancun", Opcodes.GAS_COST, Opcodes.POPS, Opcodes.PUSHES, 2500, 2600, 2100, 100, 2300);
}
