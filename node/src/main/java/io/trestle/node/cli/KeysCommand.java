package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.keystore.KdfParams;
import io.trestle.crypto.keystore.Keystore;
import io.trestle.crypto.keystore.KeystoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trestle keys}: encrypted keys in a keystore folder, in the Ethereum V3 format. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage encrypted keys (Ethereum keystore V3 files).",
    subcommands = {KeysCommand.New.class, KeysCommand.ListKeys.class, KeysCommand.Import.class, KeysCommand.Export.class})
final class KeysCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every keys subcommand shares. */
  static final class Store {
    @Option(names = "--keystore-dir", description = "Keystore folder (default: ${DEFAULT-VALUE})",
        defaultValue = "${sys:user.home}/.trestle/keystore")
    Path dir;

    @Option(names = "--suite", description = "Crypto suite: ethereum or sm (default: ${DEFAULT-VALUE})", defaultValue = "ethereum")
    String suite;

    @Option(names = "--password-file", description = "File whose first line is the password")
    Path passwordFile;

    @Option(names = "--light-kdf", description = "Fast, weaker key derivation (tests and throwaway keys only)")
    boolean light;

    CryptoSuite cryptoSuite() throws CliException {
      try {
        return CryptoSuite.named(suite);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }

    Path save(KeyPair key, CryptoSuite s) throws CliException {
      String password = KeySource.password(passwordFile, "New password: ");
      String json = Keystore.encrypt(key, s, password, light ? KdfParams.LIGHT : KdfParams.STANDARD, new SecureRandom());
      Address address = Address.wrap(s.address(key.publicKey()));
      String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'"));
      Path file = dir.resolve("UTC--" + stamp + "--" + Hex.encode(address.unsafeArray()));
      try {
        Files.createDirectories(dir);
        Files.writeString(file, json);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: permissions are the platform's business
        }
      } catch (IOException e) {
        throw new CliException("cannot write " + file + ": " + e.getMessage());
      }
      return file;
    }
  }

  @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a new key and save it encrypted.")
  static final class New implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    Store store = new Store();

    @Override
    public Integer call() throws CliException {
      CryptoSuite suite = store.cryptoSuite();
      KeyPair key = suite.generateKeyPair(new SecureRandom());
      Path file = store.save(key, suite);
      System.out.println("address  " + Address.wrap(suite.address(key.publicKey())).toChecksumHex());
      System.out.println("keystore " + file);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys in the keystore folder.")
  static final class ListKeys implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    Store store = new Store();

    @Override
    public Integer call() throws CliException {
      if (!Files.isDirectory(store.dir)) {
        System.out.println("no keys in " + store.dir);
        return 0;
      }
      ObjectMapper json = new ObjectMapper();
      List<Path> files;
      try (Stream<Path> s = Files.list(store.dir)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new CliException("cannot list " + store.dir + ": " + e.getMessage());
      }
      for (Path f : files) {
        try {
          JsonNode node = json.readTree(f.toFile());
          String address = node.path("address").asText("");
          System.out.println(Address.fromHex(address).toChecksumHex() + "  " + f.getFileName());
        } catch (IOException | IllegalArgumentException e) {
          System.out.println("(unreadable)                                " + f.getFileName());
        }
      }
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Encrypt and save an existing private key.")
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    Store store = new Store();

    @Parameters(index = "0", description = "Private key, 0x + 64 hex digits")
    String privateKey;

    @Override
    public Integer call() throws CliException {
      CryptoSuite suite = store.cryptoSuite();
      KeyPair key;
      try {
        key = suite.keyPair(Hex.decode(privateKey.trim()));
      } catch (IllegalArgumentException e) {
        throw new CliException("not a private key: " + e.getMessage());
      }
      Path file = store.save(key, suite);
      System.out.println("address  " + Address.wrap(suite.address(key.publicKey())).toChecksumHex());
      System.out.println("keystore " + file);
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the private key of a keystore file.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--password-file", description = "File whose first line is the password")
    Path passwordFile;

    @Parameters(index = "0", description = "Keystore file")
    Path file;

    @Override
    public Integer call() throws CliException {
      try {
        Keystore.Decrypted d = Keystore.decrypt(Files.readString(file), KeySource.password(passwordFile, "Password: "));
        System.out.println(Hex.encodePrefixed(d.keyPair().privateKey()));
        return 0;
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage());
      } catch (KeystoreException e) {
        throw new CliException(file + ": " + e.getMessage());
      }
    }
  }
}
