package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The development chain's validator key and funded account, kept in clear in the data folder: dev only. */
record DevKeys(KeyPair validator, KeyPair account) {
  static final String FILE = "dev-keys.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  static DevKeys loadOrCreate(Path dataDir, CryptoSuite suite) throws IOException, CliException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      JsonNode node = JSON.readTree(file.toFile());
      try {
        return new DevKeys(suite.keyPair(Hex.decode(node.path("validator").asText())),
            suite.keyPair(Hex.decode(node.path("account").asText())));
      } catch (IllegalArgumentException e) {
        throw new CliException(file + " is damaged: " + e.getMessage() + " (use --reset to start afresh)");
      }
    }
    SecureRandom random = new SecureRandom();
    DevKeys keys = new DevKeys(suite.generateKeyPair(random), suite.generateKeyPair(random));
    ObjectNode node = JSON.createObjectNode();
    node.put("warning", "development keys in clear text: never use them on a real network");
    node.put("validator", Hex.encodePrefixed(keys.validator.privateKey()));
    node.put("account", Hex.encodePrefixed(keys.account.privateKey()));
    Files.createDirectories(dataDir);
    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    return keys;
  }
}
