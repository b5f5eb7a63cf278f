package io.trestle.bench.tx;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What admission costs per transaction: decoding a signed EIP-1559 value transfer from its network bytes (strict
 * RLP, Keccak of the encoding for its hash, intrinsic gas) and recovering its sender (secp256k1 public-key recovery
 * and Keccak of the key), as {@code eth_sendRawTransaction} does. The transactions are distinct (1,024 senders), so
 * nothing is cached between operations; each operation decodes fresh bytes, so the sender cache of a decoded
 * transaction never helps. Also run on two threads, because admission recovers senders on every RPC worker at once.
 * Warm-up is longer than elsewhere: BouncyCastle's field arithmetic reaches full speed only after C2 has compiled it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RlpDecodeAndRecoverBench {
  private static final int TXS = 1_024;
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;

  private byte[][] encodings;

  /** Each benchmark thread walks the transactions on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup(Level.Trial)
    public void spread() {
      next = (int) (Thread.currentThread().getId() * 97 % TXS);
    }

    int advance() {
      next = (next + 1) & (TXS - 1);
      return next;
    }
  }

  @Setup(Level.Trial)
  public void sign() {
    Random random = new Random(7);
    encodings = new byte[TXS][];
    for (int i = 0; i < TXS; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      secret[0] = (byte) (secret[0] & 0x7f | 0x01);
      KeyPair key = SUITE.keyPair(secret);
      Transaction tx = Transaction.builder()
          .type(TransactionType.DYNAMIC_FEE)
          .chainId(1337)
          .nonce(i)
          .gasLimit(21_000)
          .maxFeePerGas(BigInteger.valueOf(100_000_000_000L))
          .maxPriorityFeePerGas(BigInteger.valueOf(1_000_000_000L))
          .to(Address.ofLong(0x1000 + i))
          .value(BigInteger.TEN.pow(15))
          .data(Bytes.EMPTY)
          .sign(key, SUITE);
      encodings[i] = tx.encode();
    }
  }

  @Benchmark
  public Transaction decode(Cursor cursor) throws RlpException {
    return Transaction.decode(encodings[cursor.advance()], SUITE);
  }

  @Benchmark
  public Address decodeAndRecover(Cursor cursor) throws RlpException, InvalidTransactionException {
    return Transaction.decode(encodings[cursor.advance()], SUITE).sender();
  }

  @Benchmark
  @Threads(2)
  public Address decodeAndRecoverTwoThreads(Cursor cursor) throws RlpException, InvalidTransactionException {
    return Transaction.decode(encodings[cursor.advance()], SUITE).sender();
  }
}
