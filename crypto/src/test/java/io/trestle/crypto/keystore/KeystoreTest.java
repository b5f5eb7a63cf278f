package io.trestle.crypto.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.SmSuite;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;

class KeystoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {11});
  private static final KdfParams FAST = new KdfParams.Scrypt(1024, 8, 1);
  private static final KeyPair ETH_KEY = EthereumSuite.INSTANCE.generateKeyPair(RANDOM);
  private static final KeyPair SM_KEY = SmSuite.INSTANCE.generateKeyPair(RANDOM);

  @Test
  void writesEthereumFilesInTheV3Layout() throws Exception {
    JsonNode file = JSON.readTree(Keystore.encrypt(ETH_KEY, EthereumSuite.INSTANCE, "pw", FAST, RANDOM));
    assertEquals(3, file.get("version").asInt());
    assertEquals(Hex.encode(EthereumSuite.INSTANCE.address(ETH_KEY.publicKey())), file.get("address").asText());
    assertEquals(4, UUID.fromString(file.get("id").asText()).version());
    assertFalse(file.has("suite"), "ethereum files look exactly like geth's");
    JsonNode crypto = file.get("crypto");
    assertEquals("aes-128-ctr", crypto.get("cipher").asText());
    assertEquals("scrypt", crypto.get("kdf").asText());
    assertEquals(1024, crypto.get("kdfparams").get("n").asInt());
    assertEquals(32, crypto.get("kdfparams").get("dklen").asInt());
    assertEquals(64, crypto.get("ciphertext").asText().length());
    assertEquals(32, crypto.get("cipherparams").get("iv").asText().length());
  }

  @Test
  void writesSmFilesWithSuiteSm4AndTheirOwnAddress() throws Exception {
    String json = Keystore.encrypt(SM_KEY, SmSuite.INSTANCE, "pw", new KdfParams.Pbkdf2(1000, KdfParams.Prf.HMAC_SM3), RANDOM);
    JsonNode file = JSON.readTree(json);
    assertEquals("sm", file.get("suite").asText());
    assertEquals("sm4-ctr", file.get("crypto").get("cipher").asText());
    assertEquals("hmac-sm3", file.get("crypto").get("kdfparams").get("prf").asText());
    assertEquals(Hex.encode(SmSuite.INSTANCE.address(SM_KEY.publicKey())), file.get("address").asText());
    Keystore.Decrypted opened = Keystore.decrypt(json, "pw");
    assertSame(SmSuite.INSTANCE, opened.suite());
    assertEquals(SM_KEY, opened.keyPair());
  }

  @Test
  void web3jOpensOurFilesAndWeOpenWeb3jsFiles() throws Exception {
    String ours = Keystore.encrypt(ETH_KEY, EthereumSuite.INSTANCE, "secret", FAST, RANDOM);
    Credentials credentials = Credentials.create(Wallet.decrypt("secret", JSON.readValue(ours, WalletFile.class)));
    assertEquals("0x" + Hex.encode(EthereumSuite.INSTANCE.address(ETH_KEY.publicKey())), credentials.getAddress());

    WalletFile theirs = Wallet.createLight("secret", credentials.getEcKeyPair());
    Keystore.Decrypted opened = Keystore.decrypt(JSON.writeValueAsString(theirs), "secret");
    assertArrayEquals(ETH_KEY.privateKey(), opened.keyPair().privateKey());
    assertEquals(UUID.fromString(theirs.getId()), opened.id());
  }

  @Test
  void wrongPasswordIsAMacMismatch() {
    String json = Keystore.encrypt(ETH_KEY, EthereumSuite.INSTANCE, "right", FAST, RANDOM);
    assertRefused("crypto.mac does not match", json, "wrong");
  }

  @Test
  void readsTheCapitalisedCryptoKeyOfOldGethFiles() throws Exception {
    ObjectNode file = file(EthereumSuite.INSTANCE, f -> f.set("Crypto", f.remove("crypto")));
    assertEquals(ETH_KEY, Keystore.decrypt(file.toString(), "pw").keyPair());
  }

  @Test
  void refusesKdfParametersBeyondTheLimits() {
    assertRefused("n must be a power of two", edit(p -> p.put("n", 1000)));
    assertRefused("needs", edit(p -> p.put("n", 1 << 24)));
    assertRefused("work", edit(p -> p.put("n", 1 << 16).put("r", 8).put("p", 64)));
    assertRefused("below 2^16 when r=1", edit(p -> p.put("n", 1 << 18).put("r", 1)));
    assertRefused("fits 32 bits", edit(p -> p.put("n", 1L << 40)));
    assertRefused("dklen must be 32..64", edit(p -> p.put("dklen", 16)));
    assertRefused("salt is 2000 bytes", edit(p -> p.put("salt", "00".repeat(2000))));
  }

  @Test
  void refusesPbkdf2WithTooManyIterationsOrAnUnknownPrf() {
    ObjectNode file = file(EthereumSuite.INSTANCE, f -> { });
    ObjectNode crypto = (ObjectNode) file.get("crypto");
    crypto.put("kdf", "pbkdf2");
    ObjectNode params = (ObjectNode) crypto.get("kdfparams");
    params.remove("n");
    params.put("c", 1 << 30).put("prf", "hmac-sha256");
    assertRefused("pbkdf2 c must be", file.toString(), "pw");
    params.put("c", 10).put("prf", "hmac-md5");
    assertRefused("unsupported crypto.kdfparams.prf 'hmac-md5'", file.toString(), "pw");
  }

  @Test
  void refusesUnsupportedCiphersKdfsSuitesAndVersions() {
    assertRefused("unsupported crypto.cipher 'aes-128-cbc'", mutate(f -> ((ObjectNode) f.get("crypto")).put("cipher", "aes-128-cbc")));
    assertRefused("unsupported crypto.kdf 'argon2'", mutate(f -> ((ObjectNode) f.get("crypto")).put("kdf", "argon2")));
    assertRefused("unsupported keystore suite 'rsa'", mutate(f -> f.put("suite", "rsa")));
    assertRefused("for suite sm", mutate(f -> f.put("suite", "sm")));
    assertRefused("version must be 3", mutate(f -> f.put("version", 2)));
    assertRefused("version must be 3", mutate(f -> f.put("version", "3")));
  }

  @Test
  void refusesMalformedFieldsByName() {
    assertRefused("not valid JSON", "{\"version\": 3,", "pw");
    assertRefused("must be a JSON object", "[]", "pw");
    assertRefused("no crypto object", mutate(f -> f.remove("crypto")));
    assertRefused("crypto.cipherparams.iv must be 16 bytes", mutate(f -> ((ObjectNode) f.get("crypto").get("cipherparams")).put("iv", "00")));
    assertRefused("crypto.ciphertext is not hex", mutate(f -> ((ObjectNode) f.get("crypto")).put("ciphertext", "zz")));
    assertRefused("crypto.mac is missing", mutate(f -> ((ObjectNode) f.get("crypto")).remove("mac")));
    assertRefused("id is not a UUID", mutate(f -> f.put("id", "not-a-uuid")));
    assertRefused("chars, at most", "{" + " ".repeat(Keystore.JSON_CHARS_MAX) + "}", "pw");
  }

  @Test
  void errorMessagesQuoteAtMostALineOfTheUntrustedFile() {
    String json = mutate(f -> f.put("version", "9".repeat(10_000)));
    KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.decrypt(json, "pw"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void refusesAnAddressFieldThatIsNotTheKeysAddress() {
    assertRefused("does not match the decrypted key's address", mutate(f -> f.put("address", "00".repeat(20))));
  }

  @Test
  void passwordsAreTheirUtf8Bytes() throws KeystoreException {
    String json = Keystore.encrypt(ETH_KEY, EthereumSuite.INSTANCE, "密码 Ünïcode", FAST, RANDOM);
    assertEquals(ETH_KEY, Keystore.decrypt(json, "密码 Ünïcode").keyPair());
  }

  @Test
  void presetsAreGethsStandardAndLight() {
    assertEquals(new KdfParams.Scrypt(262144, 8, 1), KdfParams.STANDARD);
    assertEquals(new KdfParams.Scrypt(4096, 8, 6), KdfParams.LIGHT);
    assertThrows(IllegalArgumentException.class, () -> new KdfParams.Scrypt(3, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> new KdfParams.Pbkdf2(0, KdfParams.Prf.HMAC_SHA256));
  }

  private static void assertRefused(String reason, String json) {
    assertRefused(reason, json, "pw");
  }

  private static void assertRefused(String reason, String json, String password) {
    KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.decrypt(json, password));
    assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should mention '" + reason + "'");
  }

  private static String edit(Consumer<ObjectNode> kdfParams) {
    return mutate(f -> kdfParams.accept((ObjectNode) f.get("crypto").get("kdfparams")));
  }

  private static String mutate(Consumer<ObjectNode> change) {
    return file(EthereumSuite.INSTANCE, change).toString();
  }

  private static ObjectNode file(io.trestle.crypto.CryptoSuite suite, Consumer<ObjectNode> change) {
    try {
      ObjectNode file = (ObjectNode) JSON.readTree(Keystore.encrypt(ETH_KEY, suite, "pw", FAST, RANDOM));
      change.accept(file);
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
