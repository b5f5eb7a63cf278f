package io.trestle.core.testing;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.block.Receipt;
import io.trestle.core.tx.AccessListEntry;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid ledger values for property tests, biased towards boundary values (0, 1, the largest value a
 * field holds) where encodings change shape. Signatures are random numbers: decoding does not verify them.
 */
public final class RandomLedger {
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private RandomLedger() {}

  public static long uint63(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 1 + r.nextInt(200);
      case 2 -> Long.MAX_VALUE;
      case 3 -> r.nextLong() >>> 1;
      default -> r.nextInt(1 << 24);
    };
  }

  public static BigInteger uint256(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> BigInteger.valueOf(1 + r.nextInt(127));
      case 2 -> UINT256_MAX;
      default -> new BigInteger(1 + r.nextInt(256), r);
    };
  }

  public static Bytes bytes(Random r, int maxLength) {
    byte[] b = new byte[r.nextInt(maxLength + 1)];
    if (r.nextBoolean()) {
      r.nextBytes(b);
    }
    return Bytes.wrap(b);
  }

  public static Hash hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash.wrap(b);
  }

  public static Address address(Random r) {
    byte[] b = new byte[20];
    r.nextBytes(b);
    return Address.wrap(b);
  }

  public static Transaction transaction(Random r, CryptoSuite suite) {
    TransactionType type = TransactionType.values()[r.nextInt(3)];
    Transaction.Builder b = Transaction.builder()
        .type(type)
        .nonce(uint63(r))
        .gasLimit(uint63(r))
        .to(r.nextInt(4) == 0 ? null : address(r))
        .value(uint256(r))
        .data(bytes(r, 300));
    if (type != TransactionType.LEGACY || r.nextBoolean()) {
      b.chainId(uint63(r));
    }
    if (type == TransactionType.DYNAMIC_FEE) {
      b.maxPriorityFeePerGas(uint256(r)).maxFeePerGas(uint256(r));
    } else {
      b.gasPrice(uint256(r));
    }
    if (type != TransactionType.LEGACY) {
      List<AccessListEntry> accessList = new ArrayList<>();
      for (int i = r.nextInt(3); i > 0; i--) {
        List<Hash> keys = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
          keys.add(hash(r));
        }
        accessList.add(new AccessListEntry(address(r), keys));
      }
      b.accessList(accessList);
    }
    byte[] publicKey = null;
    if (suite.signatureCarriesPublicKey()) {
      publicKey = new byte[64];
      r.nextBytes(publicKey);
    }
    return b.signed(new Signature(uint256(r), uint256(r), r.nextInt(2), publicKey), suite);
  }

  public static Log log(Random r) {
    List<Hash> topics = new ArrayList<>();
    for (int i = r.nextInt(Log.TOPICS_MAX + 1); i > 0; i--) {
      topics.add(hash(r));
    }
    return new Log(address(r), topics, bytes(r, 100));
  }

  public static Receipt receipt(Random r) {
    List<Log> logs = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      logs.add(log(r));
    }
    return new Receipt(TransactionType.values()[r.nextInt(3)], r.nextBoolean(), uint63(r), logs);
  }

  public static Header header(Random r) {
    return Header.builder()
        .parentHash(hash(r))
        .number(uint63(r))
        .timestampMs(uint63(r))
        .proposer(address(r))
        .round(r.nextBoolean() ? r.nextInt(3) : r.nextInt(Integer.MAX_VALUE))
        .transactionsRoot(hash(r))
        .gasLimit(uint63(r))
        .baseFeePerGas(uint256(r))
        .lastStateRoot(hash(r))
        .lastReceiptsRoot(hash(r))
        .lastGasUsed(uint63(r))
        .validatorsHash(hash(r))
        .nextValidatorsHash(hash(r))
        .extraData(bytes(r, 32))
        .build();
  }

  public static Block block(Random r, CryptoSuite suite) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      txs.add(transaction(r, suite));
    }
    return new Block(header(r), txs);
  }
}
