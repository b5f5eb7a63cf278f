package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresignedTest {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;

  @Test
  void signsRoundRobinWithConsecutiveNoncesPerSenderInBatchesOfSendRawTransaction() throws Exception {
    List<KeyPair> keys = new ArrayList<>();
    List<Address> senders = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      byte[] secret = new byte[32];
      secret[31] = (byte) i;
      keys.add(SUITE.keyPair(secret));
      senders.add(Address.wrap(SUITE.address(keys.get(i - 1).publicKey())));
    }
    long[] start = {5, 0, 9};
    LoadContext.Fees fees = new LoadContext.Fees(BigInteger.valueOf(100), BigInteger.ONE);
    Presigned p = Presigned.sign(8, 3, new TransferWorkload(), keys, senders, start, 1337, fees, SUITE);

    assertEquals(3, p.batches());
    assertEquals(2, p.batchSize(2));
    int seen = 0;
    for (int b = 0; b < p.batches(); b++) {
      JsonNode batch = RpcConnection.parse(p.body(b));
      assertEquals(p.batchSize(b), batch.size());
      for (JsonNode call : batch) {
        int i = call.get("id").asInt();
        assertEquals(b, p.batchOf(i));
        assertEquals("eth_sendRawTransaction", call.get("method").asText());
        Transaction tx = Transaction.decode(Bytes.fromHex(call.get("params").get(0).asText()).toArray(), SUITE);
        assertEquals(p.hash(i), tx.hash().toHex());
        assertEquals(i, p.indexOf(tx.hash().toHex()));
        int sender = i % 3;
        assertEquals(senders.get(sender), tx.sender());
        assertEquals(start[sender] + i / 3, tx.nonce());
        assertEquals(senders.get((sender + 1) % 3), tx.to(), "each sender pays the next in the ring");
        assertEquals(1337L, tx.chainId());
        seen++;
      }
    }
    assertEquals(8, seen);
    assertEquals(-1, p.indexOf("0x" + "00".repeat(32)));
  }
}
