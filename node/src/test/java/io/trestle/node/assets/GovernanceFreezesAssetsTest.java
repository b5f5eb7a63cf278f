package io.trestle.node.assets;

import static io.trestle.node.assets.DevChain.ALICE;
import static io.trestle.node.assets.DevChain.BOB;
import static io.trestle.node.assets.DevChain.BOSS;
import static io.trestle.node.assets.DevChain.PLATFORM;
import static io.trestle.node.assets.DevChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Keccak256;
import io.trestle.services.assets.AssetAbi;
import io.trestle.services.assets.AssetAddresses;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.supervision.LicenseStatus;
import io.trestle.services.supervision.SupervisionFunctions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regulator's governance freezes (issue 7's supervision interface at the governance account) stop assets as
 * the asset contracts' own freezes do (ADR 0294): one token, every asset of an account; whole collections are the
 * asset supervision contract's; and a licence the regulator suspends stops its platform minting.
 */
class GovernanceFreezesAssetsTest {
  static final Bytes ZERO32 = Bytes.wrap(new byte[32]);
  static final Address GOVERNANCE = GovernanceAccount.ADDRESS;
  @TempDir
  static Path dir;
  static DevChain chain;
  static Address collection;
  static int works;

  static Bytes fp(String s) {
    return Bytes.wrap(Keccak256.hash(s.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeAll
  static void start() throws Exception {
    chain = new DevChain(dir);
    chain.ok(PLATFORM, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "Museum", "");
    chain.ok(BOSS, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address(PLATFORM));
    chain.ok(PLATFORM, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "Museum", "M", "", Address.ZERO,
        BigInteger.ZERO);
    collection = AssetAddresses.INSTANCES_FIRST;
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  /** Mints a new work to Alice; returns its id. */
  static BigInteger mintToAlice() throws Exception {
    chain.ok(PLATFORM, collection, AssetAbi.MINT, address(ALICE), fp("gov work " + works), ZERO32, "", address(ALICE),
        "", ZERO32);
    return BigInteger.valueOf(++works);
  }

  static String transferReason(BigInteger id) throws Exception {
    return chain.revertReason(address(ALICE), collection,
        DevChain.encode(AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), id));
  }

  @Test
  void aTokenFrozenThroughGovernanceCannotMoveUntilUnfrozen() throws Exception {
    BigInteger id = mintToAlice();
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.FREEZE_ASSET, collection, id, "court order 7", ZERO32);
    assertEquals("token " + id + " is frozen by the regulator", transferReason(id));
    assertEquals("0x0", chain.send(ALICE, collection, AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), id)
        .path("status").asText());
    assertEquals(List.of(address(ALICE)), chain.call(collection, AssetAbi.OWNER_OF, id));
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.UNFREEZE_ASSET, collection, id, "order lifted", ZERO32);
    assertNull(transferReason(id));
    chain.ok(ALICE, collection, AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), id);
    assertEquals(List.of(address(BOB)), chain.call(collection, AssetAbi.OWNER_OF, id));
  }

  @Test
  void anAccountFrozenThroughGovernanceCannotHaveItsTokensMovedEvenByAnOperator() throws Exception {
    BigInteger id = mintToAlice();
    chain.ok(ALICE, collection, AssetAbi.SET_APPROVAL_FOR_ALL, address(BOB), true);
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.FREEZE_ACCOUNT, address(ALICE), "sanctions", ZERO32);
    String reason = chain.revertReason(address(BOB), collection,
        DevChain.encode(AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), id));
    assertEquals("account " + address(ALICE).toChecksumHex() + " is frozen by the regulator", reason);
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.UNFREEZE_ACCOUNT, address(ALICE), "cleared", ZERO32);
    chain.ok(BOB, collection, AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), id);
    assertEquals(List.of(address(BOB)), chain.call(collection, AssetAbi.OWNER_OF, id));
  }

  @Test
  void governanceLeavesWholeCollectionsToTheAssetSupervisionContract() throws Exception {
    String reason = chain.revertReason(address(BOSS), GOVERNANCE,
        DevChain.encode(SupervisionFunctions.FREEZE_CONTRACT, collection, "investigation", ZERO32));
    assertTrue(reason.contains("cannot be frozen"), reason);
    BigInteger id = mintToAlice();
    chain.ok(BOSS, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_ASSET, collection, "investigation");
    assertEquals("collection " + collection.toChecksumHex() + " is frozen by the regulator", transferReason(id));
    chain.ok(BOSS, AssetAddresses.SUPERVISION, AssetAbi.UNFREEZE_ASSET, collection, "closed");
    assertNull(transferReason(id));
  }

  @Test
  void aSuspendedLicenceStopsItsPlatformMintingAndAnActiveOneRestoresIt() throws Exception {
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.SET_LICENSE, address(PLATFORM),
        BigInteger.valueOf(LicenseStatus.SUSPENDED.code()), "audit pending", ZERO32);
    String reason = chain.revertReason(address(PLATFORM), collection, DevChain.encode(AssetAbi.MINT, address(ALICE),
        fp("while suspended"), ZERO32, "", address(ALICE), "", ZERO32));
    assertEquals("ERC721: platform " + address(PLATFORM).toChecksumHex() + " is not an approved, licensed platform",
        reason);
    chain.ok(BOSS, GOVERNANCE, SupervisionFunctions.SET_LICENSE, address(PLATFORM),
        BigInteger.valueOf(LicenseStatus.ACTIVE.code()), "audit passed", ZERO32);
    assertNull(chain.revertReason(address(PLATFORM), collection, DevChain.encode(AssetAbi.MINT, address(ALICE),
        fp("while suspended"), ZERO32, "", address(ALICE), "", ZERO32)));
  }
}
