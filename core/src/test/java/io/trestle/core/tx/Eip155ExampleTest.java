package io.trestle.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.testing.Conformance;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of EIP-155 (crypto/secp256k1/eip155-example.json): signing hash, signature, raw bytes. */
class Eip155ExampleTest {
  private static JsonNode vector;
  private static Transaction.Builder unsigned;

  @BeforeAll
  static void load() throws IOException {
    JsonNode root = new ObjectMapper().readTree(Conformance.path("crypto/secp256k1/eip155-example.json").toFile());
    vector = root.get("vectors").get(0);
    JsonNode tx = vector.get("tx");
    unsigned = Transaction.builder()
        .chainId(vector.get("chain_id").asLong())
        .nonce(tx.get("nonce").asLong())
        .gasPrice(new BigInteger(tx.get("gasPrice").asText()))
        .gasLimit(tx.get("gasLimit").asLong())
        .to(Address.fromHex(tx.get("to").asText()))
        .value(new BigInteger(tx.get("value").asText()))
        .data(Bytes.fromHex(tx.get("data").asText()));
  }

  @Test
  void signingHashIsKeccakOfTheNineFieldPayload() {
    assertEquals(Hash.fromHex(vector.get("signing_hash").asText()), unsigned.signingHash(EthereumSuite.INSTANCE));
  }

  @Test
  void signingWithTheExampleKeyGivesThePublishedSignatureAndBytes() {
    Transaction tx = unsigned.sign(
        EthereumSuite.INSTANCE.keyPair(Hex.decode(vector.get("private_key").asText())), EthereumSuite.INSTANCE);
    assertEquals(BigInteger.valueOf(vector.get("v").asLong()), tx.v());
    assertEquals(new BigInteger(vector.get("r_dec").asText()), tx.r());
    assertEquals(new BigInteger(vector.get("s_dec").asText()), tx.s());
    assertArrayEquals(Hex.decode(vector.get("signed_tx_rlp").asText()), tx.encode());
    assertEquals(Hash.fromHex(vector.get("derived").get("tx_hash").asText()), tx.hash());
  }

  @Test
  void decodingThePublishedBytesRecoversTheSender() throws Exception {
    Transaction tx = Transaction.decode(Hex.decode(vector.get("signed_tx_rlp").asText()), EthereumSuite.INSTANCE);
    assertEquals(TransactionType.LEGACY, tx.type());
    assertEquals(1L, tx.chainId());
    assertEquals(Hash.fromHex(vector.get("signing_hash").asText()), tx.signingHash());
    assertEquals(Address.fromHex(vector.get("derived").get("sender_address").asText()), tx.sender());
    assertEquals(21_000, tx.intrinsicGas());
    tx.validate();
  }
}
