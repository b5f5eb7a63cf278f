package io.trestle.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.block.Block;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.services.governance.ChainParameter;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.CommitteeFunctions;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.governance.GovernanceContract;
import io.trestle.services.governance.ProposalKind;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.supervision.SupervisionFunctions;
import io.trestle.state.kv.MemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain with the governance contract: genesis state, per-height validator sets, execution-time refusals. */
class GovernedChainTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final KeyPair CHAIR = key(1);
  private static final KeyPair REGULATOR = key(2);
  private static final KeyPair USER = key(3);
  private static final Address BOB = Address.ofLong(0xb0b);

  private final java.util.Map<Address, Long> nonces = new java.util.HashMap<>();

  static KeyPair key(int n) {
    byte[] k = new byte[32];
    k[0] = 0x33;
    k[31] = (byte) n;
    return SUITE.keyPair(k);
  }

  static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  private static final List<KeyPair> VALIDATORS = List.of(key(100), key(101), key(102), key(103));

  static List<KeyPair> validatorKeys(int n) {
    return VALIDATORS.subList(0, n);
  }

  static Genesis genesis(PermissionMode mode) {
    List<Genesis.Validator> vals = new ArrayList<>();
    for (KeyPair k : validatorKeys(4)) {
      vals.add(new Genesis.Validator(address(k), Bytes.wrap(k.publicKey())));
    }
    Map<Address, Genesis.AllocAccount> alloc = new java.util.HashMap<>();
    for (KeyPair k : List.of(CHAIR, REGULATOR, USER)) {
      alloc.put(address(k), new Genesis.AllocAccount(BigInteger.TEN.pow(22), 0, Bytes.EMPTY, Map.of()));
    }
    return new Genesis(1337, "ethereum", 1_000_000L, 30_000_000L,
        new Genesis.FeeRules("eip1559", GWEI, BigInteger.ZERO, true), 1000, vals, alloc, Bytes.EMPTY,
        Map.of("regulator", List.of(address(REGULATOR))),
        new GovernanceConfig(List.of(new Committee.Member(address(CHAIR), 1)), 2, 3, mode, 2));
  }

  static Chain open(Genesis genesis) throws GenesisException {
    SystemContracts.Builder b = SystemContracts.builder();
    CallGuard guard = GovernanceContract.register(b, SUITE);
    return Chain.open(new MemoryKeyValueStore(), genesis, new TransactionProcessor(b.build(), guard));
  }

  Transaction tx(KeyPair from, Address to, Bytes data) {
    long nonce = nonces.merge(address(from), 1L, Long::sum) - 1;
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce).gasLimit(3_000_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(to).value(BigInteger.ZERO)
        .data(data).sign(from, SUITE);
  }

  static Chain.CommittedBlock next(Chain chain, List<Transaction> txs) throws Exception {
    Block b = chain.buildBlock(txs, chain.head().header().timestampMs() + 1000, address(validatorKeys(4).get(0)), 0);
    chain.validateProposal(b, b.header().timestampMs(), 0);
    return chain.commit(b, new byte[] {1});
  }

  @Test
  void genesisInstallsTheContractAndItsState() throws Exception {
    Chain chain = open(genesis(PermissionMode.OPEN));
    assertEquals(SystemContracts.STUB_CODE, chain.stateAt(0).code(GovernanceContract.ADDRESS));
    assertEquals(4, chain.validatorsAt(1).size());
    assertEquals(chain.validatorsHash(), chain.validatorsHashAt(1));
    assertEquals(chain.validatorsHash(), chain.head().header().validatorsHash());
    assertNull(chain.validatorsAt(3), "heights beyond head + offset are not decided yet");
  }

  @Test
  void aValidatorAddedByProposalEntersTheHeadersAtTheOffset() throws Exception {
    Chain chain = open(genesis(PermissionMode.OPEN));
    KeyPair fifth = key(120);
    Bytes data = ProposalKind.ADD_VALIDATOR.encode(Bytes.wrap(fifth.publicKey()));
    Chain.CommittedBlock b1 = next(chain, List.of(
        tx(CHAIR, GovernanceContract.ADDRESS, CommitteeFunctions.PROPOSE.encodeCall(BigInteger.ONE, data, BigInteger.ZERO, "add")),
        tx(CHAIR, GovernanceContract.ADDRESS, CommitteeFunctions.EXECUTE.encodeCall(BigInteger.ONE))));
    assertEquals(2, b1.executed().size());
    assertTrue(b1.executed().get(1).receipt().success());
    assertEquals(4, chain.validatorsAt(2).size());
    assertEquals(5, chain.validatorsAt(3).size(), "executed in block 1, offset 2");
    assertEquals(address(fifth), chain.validatorsAt(3).get(4).address());

    Block b2 = chain.buildBlock(List.of(), chain.head().header().timestampMs() + 1000, address(validatorKeys(4).get(1)), 0);
    assertEquals(chain.validatorsHash(), b2.header().validatorsHash());
    assertNotEquals(chain.validatorsHash(), b2.header().nextValidatorsHash());
    Block forged = chain.buildBlock(List.of(), b2.header().timestampMs(), b2.header().proposer(), 0);
    Block lying = new Block(forged.header().toBuilder()
        .nextValidatorsHash(chain.validatorsHash()).build(), List.of());
    BlockRejectedException e = assertThrows(BlockRejectedException.class,
        () -> chain.validateProposal(lying, lying.header().timestampMs(), 0));
    assertTrue(e.getMessage().contains("nextValidatorsHash"));
    chain.commit(b2, new byte[] {1});
    Block b3 = chain.buildBlock(List.of(), chain.head().header().timestampMs() + 1000, address(validatorKeys(4).get(2)), 0);
    assertEquals(chain.validatorsHashAt(3), b3.header().validatorsHash());
  }

  @Test
  void governanceSurvivesReopening() throws Exception {
    MemoryKeyValueStore kv = new MemoryKeyValueStore();
    SystemContracts.Builder b = SystemContracts.builder();
    CallGuard guard = GovernanceContract.register(b, SUITE);
    TransactionProcessor processor = new TransactionProcessor(b.build(), guard);
    Chain chain = Chain.open(kv, genesis(PermissionMode.OPEN), processor);
    next(chain, List.of(tx(CHAIR, GovernanceContract.ADDRESS, CommitteeFunctions.PROPOSE.encodeCall(
        BigInteger.valueOf(ProposalKind.SET_CHAIN_PARAMETER.code()),
        ProposalKind.SET_CHAIN_PARAMETER.encode(ChainParameter.BLOCK_GAS_LIMIT.idBytes(), BigInteger.valueOf(12_000_000)),
        BigInteger.ZERO, "")), tx(CHAIR, GovernanceContract.ADDRESS, CommitteeFunctions.EXECUTE.encodeCall(BigInteger.ONE))));
    assertEquals(12_000_000, chain.nextGasLimit());
    Chain reopened = Chain.open(kv, genesis(PermissionMode.OPEN), processor);
    assertEquals(12_000_000, reopened.nextGasLimit());
    Block b2 = reopened.buildBlock(List.of(), reopened.head().header().timestampMs() + 1, Address.ZERO, 0);
    assertEquals(12_000_000, b2.header().gasLimit());
  }

  @Test
  void aFreezeEarlierInTheBlockSkipsTheFrozenSendersLaterTransactions() throws Exception {
    Chain chain = open(genesis(PermissionMode.OPEN));
    Chain.CommittedBlock b = next(chain, List.of(
        tx(USER, BOB, Bytes.EMPTY),
        tx(REGULATOR, GovernanceContract.ADDRESS, SupervisionFunctions.FREEZE_ACCOUNT.encodeCall(address(USER),
            "case 1", Bytes.wrap(new byte[32]))),
        tx(USER, BOB, Bytes.EMPTY)));
    assertEquals(2, b.executed().size());
    assertEquals(1, b.skipped().size());
    assertTrue(b.skipped().get(0).reason().contains("is frozen by the regulator"), b.skipped().get(0).reason());
    assertEquals(1, chain.stateAt(1).account(address(USER)).nonce(), "a skipped transaction uses no nonce");
  }

  @Test
  void aDeployPermissionedChainSkipsCreationsWithoutTheRole() throws Exception {
    Chain chain = open(genesis(PermissionMode.DEPLOY_PERMISSIONED));
    Transaction create = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(0)
        .gasLimit(100_000).maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(null)
        .value(BigInteger.ZERO).data(Bytes.fromHex("0x600160005500")).sign(USER, SUITE);
    Chain.CommittedBlock b = next(chain, List.of(create));
    assertEquals(0, b.executed().size());
    assertTrue(b.skipped().get(0).reason().contains("may not deploy contracts"));
  }

  @Test
  void genesisJsonCarriesTheGovernanceSection() throws Exception {
    Genesis g = genesis(PermissionMode.PERMISSIONED);
    Genesis parsed = Genesis.parse(g.toJson());
    assertEquals(g.governanceConfig(), parsed.governanceConfig());
    assertEquals(g.fingerprint(), parsed.fingerprint());
    String json = new String(g.toJson(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"permissionMode\" : \"permissioned\""), json);
  }

  @Test
  void refusesBadGovernanceSectionsWithTheirReason() {
    String base = new String(genesis(PermissionMode.OPEN).toJson(), StandardCharsets.UTF_8);
    assertEquals("governance.validatorChangeOffset must be 2..10000 (the consensus engine must know each height's "
        + "validators two heights ahead), got 1", refusal(base.replace("\"validatorChangeOffset\" : 2",
        "\"validatorChangeOffset\" : 1")));
    assertTrue(refusal(base.replace("\"numerator\" : 2", "\"numerator\" : 1")).contains("more than half"));
    assertTrue(refusal(base.replace("\"permissionMode\" : \"open\"", "\"permissionMode\" : \"closed\""))
        .contains("governance.permissionMode must be open, deploy-permissioned or permissioned"));
    assertTrue(refusal(base.replace("\"regulator\"", "\"Regulator\"")).contains("roles.Regulator: not a role name"));
  }

  static String refusal(String json) {
    GenesisException e = assertThrows(GenesisException.class,
        () -> Genesis.parse(json.getBytes(StandardCharsets.UTF_8)));
    return e.getMessage();
  }
}
