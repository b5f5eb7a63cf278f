package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;

/**
 * A rough throughput probe while tuning (speed is measured by JMH in the bench module, not by tests): runs
 * the keccak-and-arithmetic loop and prints Mgas/s.
 */
final class EvmThroughput {
  /** Each iteration: x = keccak256(((x * i + 7) ^ ((x * i + 7) >> 3))); about 110 gas. */
  static final String KECCAK_LOOP = "PUSH3 0x0f4240 JUMPDEST"
      + " PUSH1 0x00 MLOAD DUP2 MUL PUSH1 0x07 ADD DUP1 PUSH1 0x03 SHR XOR"
      + " PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 KECCAK256 PUSH1 0x00 MSTORE"
      + " PUSH1 0x01 SWAP1 SUB DUP1 PUSH1 0x04 JUMPI STOP";

  private EvmThroughput() {}

  public static void main(String[] args) {
    Address sender = Address.ofLong(0xa11ce);
    Address contract = Address.ofLong(0xc0de);
    InMemoryWorld world = new InMemoryWorld().setAccount(sender, 0, BigInteger.TEN.pow(30));
    world.setCode(contract, Asm.code(args.length > 0 ? args[0] : KECCAK_LOOP));
    BlockEnv env = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), Long.MAX_VALUE, BigInteger.ONE, Hash.ZERO, 1);
    TransactionProcessor p = new TransactionProcessor();
    for (int r = 0; r < 10; r++) {
      Message m = Message.legacy(sender, contract, 0, 1_000_000_000L, BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY);
      long t0 = System.nanoTime();
      TxResult res = p.process(m, env, world);
      long ns = System.nanoTime() - t0;
      System.out.printf("%s gas %d in %.1f ms: %.1f Mgas/s%n", res.status(), res.gasUsed(), ns / 1e6,
          res.gasUsed() * 1e3 / ns);
    }
  }
}
