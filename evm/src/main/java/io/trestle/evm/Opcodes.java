package io.trestle.evm;

/**
 * Opcode numbers and the static part of the Cancun gas schedule: for every opcode its constant gas, how many
 * stack items it needs and how many it leaves. The dynamic parts (memory, warm/cold access, SSTORE...) are
 * charged by the interpreter.
 */
final class Opcodes {
  static final int STOP = 0x00, ADD = 0x01, MUL = 0x02, SUB = 0x03, DIV = 0x04, SDIV = 0x05, MOD = 0x06,
      SMOD = 0x07, ADDMOD = 0x08, MULMOD = 0x09, EXP = 0x0a, SIGNEXTEND = 0x0b;
  static final int LT = 0x10, GT = 0x11, SLT = 0x12, SGT = 0x13, EQ = 0x14, ISZERO = 0x15, AND = 0x16, OR = 0x17,
      XOR = 0x18, NOT = 0x19, BYTE = 0x1a, SHL = 0x1b, SHR = 0x1c, SAR = 0x1d;
  static final int KECCAK256 = 0x20;
  static final int ADDRESS = 0x30, BALANCE = 0x31, ORIGIN = 0x32, CALLER = 0x33, CALLVALUE = 0x34,
      CALLDATALOAD = 0x35, CALLDATASIZE = 0x36, CALLDATACOPY = 0x37, CODESIZE = 0x38, CODECOPY = 0x39,
      GASPRICE = 0x3a, EXTCODESIZE = 0x3b, EXTCODECOPY = 0x3c, RETURNDATASIZE = 0x3d, RETURNDATACOPY = 0x3e,
      EXTCODEHASH = 0x3f;
  static final int BLOCKHASH = 0x40, COINBASE = 0x41, TIMESTAMP = 0x42, NUMBER = 0x43, PREVRANDAO = 0x44,
      GASLIMIT = 0x45, CHAINID = 0x46, SELFBALANCE = 0x47, BASEFEE = 0x48, BLOBHASH = 0x49, BLOBBASEFEE = 0x4a;
  static final int POP = 0x50, MLOAD = 0x51, MSTORE = 0x52, MSTORE8 = 0x53, SLOAD = 0x54, SSTORE = 0x55,
      JUMP = 0x56, JUMPI = 0x57, PC = 0x58, MSIZE = 0x59, GAS = 0x5a, JUMPDEST = 0x5b, TLOAD = 0x5c,
      TSTORE = 0x5d, MCOPY = 0x5e, PUSH0 = 0x5f, PUSH1 = 0x60, PUSH32 = 0x7f, DUP1 = 0x80, DUP16 = 0x8f,
      SWAP1 = 0x90, SWAP16 = 0x9f, LOG0 = 0xa0, LOG4 = 0xa4;
  static final int CREATE = 0xf0, CALL = 0xf1, CALLCODE = 0xf2, RETURN = 0xf3, DELEGATECALL = 0xf4,
      CREATE2 = 0xf5, STATICCALL = 0xfa, REVERT = 0xfd, INVALID = 0xfe, SELFDESTRUCT = 0xff;

  /** Constant gas per opcode. */
  static final int[] GAS_COST = new int[256];
  /** Stack items consumed; -1 marks an undefined opcode. */
  static final int[] POPS = new int[256];
  /** Stack items produced. */
  static final int[] PUSHES = new int[256];

  private static final String[] NAMES = new String[256];

  private Opcodes() {}

  /** The mnemonic of {@code op}, e.g. {@code PUSH1}; undefined opcodes read {@code opcode 0xef not defined}. */
  static String name(int op) {
    String n = NAMES[op & 0xff];
    return n != null ? n : String.format("opcode 0x%x not defined", op & 0xff);
  }

  private static void names(int first, String... names) {
    for (int i = 0; i < names.length; i++) {
      NAMES[first + i] = names[i];
    }
  }

  static {
    names(0x00, "STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND");
    names(0x10, "LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR");
    names(0x20, "KECCAK256");
    names(0x30, "ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE",
        "CALLDATACOPY", "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE",
        "RETURNDATACOPY", "EXTCODEHASH");
    names(0x40, "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID", "SELFBALANCE",
        "BASEFEE", "BLOBHASH", "BLOBBASEFEE");
    names(0x50, "POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS",
        "JUMPDEST", "TLOAD", "TSTORE", "MCOPY", "PUSH0");
    for (int i = 1; i <= 32; i++) {
      NAMES[0x5f + i] = "PUSH" + i;
    }
    for (int i = 1; i <= 16; i++) {
      NAMES[0x7f + i] = "DUP" + i;
      NAMES[0x8f + i] = "SWAP" + i;
    }
    for (int i = 0; i <= 4; i++) {
      NAMES[0xa0 + i] = "LOG" + i;
    }
    names(0xf0, "CREATE", "CALL", "CALLCODE", "RETURN", "DELEGATECALL", "CREATE2");
    NAMES[0xfa] = "STATICCALL";
    NAMES[0xfd] = "REVERT";
    NAMES[0xfe] = "INVALID";
    NAMES[0xff] = "SELFDESTRUCT";
  }

