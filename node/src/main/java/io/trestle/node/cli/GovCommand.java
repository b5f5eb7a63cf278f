package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.node.governance.AuditAuth;
import io.trestle.node.governance.AuditFeed;
import io.trestle.services.governance.ChainParameter;
import io.trestle.services.governance.CommitteeFunctions;
import io.trestle.services.governance.GovernanceContract;
import io.trestle.services.governance.ProposalKind;
import io.trestle.services.governance.Proposals;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import io.trestle.services.supervision.SupervisionFunctions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trestle gov}: proposals, votes and execution on the governance contract, the state it governs, and the
 * auditor's view of the audit stream. Every write is a signed transaction; refusals print the contract's reason.
 */
@Command(name = "gov", mixinStandardHelpOptions = true,
    description = "On-chain governance: propose, vote, revoke, execute, list, show, info, audit.",
    subcommands = {GovCommand.Propose.class, GovCommand.Vote.class, GovCommand.Revoke.class, GovCommand.Execute.class,
        GovCommand.ListProposals.class, GovCommand.Show.class, GovCommand.Info.class, GovCommand.Audit.class})
final class GovCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  // ---- talking to the governance contract (shared by gov, role and freeze) ----

  /** A node's RPC endpoint with the chain's suite, for governance calls. */
  static final class Chain {
    final RpcClient client;
    final CryptoSuite suite;

    Chain(RpcOption rpc) throws CliException {
      this.client = rpc.client();
      this.suite = SendCommand.suiteOf(client);
    }

    /** A read-only call at the latest block; a revert becomes the contract's reason. */
    List<Object> view(AbiFunction fn, Object... args) throws CliException {
      ObjectNode call = JSON.createObjectNode();
      call.put("to", GovernanceContract.ADDRESS.toHex());
      call.put("data", encode(fn, args).toHex());
      JsonNode out = client.call("eth_call", call, "latest");
      try {
        return fn.decodeOutput(Bytes.fromHex(out.asText()));
      } catch (AbiException | IllegalArgumentException e) {
        throw new CliException(fn.signature() + " answered something undecodable: " + e.getMessage());
      }
    }

    /** Signs and sends a call to the governance contract, waits for its receipt and fails on a revert. */
    JsonNode transact(KeyPair key, Bytes data, int timeoutS) throws CliException, InterruptedException {
      Address from = Address.wrap(suite.address(key.publicKey()));
      ObjectNode call = JSON.createObjectNode();
      call.put("from", from.toHex());
      call.put("to", GovernanceContract.ADDRESS.toHex());
      call.put("data", data.toHex());
      long gas = SendCommand.hexLong(client.call("eth_estimateGas", call));
      long chainId = SendCommand.hexLong(client.call("eth_chainId"));
      long nonce = SendCommand.hexLong(client.call("eth_getTransactionCount", from.toHex(), "pending"));
      BigInteger tip = SendCommand.hexBig(client.call("eth_maxPriorityFeePerGas"));
      BigInteger baseFee = SendCommand.hexBig(client.call("eth_getBlockByNumber", "latest", false).get("baseFeePerGas"));
      Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(chainId).nonce(nonce)
          .gasLimit(gas + gas / 5 + 10_000).to(GovernanceContract.ADDRESS).value(BigInteger.ZERO).data(data)
          .maxPriorityFeePerGas(tip).maxFeePerGas(baseFee.multiply(BigInteger.TWO).add(tip)).sign(key, suite);
      String hash = client.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
      JsonNode receipt = Receipts.await(client, hash, timeoutS);
      if (!"0x1".equals(receipt.path("status").asText())) {
        throw new CliException("transaction " + hash + " reverted in block " + receipt.path("blockNumber").asText());
      }
      return receipt;
    }

    long head() throws CliException {
      return SendCommand.hexLong(client.call("eth_blockNumber"));
    }
  }

  static Bytes encode(AbiFunction fn, Object... args) throws CliException {
    try {
      return fn.encodeCall(args);
    } catch (AbiException e) {
      throw new CliException(fn.signature() + ": " + e.getMessage());
    }
  }

  static Address address(String text, String option) throws CliException {
    if (text == null) {
      throw new CliException(option + " is required");
    }
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(option + ": " + e.getMessage());
    }
  }

  /** A bytes32 from 0x-hex (left-aligned, as Solidity's bytes32) or from text of at most 32 ASCII characters. */
  static Bytes bytes32(String text, String option) throws CliException {
    if (text == null) {
      return Bytes.wrap(new byte[32]);
    }
    byte[] raw;
    try {
      raw = text.startsWith("0x") ? Bytes.fromHex(text).toArray() : text.getBytes(StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new CliException(option + ": " + e.getMessage());
    }
    if (raw.length > 32) {
      throw new CliException(option + " must fit 32 bytes, got " + raw.length);
    }
    return Bytes.wrap(java.util.Arrays.copyOf(raw, 32));
  }

  /** The id in a receipt's ProposalCreated log. */
  static long proposalId(JsonNode receipt) throws CliException {
    String topic = CommitteeFunctions.PROPOSAL_CREATED.topic0().toHex();
    for (JsonNode log : receipt.path("logs")) {
      if (log.path("topics").path(0).asText().equalsIgnoreCase(topic)) {
        return new BigInteger(log.path("topics").path(1).asText().substring(2), 16).longValueExact();
      }
    }
    throw new CliException("the receipt holds no ProposalCreated event");
  }

  static Proposals.Status status(Chain chain, long id) throws CliException {
    int code = ((BigInteger) chain.view(CommitteeFunctions.PROPOSAL, BigInteger.valueOf(id)).get(3)).intValue();
    return Proposals.Status.values()[code];
  }

  /**
   * Proposes as {@code key}; when the proposer's own weight already passes it and {@code execute} is set, executes it
   * too (a one-member committee, or a heavy member). Returns the proposal id.
   */
  static long propose(Chain chain, KeyPair key, ProposalKind kind, Bytes params, long deadline, String description,
      boolean execute, int timeoutS) throws CliException, InterruptedException {
    JsonNode receipt = chain.transact(key, encode(CommitteeFunctions.PROPOSE, BigInteger.valueOf(kind.code()), params,
        BigInteger.valueOf(deadline), description), timeoutS);
    long id = proposalId(receipt);
    System.out.println("proposal " + id + " (" + kind.label() + ") created in block "
        + Long.decode(receipt.path("blockNumber").asText()));
    if (execute) {
      executeIfPassed(chain, key, id, timeoutS);
    }
    return id;
  }

  static void executeIfPassed(Chain chain, KeyPair key, long id, int timeoutS) throws CliException, InterruptedException {
    Proposals.Status status = status(chain, id);
    if (status != Proposals.Status.PASSED) {
      System.out.println("proposal " + id + " is " + status + "; it needs more votes before it can be executed");
      return;
    }
    JsonNode receipt = chain.transact(key, encode(CommitteeFunctions.EXECUTE, BigInteger.valueOf(id)), timeoutS);
    System.out.println("proposal " + id + " executed in block " + Long.decode(receipt.path("blockNumber").asText()));
  }

  /** Options every write takes. */
  static final class Writer {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keys = new KeySource();

    @Option(names = "--timeout-s", description = "How long to wait for each receipt (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    int timeoutS;
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Propose a change for the committee to vote on. Kinds: add-validator, remove-validator, admit-node, "
          + "remove-node, grant-role, revoke-role, set-chain-parameter, set-member, set-threshold, set-method-access, "
          + "clear-method-rule, set-system-parameter.")
  static final class Propose implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "The proposal kind")
    String kind;

    @Option(names = "--public-key", description = "add-validator: the node's 64-byte public key (admin_nodeInfo shows it)")
    String publicKey;

    @Option(names = "--address", description = "remove-validator, admit-node, remove-node: the node's address")
    String address;

    @Option(names = "--role", description = "grant-role, revoke-role: the role name, e.g. regulator")
    String role;

    @Option(names = "--account", description = "grant-role, revoke-role, set-member: the account")
    String account;

    @Option(names = "--name", description = "set-chain-parameter: blockGasLimit, minGasPrice, blockIntervalMs, "
        + "logsBlockRangeMax, logsResultsMax or permissionMode; set-system-parameter: the key (text or 0x-hex)")
    String name;

    @Option(names = "--value", description = "set-chain-parameter, set-system-parameter: the value "
        + "(permissionMode also takes open, deploy-permissioned or permissioned)")
    String value;

    @Option(names = "--weight", description = "set-member: the member's weight, 0 to remove")
    Long weight;

    @Option(names = "--numerator", description = "set-threshold")
    Long numerator;

    @Option(names = "--denominator", description = "set-threshold")
    Long denominator;

    @Option(names = "--target", description = "set-method-access, clear-method-rule, set-system-parameter: the contract")
    String target;

    @Option(names = "--selector", description = "set-method-access, clear-method-rule: 0x + 8 hex digits, or a "
        + "signature such as transfer(address,uint256)")
    String selector;

    @Option(names = "--caller", description = "set-method-access: the caller to allow or disallow")
    String caller;

    @Option(names = "--allowed", description = "set-method-access: true to allow, false to disallow (default: ${DEFAULT-VALUE})",
        defaultValue = "true", arity = "1")
    boolean allowed;

    @Option(names = "--deadline", description = "Block height after which votes close (default: 50,000 blocks from now)",
        defaultValue = "0")
    long deadline;

    @Option(names = "--description", description = "What the proposal is for (at most 256 bytes)", defaultValue = "")
    String description;

    @Option(names = "--execute", description = "Execute at once if the proposer's own vote already passes it")
    boolean execute;

    @Override
    public Integer call() throws Exception {
      ProposalKind k = ProposalKind.ofLabel(kind).orElseThrow(() -> new CliException("unknown proposal kind " + kind));
      Chain chain = new Chain(writer.rpc);
      KeyPair key = writer.keys.load(chain.suite);
      propose(chain, key, k, parameters(k, chain.suite), deadline, description, execute, writer.timeoutS);
      return 0;
    }

    private Bytes parameters(ProposalKind k, CryptoSuite suite) throws CliException {
      try {
        return switch (k) {
          case ADD_VALIDATOR -> {
            if (publicKey == null) {
              throw new CliException("add-validator needs --public-key");
            }
            Bytes key = Bytes.fromHex(publicKey);
            System.out.println("validator address " + Address.wrap(suite.address(key.toArray())).toChecksumHex());
            yield k.encode(key);
          }
          case REMOVE_VALIDATOR, ADMIT_NODE, REMOVE_NODE -> k.encode(GovCommand.address(address, "--address"));
          case GRANT_ROLE, REVOKE_ROLE -> k.encode(roleId(role), GovCommand.address(account, "--account"));
          case SET_CHAIN_PARAMETER -> {
            ChainParameter p = ChainParameter.ofLabel(name == null ? "" : name)
                .orElseThrow(() -> new CliException("--name must be a chain parameter, got " + name));
            yield k.encode(p.idBytes(), parameterValue(p));
          }
          case SET_MEMBER -> k.encode(GovCommand.address(account, "--account"), BigInteger.valueOf(required(weight, "--weight")));
          case SET_THRESHOLD -> k.encode(BigInteger.valueOf(required(numerator, "--numerator")),
              BigInteger.valueOf(required(denominator, "--denominator")));
          case SET_METHOD_ACCESS -> k.encode(GovCommand.address(target, "--target"), selector(selector),
              GovCommand.address(caller, "--caller"), allowed);
          case CLEAR_METHOD_RULE -> k.encode(GovCommand.address(target, "--target"), selector(selector));
          case SET_SYSTEM_PARAMETER -> k.encode(GovCommand.address(target, "--target"), bytes32(name, "--name"),
              new BigInteger(required(value, "--value")));
        };
      } catch (AbiException | IllegalArgumentException e) {
        throw new CliException(k.label() + ": " + e.getMessage());
      }
    }

    private BigInteger parameterValue(ChainParameter p) throws CliException {
      String v = required(value, "--value");
      if (p == ChainParameter.PERMISSION_MODE && PermissionMode.ofLabel(v).isPresent()) {
        return BigInteger.valueOf(PermissionMode.ofLabel(v).get().code());
      }
      try {
        return new BigInteger(v);
      } catch (NumberFormatException e) {
        throw new CliException("--value must be a number, got " + v);
      }
    }
  }

  static <T> T required(T value, String option) throws CliException {
    if (value == null) {
      throw new CliException(option + " is required for this kind");
    }
    return value;
  }

  static Bytes roleId(String role) throws CliException {
    if (!Role.isValidName(role)) {
      throw new CliException("--role must be a role name such as regulator, got " + role);
    }
    return Role.idBytes(role);
  }

  static Bytes selector(String text) throws CliException {
    if (text == null) {
      throw new CliException("--selector is required");
    }
    if (text.startsWith("0x")) {
      Bytes b = Bytes.fromHex(text);
      if (b.size() != 4) {
        throw new CliException("--selector must be 4 bytes, got " + b.size());
      }
      return b;
    }
    return Bytes.wrap(Abi.selector(text));
  }

  @Command(name = "vote", mixinStandardHelpOptions = true, description = "Vote on a proposal (yes unless --no).")
  static final class Vote implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "Proposal id")
    long id;

    @Option(names = "--no", description = "Vote against")
    boolean no;

    @Option(names = "--execute", description = "Execute at once if this vote makes it pass")
    boolean execute;

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(writer.rpc);
      KeyPair key = writer.keys.load(chain.suite);
      chain.transact(key, encode(CommitteeFunctions.VOTE, BigInteger.valueOf(id), !no), writer.timeoutS);
      System.out.println("voted " + (no ? "no" : "yes") + " on proposal " + id + "; it is now " + status(chain, id));
      if (execute) {
        executeIfPassed(chain, key, id, writer.timeoutS);
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Take back your vote on a proposal.")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "Proposal id")
    long id;

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(writer.rpc);
      chain.transact(writer.keys.load(chain.suite), encode(CommitteeFunctions.REVOKE_VOTE, BigInteger.valueOf(id)),
          writer.timeoutS);
      System.out.println("vote on proposal " + id + " revoked; it is now " + status(chain, id));
      return 0;
    }
  }

  @Command(name = "execute", mixinStandardHelpOptions = true, description = "Execute a passed proposal.")
  static final class Execute implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "Proposal id")
    long id;

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(writer.rpc);
      JsonNode receipt = chain.transact(writer.keys.load(chain.suite),
          encode(CommitteeFunctions.EXECUTE, BigInteger.valueOf(id)), writer.timeoutS);
      System.out.println("proposal " + id + " executed in block " + Long.decode(receipt.path("blockNumber").asText()));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List proposals, newest first.")
  static final class ListProposals implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Option(names = "--limit", description = "How many (default: ${DEFAULT-VALUE})", defaultValue = "20")
    int limit;

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(rpc);
      long count = ((BigInteger) chain.view(CommitteeFunctions.PROPOSAL_COUNT).get(0)).longValue();
      System.out.printf("%-5s %-21s %-9s %-11s %-9s %s%n", "id", "kind", "status", "yes/total", "deadline", "description");
      for (long id = count; id >= 1 && id > count - limit; id--) {
        List<Object> p = chain.view(CommitteeFunctions.PROPOSAL, BigInteger.valueOf(id));
        System.out.printf("%-5d %-21s %-9s %-11s %-9s %s%n", id, kindLabel(p.get(0)),
            Proposals.Status.values()[((BigInteger) p.get(3)).intValue()], p.get(4) + "/" + p.get(6), p.get(2), p.get(10));
      }
      if (count == 0) {
        System.out.println("(no proposals yet)");
      }
      return 0;
    }
  }

  static String kindLabel(Object code) {
    return ProposalKind.ofCode(((BigInteger) code).longValue()).map(ProposalKind::label).orElse("kind " + code);
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one proposal with its parameters and votes.")
  static final class Show implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", description = "Proposal id")
    long id;

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(rpc);
      List<Object> p = chain.view(CommitteeFunctions.PROPOSAL, BigInteger.valueOf(id));
      ProposalKind kind = ProposalKind.ofCode(((BigInteger) p.get(0)).longValue()).orElse(null);
      System.out.println("proposal    " + id);
      System.out.println("kind        " + kindLabel(p.get(0)));
      System.out.println("status      " + Proposals.Status.values()[((BigInteger) p.get(3)).intValue()]);
      System.out.println("proposer    " + ((Address) p.get(1)).toChecksumHex());
      System.out.println("created     block " + p.get(7));
      System.out.println("deadline    block " + p.get(2));
      System.out.println("weight      yes " + p.get(4) + ", no " + p.get(5) + ", of " + p.get(6));
      if (((BigInteger) p.get(8)).signum() > 0) {
        System.out.println("executed    block " + p.get(8));
      }
      System.out.println("description " + p.get(10));
      if (kind != null) {
        List<String> shown = new ArrayList<>();
        for (Object v : kind.decode((Bytes) p.get(9))) {
          shown.add(v instanceof Address a ? a.toChecksumHex() : v instanceof Bytes b ? b.toHex() : String.valueOf(v));
        }
        System.out.println("parameters  " + String.join(", ", shown));
      }
      List<Object> votes = chain.view(CommitteeFunctions.VOTES, BigInteger.valueOf(id));
      List<?> voters = (List<?>) votes.get(0);
      List<?> choices = (List<?>) votes.get(1);
      for (int i = 0; i < voters.size(); i++) {
        System.out.println("vote        " + ((Address) voters.get(i)).toChecksumHex() + " "
            + (((BigInteger) choices.get(i)).intValue() == 1 ? "yes" : "no"));
      }
      return 0;
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "The committee, validators, admitted nodes, parameters and freezes now in force.")
  static final class Info implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Override
    public Integer call() throws Exception {
      Chain chain = new Chain(rpc);
      long head = chain.head();
      List<Object> members = chain.view(CommitteeFunctions.MEMBERS);
      List<?> addresses = (List<?>) members.get(0);
      List<?> weights = (List<?>) members.get(1);
      List<Object> threshold = chain.view(CommitteeFunctions.THRESHOLD);
      System.out.println("head                 " + head);
      System.out.println("threshold            " + threshold.get(0) + "/" + threshold.get(1) + " of the committee weight");
      for (int i = 0; i < addresses.size(); i++) {
        System.out.println("committee member     " + ((Address) addresses.get(i)).toChecksumHex() + " weight " + weights.get(i));
      }
      int mode = ((BigInteger) chain.view(io.trestle.services.permissions.RolesFunctions.PERMISSION_MODE).get(0)).intValue();
      System.out.println("permission mode      " + PermissionMode.ofCode(mode).map(PermissionMode::label).orElse("?"));
      System.out.println("validator offset     " + chain.view(CommitteeFunctions.VALIDATOR_CHANGE_OFFSET).get(0) + " blocks");
      printAddresses("validator (next)", chain.view(CommitteeFunctions.VALIDATORS_AT, BigInteger.valueOf(head + 1)).get(0));
      printAddresses("validator (latest)", chain.view(CommitteeFunctions.VALIDATORS).get(0));
      printAddresses("admitted node", chain.view(CommitteeFunctions.NODES).get(0));
      for (ChainParameter p : ChainParameter.values()) {
        BigInteger v = (BigInteger) chain.view(CommitteeFunctions.CHAIN_PARAMETER, p.idBytes()).get(0);
        if (p != ChainParameter.PERMISSION_MODE && v.signum() > 0) {
          System.out.println("parameter            " + p.label() + " = " + v);
        }
      }
      printAddresses("frozen account", chain.view(SupervisionFunctions.FROZEN_ACCOUNTS).get(0));
      printAddresses("frozen contract", chain.view(SupervisionFunctions.FROZEN_CONTRACTS).get(0));
      return 0;
    }
  }

  static void printAddresses(String label, Object list) {
    for (Object a : (List<?>) list) {
      System.out.printf("%-20s %s%n", label, ((Address) a).toChecksumHex());
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = "Read the audit stream as an auditor: governance and supervision events, one JSON object a line.")
  static final class Audit implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keys = new KeySource();

    @Option(names = "--from-block", description = "First block (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long fromBlock;

    @Option(names = "--event", description = "Only these events, comma-separated (e.g. AccountFrozen,ProposalExecuted)")
    String events;

    @Option(names = "--address", description = "Only events that mention this address")
    String address;

    @Override
    public Integer call() throws Exception {
      GovCommand.Chain chain = new GovCommand.Chain(rpc);
      KeyPair key = keys.load(chain.suite);
      long chainId = SendCommand.hexLong(chain.client.call("eth_chainId"));
      URI base = URI.create(rpc.url.endsWith("/") ? rpc.url.substring(0, rpc.url.length() - 1) : rpc.url);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      long from = fromBlock;
      long head = chain.head();
      int total = 0;
      while (from <= head) {
        String query = "fromBlock=" + from + (events == null ? "" : "&event=" + events)
            + (address == null ? "" : "&address=" + GovCommand.address(address, "--address").toHex());
        String signed = AuditAuth.sign(chain.suite, key, chainId, AuditFeed.EVENTS_PATH, query, System.currentTimeMillis());
        HttpResponse<String> response;
        try {
          response = http.send(HttpRequest.newBuilder(URI.create(base + AuditFeed.EVENTS_PATH + "?" + signed))
              .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          throw new CliException("cannot reach " + base + ": " + e.getMessage());
        }
        JsonNode page = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
          throw new CliException("audit stream refused (HTTP " + response.statusCode() + "): " + page.path("error").asText());
        }
        for (JsonNode e : page.path("events")) {
          System.out.println(e);
          total++;
        }
        from = page.path("next").asLong();
        head = page.path("head").asLong();
      }
      System.err.println(total + " events up to block " + head + "; resume with --from-block " + from);
      return 0;
    }
  }
}
