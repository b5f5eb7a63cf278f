package io.trestle.execution.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.governance.GovernanceGenesis;
import io.trestle.services.governance.ValidatorInfo;
import io.trestle.services.permissions.PermissionMode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The definition of a chain ({@code genesis.json}): identity, crypto suite, fee rules, block pacing, the first
 * validator set, the initial allocation, initial role holders ({@code roles}; role {@code node} lists nodes admitted
 * besides the validators) and the governance section (committee, threshold, permission mode, validator-change
 * offset; when absent the validators form the committee, ADR 0270). Every node of a chain must load the same file;
 * its content is part of the genesis block hash.
 */
public record Genesis(
    long chainId,
    String cryptoSuite,
    long timestampMs,
    long gasLimit,
    FeeRules fees,
    long blockIntervalMs,
    List<Validator> validators,
    Map<Address, AllocAccount> alloc,
    Bytes extraData,
    Map<String, List<Address>> roles,
    GovernanceConfig governance) {

  /** Role name whose holders are nodes admitted to the peer network rather than accounts. */
  public static final String NODE_ROLE = "node";

  /** Hard limits that keep a hand-written genesis from describing an unusable chain. */
  public static final long GAS_LIMIT_MIN = 5_000;
  public static final long GAS_LIMIT_MAX = 1_000_000_000L;
  public static final long BLOCK_INTERVAL_MS_MIN = 10;

  /**
   * How fees work. {@code mode} is {@code eip1559} (the base fee follows block fullness, starting at
   * {@code baseFee}) or {@code fixed} (the base fee is always {@code baseFee}, 0 allowed). With {@code burnBaseFee}
   * false the base fee goes to the proposer too, as consortium chains often prefer.
   */
  public record FeeRules(String mode, BigInteger baseFee, BigInteger minGasPrice, boolean burnBaseFee) {
    public boolean isEip1559() {
      return "eip1559".equals(mode);
    }
  }

  /** A validator: its address and the 64-byte public key it signs votes with. */
  public record Validator(Address address, Bytes publicKey) {}

  /** An account at genesis. */
  public record AllocAccount(BigInteger balance, long nonce, Bytes code, Map<Bytes, Bytes> storage) {}

  public Genesis {
    validators = List.copyOf(validators);
    alloc = Collections.unmodifiableMap(new TreeMap<>(alloc));
    roles = Collections.unmodifiableMap(new TreeMap<>(roles));
  }

  /** A genesis without a governance section: the validators form the committee. */
  public Genesis(long chainId, String cryptoSuite, long timestampMs, long gasLimit, FeeRules fees, long blockIntervalMs,
      List<Validator> validators, Map<Address, AllocAccount> alloc, Bytes extraData, Map<String, List<Address>> roles) {
    this(chainId, cryptoSuite, timestampMs, gasLimit, fees, blockIntervalMs, validators, alloc, extraData, roles, null);
  }

  /** The governance configuration in force: the explicit section, or the defaults. */
  public GovernanceConfig governanceConfig() {
    return governance != null ? governance : GovernanceConfig.defaults(validators.stream().map(Validator::address).toList());
  }

  /** The governance contract's storage at genesis (ADR 0270). */
  public Map<io.trestle.evm.UInt256, io.trestle.evm.UInt256> governanceStorage() {
    List<ValidatorInfo> vals = validators.stream().map(v -> new ValidatorInfo(v.address(), v.publicKey())).toList();
    Map<String, List<Address>> accountRoles = new TreeMap<>(roles);
    accountRoles.remove(NODE_ROLE);
    return GovernanceGenesis.storage(governanceConfig(), vals, roles.getOrDefault(NODE_ROLE, List.of()), accountRoles);
  }

  public CryptoSuite suite() {
    return CryptoSuite.named(cryptoSuite);
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Genesis load(Path file) throws GenesisException {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new GenesisException("cannot read genesis file " + file + ": " + e.getMessage());
    }
  }

  public static Genesis parse(byte[] json) throws GenesisException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new GenesisException("genesis is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new GenesisException("genesis must be a JSON object");
    }
    long chainId = requireLong(root, "chainId");
    if (chainId <= 0) {
      throw new GenesisException("chainId must be positive, got " + chainId);
    }
    String suiteName = text(root, "cryptoSuite", "ethereum");
    CryptoSuite suite;
    try {
      suite = CryptoSuite.named(suiteName);
    } catch (IllegalArgumentException e) {
      throw new GenesisException("cryptoSuite: " + e.getMessage());
    }
    long gasLimit = optLong(root, "gasLimit", 30_000_000L);
    if (gasLimit < GAS_LIMIT_MIN || gasLimit > GAS_LIMIT_MAX) {
      throw new GenesisException("gasLimit must be within [" + GAS_LIMIT_MIN + ", " + GAS_LIMIT_MAX + "], got " + gasLimit);
    }
    long intervalMs = optLong(root, "blockIntervalMs", 1000);
    if (intervalMs < BLOCK_INTERVAL_MS_MIN) {
      throw new GenesisException("blockIntervalMs must be at least " + BLOCK_INTERVAL_MS_MIN + ", got " + intervalMs);
    }
    JsonNode feesNode = root.path("fees");
    String mode = text(feesNode, "mode", "eip1559");
    if (!mode.equals("eip1559") && !mode.equals("fixed")) {
      throw new GenesisException("fees.mode must be eip1559 or fixed, got " + mode);
    }
    FeeRules fees = new FeeRules(mode,
        quantity(feesNode, "baseFee", BigInteger.valueOf(1_000_000_000L)),
        quantity(feesNode, "minGasPrice", BigInteger.ZERO),
        feesNode.path("burnBaseFee").asBoolean(true));
    List<Validator> validators = new ArrayList<>();
    JsonNode vals = root.path("validators");
    if (!vals.isArray() || vals.isEmpty()) {
      throw new GenesisException("validators must be a non-empty array");
    }
    for (JsonNode v : vals) {
      Address address = address(v.path("address").asText(), "validators[].address");
      Bytes publicKey = hex(v.path("publicKey").asText(), "validators[].publicKey");
      if (publicKey.size() != 64) {
        throw new GenesisException("validators[].publicKey must be 64 bytes (uncompressed x||y), got " + publicKey.size());
      }
      if (!Address.wrap(suite.address(publicKey.toArray())).equals(address)) {
        throw new GenesisException("validator " + address.toChecksumHex() + " does not match its public key under suite " + suiteName);
      }
      validators.add(new Validator(address, publicKey));
    }
    Map<Address, AllocAccount> alloc = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("alloc").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = address(e.getKey(), "alloc key");
      JsonNode acc = e.getValue();
      Map<Bytes, Bytes> storage = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> slots = acc.path("storage").fields();
      while (slots.hasNext()) {
        Map.Entry<String, JsonNode> s = slots.next();
        storage.put(word(s.getKey(), "alloc storage key"), word(s.getValue().asText(), "alloc storage value"));
      }
      alloc.put(a, new AllocAccount(
          quantity(acc, "balance", BigInteger.ZERO),
          optLong(acc, "nonce", 0),
          acc.has("code") ? hex(acc.get("code").asText(), "alloc code") : Bytes.EMPTY,
          storage));
    }
    Map<String, List<Address>> roles = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> r = root.path("roles").fields();
    while (r.hasNext()) {
      Map.Entry<String, JsonNode> e = r.next();
      List<Address> members = new ArrayList<>();
      for (JsonNode m : e.getValue()) {
        members.add(address(m.asText(), "roles." + e.getKey()));
      }
      roles.put(e.getKey(), List.copyOf(members));
    }
    Bytes extra = root.has("extraData") ? hex(root.get("extraData").asText(), "extraData") : Bytes.EMPTY;
    if (extra.size() > 32) {
      throw new GenesisException("extraData must be at most 32 bytes, got " + extra.size());
    }
    GovernanceConfig governance = root.has("governance") ? governance(root.get("governance"), validators) : null;
    Genesis genesis = new Genesis(chainId, suiteName, optLong(root, "timestampMs", 0), gasLimit, fees, intervalMs,
        validators, alloc, extra, roles, governance);
    try {
      genesis.governanceStorage();
    } catch (IllegalArgumentException e) {
      throw new GenesisException(e.getMessage());
    }
    return genesis;
  }

  private static GovernanceConfig governance(JsonNode g, List<Validator> validators) throws GenesisException {
    if (!g.isObject()) {
      throw new GenesisException("governance must be an object");
    }
    GovernanceConfig defaults = GovernanceConfig.defaults(validators.stream().map(Validator::address).toList());
    List<Committee.Member> members = new ArrayList<>();
    if (g.has("committee")) {
      if (!g.get("committee").isArray()) {
        throw new GenesisException("governance.committee must be an array of {address, weight}");
      }
      for (JsonNode m : g.get("committee")) {
        members.add(new Committee.Member(address(m.path("address").asText(), "governance.committee[].address"),
            optLong(m, "weight", 1)));
      }
    } else {
      members.addAll(defaults.committee());
    }
    JsonNode t = g.path("threshold");
    long num = t.isMissingNode() ? defaults.thresholdNumerator() : requireLong(t, "numerator");
    long den = t.isMissingNode() ? defaults.thresholdDenominator() : requireLong(t, "denominator");
    String modeName = text(g, "permissionMode", PermissionMode.OPEN.label());
    PermissionMode mode = PermissionMode.ofLabel(modeName).orElseThrow(() -> new GenesisException(
        "governance.permissionMode must be open, deploy-permissioned or permissioned, got " + modeName));
    long offset = optLong(g, "validatorChangeOffset", defaults.validatorChangeOffset());
    GovernanceConfig config = new GovernanceConfig(members, num, den, mode, (int) Math.min(offset, Integer.MAX_VALUE));
    String problem = config.problem();
    if (problem != null) {
      throw new GenesisException(problem);
    }
    return config;
  }

  /** The canonical JSON form, written by {@code trestle dev} and {@code trestle testnet}. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("chainId", chainId);
    root.put("cryptoSuite", cryptoSuite);
    root.put("timestampMs", timestampMs);
    root.put("gasLimit", gasLimit);
    root.put("blockIntervalMs", blockIntervalMs);
    ObjectNode f = root.putObject("fees");
    f.put("mode", fees.mode());
    f.put("baseFee", fees.baseFee().toString());
    f.put("minGasPrice", fees.minGasPrice().toString());
    f.put("burnBaseFee", fees.burnBaseFee());
    ArrayNode vals = root.putArray("validators");
    for (Validator v : validators) {
      vals.addObject().put("address", v.address().toChecksumHex()).put("publicKey", v.publicKey().toHex());
    }
    ObjectNode allocNode = root.putObject("alloc");
    for (Map.Entry<Address, AllocAccount> e : alloc.entrySet()) {
      ObjectNode a = allocNode.putObject(e.getKey().toChecksumHex());
      a.put("balance", e.getValue().balance().toString());
      if (e.getValue().nonce() != 0) {
        a.put("nonce", e.getValue().nonce());
      }
      if (!e.getValue().code().isEmpty()) {
        a.put("code", e.getValue().code().toHex());
      }
      if (!e.getValue().storage().isEmpty()) {
        ObjectNode s = a.putObject("storage");
        e.getValue().storage().forEach((k, v) -> s.put(k.toHex(), v.toHex()));
      }
    }
    if (!roles.isEmpty()) {
      ObjectNode rolesNode = root.putObject("roles");
      roles.forEach((role, members) -> {
        ArrayNode arr = rolesNode.putArray(role);
        members.forEach(m -> arr.add(m.toChecksumHex()));
      });
    }
    if (!extraData.isEmpty()) {
      root.put("extraData", extraData.toHex());
    }
    if (governance != null) {
      ObjectNode g = root.putObject("governance");
      ArrayNode members = g.putArray("committee");
      governance.committee().forEach(m -> members.addObject().put("address", m.address().toChecksumHex())
          .put("weight", m.weight()));
      g.putObject("threshold").put("numerator", governance.thresholdNumerator())
          .put("denominator", governance.thresholdDenominator());
      g.put("permissionMode", governance.permissionMode().label());
      g.put("validatorChangeOffset", governance.validatorChangeOffset());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise genesis", e);
    }
  }

  /** keccak of the canonical JSON: detects a node restarted against a different genesis file. */
  public Hash fingerprint() {
    return Hash.keccak(toJson());
  }

  private static long requireLong(JsonNode node, String field) throws GenesisException {
    if (!node.has(field)) {
      throw new GenesisException("genesis needs " + field);
    }
    return optLong(node, field, 0);
  }

  private static long optLong(JsonNode node, String field, long fallback) throws GenesisException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    BigInteger q = parseQuantity(v, field);
    if (q.bitLength() > 63) {
      throw new GenesisException(field + " out of range: " + q);
    }
    return q.longValue();
  }

  private static BigInteger quantity(JsonNode node, String field, BigInteger fallback) throws GenesisException {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : parseQuantity(v, field);
  }

  private static BigInteger parseQuantity(JsonNode v, String field) throws GenesisException {
    try {
      BigInteger q;
      if (v.isIntegralNumber()) {
        q = v.bigIntegerValue();
      } else {
        String s = v.asText().trim();
        q = s.startsWith("0x") || s.startsWith("0X") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
      }
      if (q.signum() < 0 || q.bitLength() > 256) {
        throw new GenesisException(field + " must be a non-negative 256-bit number, got " + q);
      }
      return q;
    } catch (NumberFormatException e) {
      throw new GenesisException(field + " is not a number: " + v.asText());
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static Address address(String s, String what) throws GenesisException {
    try {
      return Address.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new GenesisException(what + ": " + e.getMessage());
    }
  }

  private static Bytes hex(String s, String what) throws GenesisException {
    try {
      return Bytes.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new GenesisException(what + ": " + e.getMessage());
    }
  }

  private static Bytes word(String s, String what) throws GenesisException {
    Bytes b = hex(s, what);
    if (b.size() > 32) {
      throw new GenesisException(what + " exceeds 32 bytes");
    }
    byte[] out = new byte[32];
    System.arraycopy(b.unsafeArray(), 0, out, 32 - b.size(), b.size());
    return Bytes.wrap(out);
  }
}
