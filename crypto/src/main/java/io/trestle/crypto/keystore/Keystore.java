package io.trestle.crypto.keystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Sm3;
import io.trestle.crypto.SmSuite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Encrypted key files in Ethereum's Web3 Secret Storage format, version 3, as geth, ethers.js and web3j write
 * and read them: a KDF (scrypt or PBKDF2) stretches the password into 32 bytes; the first 16 key AES-128-CTR
 * over the 32-byte private key, the last 16 with the ciphertext make the MAC keccak256(dk[16..32] ‖ ct).
 *
 * <p>Files of the {@code sm} suite add {@code "suite": "sm"}, encrypt with SM4-CTR and take the MAC with SM3
 * (ADR 0103); files without a suite field are {@code ethereum}. Passwords are used as their UTF-8 bytes
 * without Unicode normalisation, as geth and web3j do.
 */
public final class Keystore {
  /** A keystore file is a few hundred bytes; anything this long is not one. */
  public static final int JSON_CHARS_MAX = 64 * 1024;

  static final int DERIVED_KEY_BYTES = 32;
  static final int DERIVED_KEY_BYTES_MAX = 64;
  static final int SALT_BYTES = 32;
  static final int SALT_BYTES_MAX = 1024;
  static final int IV_BYTES = 16;
  static final int PRIVATE_KEY_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Keystore() {}

  /** A decrypted keystore: the suite it belongs to, the key pair and the file's id. */
  public record Decrypted(CryptoSuite suite, KeyPair keyPair, UUID id) {}

  /** The keystore JSON for {@code key} with geth's standard scrypt cost ({@link KdfParams#STANDARD}). */
  public static String encrypt(KeyPair key, CryptoSuite suite, String password, SecureRandom random) {
    return encrypt(key, suite, password, KdfParams.STANDARD, random);
  }

  /**
   * The keystore JSON for {@code key} of {@code suite}, protected by {@code password}. Salt, IV and id come from
   * {@code random}. Use {@link KdfParams#STANDARD} for real keys and {@link KdfParams#LIGHT} only in tests.
   */
  public static String encrypt(
      KeyPair key, CryptoSuite suite, String password, KdfParams kdf, SecureRandom random) {
    byte[] privateKey = key.privateKey();
    if (privateKey.length != PRIVATE_KEY_BYTES) {
      throw new IllegalArgumentException("private key must be 32 bytes, got " + privateKey.length);
    }
    Cipher cipher = Cipher.of(suite);
    byte[] salt = randomBytes(random, SALT_BYTES);
    byte[] iv = randomBytes(random, IV_BYTES);
    byte[] derived = derive(password, salt, kdf, DERIVED_KEY_BYTES);
    byte[] ciphertext = cipher.apply(derived, iv, privateKey);

    ObjectNode root = JSON.createObjectNode();
    root.put("address", Hex.encode(suite.address(key.publicKey())));
    ObjectNode crypto = root.putObject("crypto");
    crypto.put("cipher", cipher.jsonName);
    crypto.put("ciphertext", Hex.encode(ciphertext));
    crypto.putObject("cipherparams").put("iv", Hex.encode(iv));
    ObjectNode params = JSON.createObjectNode();
    params.put("dklen", DERIVED_KEY_BYTES);
    if (kdf instanceof KdfParams.Scrypt s) {
      crypto.put("kdf", "scrypt");
      params.put("n", s.n()).put("p", s.p()).put("r", s.r());
    } else {
      KdfParams.Pbkdf2 p = (KdfParams.Pbkdf2) kdf;
      crypto.put("kdf", "pbkdf2");
      params.put("c", p.c()).put("prf", p.prf().jsonName());
    }
    params.put("salt", Hex.encode(salt));
    crypto.set("kdfparams", params);
    crypto.put("mac", Hex.encode(cipher.mac(derived, ciphertext)));
    root.put("id", randomUuid(random).toString());
    if (!EthereumSuite.NAME.equals(suite.name())) {
      root.put("suite", suite.name());
    }
    root.put("version", 3);
    return root.toString();
  }

