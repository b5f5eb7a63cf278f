package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.keystore.Keystore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key → address, signatures of hashes and keystore files from ethereum/tests and the EIP-155 example. */
class EthereumConformanceTest {
  @Test
  void derivesAddressesAndRecoversTheSignersOfTheEmptyString() {
    String file = "ethereum-tests/BasicTests/keyaddrtest.json";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode v : ConformanceVectors.json(file)) {
      String seed = v.get("seed").asText();
      KeyPair key = EthereumSuite.INSTANCE.keyPair(Hex.decode(v.get("key").asText()));
      run.check(seed + " address", () -> {
        assertArrayEquals(Keccak256.hash(seed.getBytes(StandardCharsets.US_ASCII)), key.privateKey());
        assertEquals(v.get("addr").asText(), Hex.encode(EthereumSuite.INSTANCE.address(key.publicKey())));
      });
      run.check(seed + " sig_of_emptystring", () -> {
        JsonNode sig = v.get("sig_of_emptystring");
        Signature published =
            new Signature(
                new BigInteger(sig.get("r").asText()),
                new BigInteger(sig.get("s").asText()),
                Integer.parseInt(sig.get("v").asText()) - 27);
        byte[] digest = Keccak256.hash(new byte[0]);
        assertEquals(v.get("addr").asText(), Hex.encode(EthereumSuite.INSTANCE.recoverAddress(digest, published)));
      });
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void decryptsEveryKeystoreTestFile() {
    String file = "ethereum-tests/KeyStoreTests/basic_tests.json";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (Map.Entry<String, JsonNode> entry : ConformanceVectors.json(file).properties()) {
      JsonNode v = entry.getValue();
      run.check(entry.getKey(), () -> {
        Keystore.Decrypted opened = Keystore.decrypt(v.get("json").toString(), v.get("password").asText());
        assertEquals(EthereumSuite.NAME, opened.suite().name());
        assertArrayEquals(Hex.decode(v.get("priv").asText()), opened.keyPair().privateKey());
      });
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void signsTheEip155ExampleHashLikeTheEip() {
    String file = "crypto/secp256k1/eip155-example.json";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode v : ConformanceVectors.json(file).get("vectors")) {
      run.check(v.get("id").asText(), () -> {
        byte[] signingHash = Hex.decode(v.get("signing_hash").asText());
        assertArrayEquals(signingHash, Keccak256.hash(Hex.decode(v.get("signing_data_rlp").asText())));
        KeyPair key = EthereumSuite.INSTANCE.keyPair(Hex.decode(v.get("private_key").asText()));
        JsonNode derived = v.get("derived");
        assertEquals(derived.get("sender_address").asText(), Hex.encodePrefixed(EthereumSuite.INSTANCE.address(key.publicKey())));

        Signature sig = EthereumSuite.INSTANCE.sign(signingHash, key);
        long chainId = v.get("chain_id").asLong();
        assertEquals(new BigInteger(v.get("r_dec").asText()), sig.r());
        assertEquals(new BigInteger(v.get("s_dec").asText()), sig.s());
        assertEquals(v.get("v").asLong(), chainId * 2 + 35 + sig.recoveryId());
        assertEquals(derived.get("recovery_id").asInt(), sig.recoveryId());
        assertEquals(derived.get("sender_address").asText(), Hex.encodePrefixed(EthereumSuite.INSTANCE.recoverAddress(signingHash, sig)));
      });
    }
    run.assertOnlyDocumentedExclusions();
  }
}
