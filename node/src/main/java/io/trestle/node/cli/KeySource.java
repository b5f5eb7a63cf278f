package io.trestle.node.cli;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.keystore.Keystore;
import io.trestle.crypto.keystore.KeystoreException;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a signing key comes from: {@code --key HEX} or {@code --keystore FILE} with a password. */
final class KeySource {
  @Option(names = "--key", description = "Private key, 0x + 64 hex digits (for scripts and tests)")
  String key;

  @Option(names = "--keystore", description = "Encrypted keystore file (password from --password-file, "
      + "$TRESTLE_PASSWORD or a prompt)")
  Path keystore;

  @Option(names = "--password-file", description = "File whose first line is the keystore password")
  Path passwordFile;

  KeyPair load(CryptoSuite suite) throws CliException {
    if (key != null) {
      try {
        return suite.keyPair(Hex.decode(key.trim()));
      } catch (IllegalArgumentException e) {
        throw new CliException("--key: " + e.getMessage());
      }
    }
    if (keystore != null) {
      String json;
      try {
        json = Files.readString(keystore);
      } catch (IOException e) {
        throw new CliException("cannot read keystore " + keystore + ": " + e.getMessage());
      }
      try {
        return Keystore.decrypt(json, password(passwordFile, "Password for " + keystore.getFileName() + ": ")).keyPair();
      } catch (KeystoreException e) {
        throw new CliException(keystore + ": " + e.getMessage());
      }
    }
    throw new CliException("give a signing key with --key or --keystore");
  }

  static String password(Path file, String prompt) throws CliException {
    if (file != null) {
      try {
        return Files.readAllLines(file).stream().findFirst().orElse("");
      } catch (IOException e) {
        throw new CliException("cannot read password file " + file + ": " + e.getMessage());
      }
    }
    String env = System.getenv("TRESTLE_PASSWORD");
    if (env != null) {
      return env;
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException("no password: use --password-file or set TRESTLE_PASSWORD");
    }
    char[] chars = console.readPassword(prompt);
    if (chars == null) {
      throw new CliException("no password given");
    }
    return new String(chars);
  }
}