  /** Opens a keystore file with its password. */
  public static Decrypted decrypt(String json, String password) throws KeystoreException {
    if (json.length() > JSON_CHARS_MAX) {
      throw new KeystoreException("keystore JSON is " + json.length() + " chars, at most " + JSON_CHARS_MAX);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException malformed) {
      throw new KeystoreException("keystore is not valid JSON: " + malformed.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new KeystoreException("keystore must be a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || version.asLong() != 3) {
      throw new KeystoreException("keystore version must be 3, got " + describe(version));
    }
    CryptoSuite suite = suite(root.get("suite"));
    JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.get("Crypto");
    if (crypto == null || !crypto.isObject()) {
      throw new KeystoreException("keystore has no crypto object");
    }
    Cipher cipher = Cipher.named(text(crypto, "cipher", "crypto.cipher"), suite);
    byte[] iv = hex(object(crypto, "cipherparams", "crypto.cipherparams"), "iv", "crypto.cipherparams.iv");
    requireLength(iv, IV_BYTES, "crypto.cipherparams.iv");
    byte[] ciphertext = hex(crypto, "ciphertext", "crypto.ciphertext");
    requireLength(ciphertext, PRIVATE_KEY_BYTES, "crypto.ciphertext");
    byte[] mac = hex(crypto, "mac", "crypto.mac");
    requireLength(mac, 32, "crypto.mac");

    JsonNode params = object(crypto, "kdfparams", "crypto.kdfparams");
    int dklen = integer(params, "dklen", "crypto.kdfparams.dklen");
    if (dklen < DERIVED_KEY_BYTES || dklen > DERIVED_KEY_BYTES_MAX) {
      throw new KeystoreException(
          "crypto.kdfparams.dklen must be " + DERIVED_KEY_BYTES + ".." + DERIVED_KEY_BYTES_MAX + ", got " + dklen);
    }
    byte[] salt = hex(params, "salt", "crypto.kdfparams.salt");
    if (salt.length > SALT_BYTES_MAX) {
      throw new KeystoreException("crypto.kdfparams.salt is " + salt.length + " bytes, at most " + SALT_BYTES_MAX);
    }
    KdfParams kdf = kdfParams(text(crypto, "kdf", "crypto.kdf"), params);

    byte[] derived = derive(password, salt, kdf, dklen);
    if (!MessageDigest.isEqual(mac, cipher.mac(derived, ciphertext))) {
      throw new KeystoreException("wrong password or corrupted keystore: crypto.mac does not match");
    }
    byte[] privateKey = cipher.apply(derived, iv, ciphertext);
    KeyPair keyPair;
    try {
      keyPair = suite.keyPair(privateKey);
    } catch (IllegalArgumentException outOfRange) {
      throw new KeystoreException("keystore decrypts to an invalid " + suite.name() + " private key");
    }
    checkAddress(root.get("address"), suite.address(keyPair.publicKey()));
    return new Decrypted(suite, keyPair, id(root.get("id")));
  }

  private static CryptoSuite suite(JsonNode node) throws KeystoreException {
    if (node == null) {
      return EthereumSuite.INSTANCE;
    }
    String name = node.isTextual() ? abbreviate(node.asText()) : describe(node);
    return switch (name) {
      case EthereumSuite.NAME -> EthereumSuite.INSTANCE;
      case SmSuite.NAME -> SmSuite.INSTANCE;
      default -> throw new KeystoreException(
          "unsupported keystore suite '" + name + "' (expected " + EthereumSuite.NAME + " or " + SmSuite.NAME + ")");
    };
  }

  private static KdfParams kdfParams(String kdf, JsonNode params) throws KeystoreException {
    try {
      return switch (kdf) {
        case "scrypt" -> new KdfParams.Scrypt(
            integer(params, "n", "crypto.kdfparams.n"),
            integer(params, "r", "crypto.kdfparams.r"),
            integer(params, "p", "crypto.kdfparams.p"));
        case "pbkdf2" -> new KdfParams.Pbkdf2(integer(params, "c", "crypto.kdfparams.c"), prf(params));
        default -> throw new KeystoreException("unsupported crypto.kdf '" + abbreviate(kdf) + "' (expected scrypt or pbkdf2)");
      };
    } catch (IllegalArgumentException beyondLimits) {
      throw new KeystoreException("crypto.kdfparams refused: " + beyondLimits.getMessage());
    }
  }

  private static KdfParams.Prf prf(JsonNode params) throws KeystoreException {
    String name = text(params, "prf", "crypto.kdfparams.prf");
    for (KdfParams.Prf prf : KdfParams.Prf.values()) {
      if (prf.jsonName().equals(name)) {
        return prf;
      }
    }
    throw new KeystoreException("unsupported crypto.kdfparams.prf '" + abbreviate(name) + "' (expected hmac-sha256 or hmac-sm3)");
  }

  static byte[] derive(String password, byte[] salt, KdfParams kdf, int dklen) {
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    if (kdf instanceof KdfParams.Scrypt s) {
      return SCrypt.generate(secret, salt, s.n(), s.r(), s.p(), dklen);
    }
    KdfParams.Pbkdf2 p = (KdfParams.Pbkdf2) kdf;
    Digest digest = p.prf() == KdfParams.Prf.HMAC_SM3 ? new SM3Digest() : new SHA256Digest();
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest);
    generator.init(secret, salt, p.c());
    return ((KeyParameter) generator.generateDerivedParameters(dklen * 8)).getKey();
  }

  private static void checkAddress(JsonNode node, byte[] expected) throws KeystoreException {
    if (node == null) {
      return;
    }
    byte[] address = hexValue(node, "address");
    if (!Arrays.equals(address, expected)) {
      throw new KeystoreException(
          "address field " + describe(node) + " does not match the decrypted key's address " + Hex.encode(expected));
    }
  }

  private static UUID id(JsonNode node) throws KeystoreException {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw new KeystoreException("id must be a UUID string, got " + describe(node));
    }
    String text = node.asText();
    if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new KeystoreException("id is not a UUID: '" + abbreviate(text) + "'");
    }
    return UUID.fromString(text);
  }

  private static JsonNode object(JsonNode parent, String field, String path) throws KeystoreException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new KeystoreException(path + " must be a JSON object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String path) throws KeystoreException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new KeystoreException(path + " must be a string, got " + describe(node));
    }
    return node.asText();
  }

  private static int integer(JsonNode parent, String field, String path) throws KeystoreException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new KeystoreException(path + " must be an integer that fits 32 bits, got " + describe(node));
    }
    return node.intValue();
  }

  private static byte[] hex(JsonNode parent, String field, String path) throws KeystoreException {
    JsonNode node = parent.get(field);
    if (node == null) {
      throw new KeystoreException(path + " is missing");
    }
    return hexValue(node, path);
  }

  private static byte[] hexValue(JsonNode node, String path) throws KeystoreException {
    if (!node.isTextual()) {
      throw new KeystoreException(path + " must be a hex string, got " + describe(node));
    }
    try {
      return Hex.decode(node.asText());
    } catch (IllegalArgumentException notHex) {
      throw new KeystoreException(path + " is not hex: " + notHex.getMessage());
    }
  }

  private static void requireLength(byte[] value, int length, String path) throws KeystoreException {
    if (value.length != length) {
      throw new KeystoreException(path + " must be " + length + " bytes, got " + value.length);
    }
  }

  /** A field's value for an error message: the file is untrusted, so never echo more than a line of it. */
  private static String describe(JsonNode node) {
    return node == null ? "nothing" : abbreviate(node.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  private static byte[] randomBytes(SecureRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** A version-4 UUID drawn from {@code random}, so tests with a seeded source get stable files. */
  private static UUID randomUuid(SecureRandom random) {
    byte[] bytes = randomBytes(random, 16);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  /** The cipher and MAC a suite's files use. */
  private enum Cipher {
    AES_128_CTR("aes-128-ctr"),
    SM4_CTR("sm4-ctr");

    final String jsonName;

    Cipher(String jsonName) {
      this.jsonName = jsonName;
    }

    static Cipher of(CryptoSuite suite) {
      return SmSuite.NAME.equals(suite.name()) ? SM4_CTR : AES_128_CTR;
    }

    static Cipher named(String name, CryptoSuite suite) throws KeystoreException {
      Cipher expected = of(suite);
      if (!expected.jsonName.equals(name)) {
        throw new KeystoreException(
            "unsupported crypto.cipher '" + abbreviate(name) + "' for suite " + suite.name() + " (expected " + expected.jsonName + ")");
      }
      return expected;
    }

    /** CTR is its own inverse: one method encrypts and decrypts. The key is the first 16 derived bytes. */
    byte[] apply(byte[] derived, byte[] iv, byte[] input) {
      CTRModeCipher ctr = SICBlockCipher.newInstance(this == SM4_CTR ? new SM4Engine() : AESEngine.newInstance());
      ctr.init(true, new ParametersWithIV(new KeyParameter(derived, 0, 16), iv));
      byte[] out = new byte[input.length];
      ctr.processBytes(input, 0, input.length, out, 0);
      return out;
    }

    /** Keccak-256 or SM3 of the second 16 derived bytes followed by the ciphertext. */
    byte[] mac(byte[] derived, byte[] ciphertext) {
      byte[] input = new byte[16 + ciphertext.length];
      System.arraycopy(derived, 16, input, 0, 16);
      System.arraycopy(ciphertext, 0, input, 16, ciphertext.length);
      return this == SM4_CTR ? Sm3.hash(input) : Keccak256.hash(input);
    }
  }
}
