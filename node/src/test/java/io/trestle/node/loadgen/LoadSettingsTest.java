package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.net.URI;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {
  private static final KeyPair FUNDER = EthereumSuite.INSTANCE.keyPair(one());

  private static byte[] one() {
    byte[] k = new byte[32];
    k[31] = 1;
    return k;
  }

  static LoadSettings settings(int accounts, int txs, int warmupTxs, int batch, int connections) {
    return new LoadSettings(URI.create("http://127.0.0.1:8545"), EthereumSuite.INSTANCE, FUNDER, "transfer", accounts,
        txs, warmupTxs, 0, 0, batch, connections, null, 60, 0);
  }

  @Property
  void sharesOfSendersAddUpToTheTotal(@ForAll @IntRange(min = 1, max = 5000) int accounts,
      @ForAll @IntRange(min = 1, max = 100_000) int txs, @ForAll @IntRange(min = 0, max = 100_000) int warmup) {
    LoadSettings s = settings(accounts, txs, warmup, 100, 4);
    long measured = 0;
    long warm = 0;
    for (int i = 0; i < accounts; i++) {
      measured += s.txsOfSender(i);
      warm += s.warmupTxsOfSender(i);
      assertTrue(s.txsOfSender(i) - s.txsOfSender(accounts - 1) <= 1, "round robin spreads evenly");
    }
    assertEquals(txs, measured);
    assertEquals(warmup, warm);
  }

  @Test
  void rejectsBatchesLargerThanTheNodeAccepts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings(10, 100, 0, LoadSettings.BATCH_TXS_MAX + 1, 4));
    assertTrue(e.getMessage().contains("--batch"), e.getMessage());
  }

  @Test
  void rejectsZeroAccountsAndZeroTransactions() {
    assertThrows(IllegalArgumentException.class, () -> settings(0, 100, 0, 10, 4));
    assertThrows(IllegalArgumentException.class, () -> settings(10, 0, 0, 10, 4));
    assertThrows(IllegalArgumentException.class, () -> settings(10, 10, -1, 10, 4));
    assertThrows(IllegalArgumentException.class, () -> settings(10, 10, 0, 10, 0));
  }
}
