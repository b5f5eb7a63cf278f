package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.KeyPair;
import io.trestle.node.identity.ChainClient;
import io.trestle.services.names.NameRegistry;
import io.trestle.services.names.Names;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trestle name}: register and resolve {@code label.trestle} names. */
@Command(name = "name", mixinStandardHelpOptions = true,
    description = "Register, manage and resolve names (label.trestle) that stand for addresses and DIDs.",
    subcommands = {NameCommand.Register.class, NameCommand.Renew.class, NameCommand.SetAddress.class,
        NameCommand.SetDid.class, NameCommand.Transfer.class, NameCommand.SetReverse.class, NameCommand.Resolve.class,
        NameCommand.Lookup.class})
final class NameCommand implements Runnable {
  static final long DAY_SECONDS = 24L * 3600;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** A signed change to the name registry. */
  abstract static class Change implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Option(names = "--timeout-s", description = "How long to wait for the receipt (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    int timeoutS;

    ChainClient client;
    Address self;

    @Override
    public Integer call() throws Exception {
      client = IdentityClients.client(rpc);
      ChainClient.Info info = IdentityClients.run(client::info);
      KeyPair key = keySource.load(info.suite());
      self = Address.wrap(info.suite().address(key.publicKey()));
      Bytes data = IdentityClients.run(this::data);
      JsonNode receipt = IdentityClients.run(() -> client.transact(key, NameRegistry.ADDRESS, data, timeoutS));
      System.out.println(done() + " (transaction " + receipt.path("transactionHash").asText() + ")");
      return 0;
    }

    abstract Bytes data() throws ChainClient.Failure, CliException;

    abstract String done();

    static String checked(String name) throws CliException {
      String p = Names.problem(name);
      if (p != null) {
        throw new CliException(p);
      }
      return name;
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true, description = "Register a free name.")
  static final class Register extends Change {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--owner", description = "Owner address or name (default: the signer)")
    String owner;

    @Option(names = "--days", description = "Term in days (default: ${DEFAULT-VALUE})", defaultValue = "365")
    long days;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      Address o = owner == null ? self : client.resolveAddress(owner);
      return ChainClient.encode(NameRegistry.REGISTER, checked(name), o, BigInteger.valueOf(days * DAY_SECONDS));
    }

    @Override
    String done() {
      return "registered " + name + " for " + days + " days";
    }
  }

  @Command(name = "renew", mixinStandardHelpOptions = true, description = "Extend a name's term.")
  static final class Renew extends Change {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--days", description = "Days to add (default: ${DEFAULT-VALUE})", defaultValue = "365")
    long days;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      return ChainClient.encode(NameRegistry.RENEW, checked(name), BigInteger.valueOf(days * DAY_SECONDS));
    }

    @Override
    String done() {
      return "renewed " + name + " by " + days + " days";
    }
  }

  @Command(name = "set-address", mixinStandardHelpOptions = true, description = "Set the address a name resolves to.")
  static final class SetAddress extends Change {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "Address or name")
    String address;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      return ChainClient.encode(NameRegistry.SET_ADDRESS, checked(name), client.resolveAddress(address));
    }

    @Override
    String done() {
      return name + " resolves to " + address;
    }
  }

  @Command(name = "set-did", mixinStandardHelpOptions = true, description = "Set the DID a name stands for.")
  static final class SetDid extends Change {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "DID", description = "A DID, or an address whose DID is meant")
    String did;

    String value;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      value = did.startsWith("did:") ? did : client.resolveDid(did).toString();
      return ChainClient.encode(NameRegistry.SET_DID, checked(name), value);
    }

    @Override
    String done() {
      return name + " stands for " + value;
    }
  }

  @Command(name = "transfer", mixinStandardHelpOptions = true, description = "Give a name to another owner.")
  static final class Transfer extends Change {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--to", required = true, description = "New owner: address or name")
    String to;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      return ChainClient.encode(NameRegistry.TRANSFER, checked(name), client.resolveAddress(to));
    }

    @Override
    String done() {
      return "transferred " + name + " to " + to;
    }
  }

  @Command(name = "set-reverse", mixinStandardHelpOptions = true,
      description = "Claim NAME as the signer's reverse record (the name must resolve to the signer); no NAME clears it.")
  static final class SetReverse extends Change {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      return ChainClient.encode(NameRegistry.SET_REVERSE, name == null ? "" : checked(name));
    }

    @Override
    String done() {
      return name == null ? "cleared the reverse record of " + self.toHex() : self.toHex() + " now reads as " + name;
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Show a name's owner, address, DID and expiry.")
  static final class Resolve implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      JsonNode r = rpc.client().call("trestle_resolveName", Change.checked(name));
      if (r == null || r.isNull()) {
        throw new CliException(name + " is not registered");
      }
      System.out.println("name      " + name);
      System.out.println("owner     " + r.path("owner").asText());
      System.out.println("address   " + (r.path("address").isNull() ? "-" : r.path("address").asText()));
      System.out.println("did       " + (r.path("did").isNull() ? "-" : r.path("did").asText()));
      System.out.println("expires   " + r.path("expires").asText() + (r.path("active").asBoolean() ? ""
          : "  (EXPIRED)"));
      return r.path("active").asBoolean() ? 0 : 1;
    }
  }

  @Command(name = "lookup", mixinStandardHelpOptions = true, description = "The verified reverse name of an address.")
  static final class Lookup implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      JsonNode r = rpc.client().call("trestle_lookupAddress", address);
      if (r == null || r.isNull()) {
        throw new CliException(address + " has no reverse name");
      }
      System.out.println(r.asText());
      return 0;
    }
  }
}