  private static void def(int op, int gas, int pops, int pushes) {
    GAS_COST[op] = gas;
    POPS[op] = pops;
    PUSHES[op] = pushes;
  }

  static {
    java.util.Arrays.fill(POPS, -1);
    def(STOP, 0, 0, 0);
    def(ADD, 3, 2, 1);
    def(MUL, 5, 2, 1);
    def(SUB, 3, 2, 1);
    def(DIV, 5, 2, 1);
    def(SDIV, 5, 2, 1);
    def(MOD, 5, 2, 1);
    def(SMOD, 5, 2, 1);
    def(ADDMOD, 8, 3, 1);
    def(MULMOD, 8, 3, 1);
    def(EXP, 10, 2, 1);
    def(SIGNEXTEND, 5, 2, 1);
    for (int op = LT; op <= SAR; op++) {
      def(op, 3, 2, 1);
    }
    def(ISZERO, 3, 1, 1);
    def(NOT, 3, 1, 1);
    def(KECCAK256, 30, 2, 1);
    def(ADDRESS, 2, 0, 1);
    def(BALANCE, 100, 1, 1);
    def(ORIGIN, 2, 0, 1);
    def(CALLER, 2, 0, 1);
    def(CALLVALUE, 2, 0, 1);
    def(CALLDATALOAD, 3, 1, 1);
    def(CALLDATASIZE, 2, 0, 1);
    def(CALLDATACOPY, 3, 3, 0);
    def(CODESIZE, 2, 0, 1);
    def(CODECOPY, 3, 3, 0);
    def(GASPRICE, 2, 0, 1);
    def(EXTCODESIZE, 100, 1, 1);
    def(EXTCODECOPY, 100, 4, 0);
    def(RETURNDATASIZE, 2, 0, 1);
    def(RETURNDATACOPY, 3, 3, 0);
    def(EXTCODEHASH, 100, 1, 1);
    def(BLOCKHASH, 20, 1, 1);
    def(COINBASE, 2, 0, 1);
    def(TIMESTAMP, 2, 0, 1);
    def(NUMBER, 2, 0, 1);
    def(PREVRANDAO, 2, 0, 1);
    def(GASLIMIT, 2, 0, 1);
    def(CHAINID, 2, 0, 1);
    def(SELFBALANCE, 5, 0, 1);
    def(BASEFEE, 2, 0, 1);
    def(BLOBHASH, 3, 1, 1);
    def(BLOBBASEFEE, 2, 0, 1);
    def(POP, 2, 1, 0);
    def(MLOAD, 3, 1, 1);
    def(MSTORE, 3, 2, 0);
    def(MSTORE8, 3, 2, 0);
    def(SLOAD, 0, 1, 1);
    def(SSTORE, 0, 2, 0);
    def(JUMP, 8, 1, 0);
    def(JUMPI, 10, 2, 0);
    def(PC, 2, 0, 1);
    def(MSIZE, 2, 0, 1);
    def(GAS, 2, 0, 1);
    def(JUMPDEST, 1, 0, 0);
    def(TLOAD, 100, 1, 1);
    def(TSTORE, 100, 2, 0);
    def(MCOPY, 3, 3, 0);
    def(PUSH0, 2, 0, 1);
    for (int op = PUSH1; op <= PUSH32; op++) {
      def(op, 3, 0, 1);
    }
    for (int i = 0; i < 16; i++) {
      def(DUP1 + i, 3, i + 1, i + 2);
      def(SWAP1 + i, 3, i + 2, i + 2);
    }
    for (int i = 0; i <= 4; i++) {
      def(LOG0 + i, 375 + 375 * i, 2 + i, 0);
    }
    def(CREATE, 32000, 3, 1);
    def(CALL, 100, 7, 1);
    def(CALLCODE, 100, 7, 1);
    def(RETURN, 0, 2, 0);
    def(DELEGATECALL, 100, 6, 1);
    def(CREATE2, 32000, 4, 1);
    def(STATICCALL, 100, 6, 1);
    def(REVERT, 0, 2, 0);
    def(INVALID, 0, 0, 0);
    POPS[INVALID] = -1;
    def(SELFDESTRUCT, 5000, 1, 0);
  }
}
