package io.trestle.evm;

import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/** A tiny EVM assembler for tests: mnemonics separated by spaces, PUSHn followed by a 0x-hex immediate. */
final class Asm {
  private static final Map<String, Integer> OPS = new HashMap<>();

  static {
    String[] names = {
      "STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND"};
    for (int i = 0; i < names.length; i++) {
      OPS.put(names[i], i);
    }
    String[] cmp = {"LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR"};
    for (int i = 0; i < cmp.length; i++) {
      OPS.put(cmp[i], 0x10 + i);
    }
    OPS.put("KECCAK256", 0x20);
    String[] env = {"ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE",
        "CALLDATACOPY", "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE",
        "RETURNDATACOPY", "EXTCODEHASH", "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT",
        "CHAINID", "SELFBALANCE", "BASEFEE", "BLOBHASH", "BLOBBASEFEE"};
    for (int i = 0; i < env.length; i++) {
      OPS.put(env[i], 0x30 + i + (i >= 16 ? 0 : 0));
    }
    for (int i = 16; i < env.length; i++) {
      OPS.put(env[i], 0x40 + i - 16);
    }
    String[] mem = {"POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS",
        "JUMPDEST", "TLOAD", "TSTORE", "MCOPY", "PUSH0"};
    for (int i = 0; i < mem.length; i++) {
      OPS.put(mem[i], 0x50 + i);
    }
    for (int i = 1; i <= 32; i++) {
      OPS.put("PUSH" + i, 0x5f + i);
    }
    for (int i = 1; i <= 16; i++) {
      OPS.put("DUP" + i, 0x7f + i);
      OPS.put("SWAP" + i, 0x8f + i);
    }
    for (int i = 0; i <= 4; i++) {
      OPS.put("LOG" + i, 0xa0 + i);
    }
    OPS.put("CREATE", 0xf0);
    OPS.put("CALL", 0xf1);
    OPS.put("CALLCODE", 0xf2);
    OPS.put("RETURN", 0xf3);
    OPS.put("DELEGATECALL", 0xf4);
    OPS.put("CREATE2", 0xf5);
    OPS.put("STATICCALL", 0xfa);
    OPS.put("REVERT", 0xfd);
    OPS.put("INVALID", 0xfe);
    OPS.put("SELFDESTRUCT", 0xff);
  }

  private Asm() {}

  static Bytes code(String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] tokens = source.trim().split("\\s+");
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i].toUpperCase();
      Integer op = OPS.get(t);
      if (op == null) {
        throw new IllegalArgumentException("unknown mnemonic " + tokens[i]);
      }
      out.write(op);
      if (t.startsWith("PUSH") && !t.equals("PUSH0")) {
        int n = op - 0x5f;
        byte[] imm = Hex.decode(tokens[++i]);
        if (imm.length > n) {
          throw new IllegalArgumentException(t + " immediate too long: " + tokens[i]);
        }
        for (int k = imm.length; k < n; k++) {
          out.write(0);
        }
        out.writeBytes(imm);
      }
    }
    return Bytes.wrap(out.toByteArray());
  }
}
