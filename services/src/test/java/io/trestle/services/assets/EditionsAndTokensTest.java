package io.trestle.services.assets;

import static io.trestle.services.assets.AssetTestChain.ALICE;
import static io.trestle.services.assets.AssetTestChain.BOB;
import static io.trestle.services.assets.AssetTestChain.CAROL;
import static io.trestle.services.assets.AssetTestChain.ISSUER;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_A;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_B;
import static io.trestle.services.assets.AssetTestChain.REGULATOR;
import static io.trestle.services.assets.AssetTestChain.ZERO32;
import static io.trestle.services.assets.AssetTestChain.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.TxResult;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditionsAndTokensTest {
  final AssetTestChain chain = new AssetTestChain();

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  Address editions() {
    chain.approvedPlatform(PLATFORM_A, "prints");
    return chain.editions(PLATFORM_A, "Prints");
  }

  @Test
  void editionsOfOneWorkShareOneFingerprintAndMoveLikeErc1155() {
    Address e = editions();
    TxResult r = chain.send(PLATFORM_A, e, AssetTestChain.encode(AssetAbi.MINT_EDITION, BOB, n(100), fp("print"),
        ZERO32, "", ALICE, "", ZERO32));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    assertEquals(AssetAbi.TRANSFER_SINGLE.topic0(), r.logs().stream()
        .filter(l -> l.topics().get(0).equals(AssetAbi.TRANSFER_SINGLE.topic0())).findFirst().orElseThrow().topics().get(0));
    assertEquals(List.of(n(100)), chain.view(e, AssetAbi.BALANCE_OF_1155, BOB, n(1)));
    assertEquals(List.of(n(100)), chain.view(e, AssetAbi.TOTAL_SUPPLY_OF, n(1)));
    assertEquals(List.of("ipfs://editions/{id}.json"), chain.view(e, AssetAbi.URI, n(1)));
    assertEquals(List.of(true), chain.view(e, AssetAbi.SUPPORTS_INTERFACE, Collection721Test.selector(AssetAbi.ERC1155)));
    chain.ok(BOB, e, AssetAbi.SAFE_TRANSFER_FROM_1155, BOB, CAROL, n(1), n(30), Bytes.EMPTY);
    assertEquals(List.of(List.of(n(70), n(30))),
        chain.view(e, AssetAbi.BALANCE_OF_BATCH, List.of(BOB, CAROL), List.of(n(1), n(1))));
    assertEquals("ERC1155: insufficient balance for transfer",
        chain.reverts(CAROL, e, AssetAbi.SAFE_TRANSFER_FROM_1155, CAROL, BOB, n(1), n(31), Bytes.EMPTY));
    assertEquals("ERC1155: caller is not token owner or approved",
        chain.reverts(CAROL, e, AssetAbi.SAFE_TRANSFER_FROM_1155, BOB, CAROL, n(1), n(1), Bytes.EMPTY));
    chain.ok(PLATFORM_A, e, AssetAbi.MINT_MORE, CAROL, n(1), n(5));
    assertEquals(List.of(n(105)), chain.view(e, AssetAbi.TOTAL_SUPPLY_OF, n(1)));

    chain.approvedPlatform(PLATFORM_B, "copycat");
    Address other = chain.collection(PLATFORM_B, "Copies");
    assertTrue(chain.reverts(PLATFORM_B, other, AssetAbi.MINT, BOB, fp("print"), ZERO32, "", BOB, "", ZERO32)
        .contains("asset " + e.toChecksumHex() + " token 1"), "editions hold their fingerprint network-wide");

    chain.ok(BOB, e, AssetAbi.BURN_1155, BOB, n(1), n(70));
    chain.ok(CAROL, e, AssetAbi.BURN_1155, CAROL, n(1), n(35));
    assertEquals(List.of(e, n(1), false), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("print")),
        "a work with no editions left is no longer live");
    chain.mint(PLATFORM_B, other, BOB, fp("print"));
  }

  @Test
  void editionBatchesAndReceiverChecks() {
    Address e = editions();
    chain.ok(PLATFORM_A, e, AssetAbi.MINT_EDITION_BATCH, BOB, List.of(n(1), n(2), n(3)),
        List.of(fp("x"), fp("y"), fp("z")), List.of(), ALICE, "", ZERO32);
    assertEquals(List.of(n(4)), chain.view(e, AssetAbi.NEXT_TOKEN_ID));
    Address stranger = Address.ofLong(0x5712);
    chain.world.setCode(stranger, Bytes.fromHex("00"));
    assertEquals("ERC1155: transfer to non-ERC1155Receiver implementer", chain.reverts(BOB, e,
        AssetAbi.SAFE_BATCH_TRANSFER_FROM, BOB, stranger, List.of(n(1), n(3)), List.of(n(1), n(3)), Bytes.EMPTY));
    Address receiver = Address.ofLong(0x12ec);
    chain.world.setCode(receiver, Bytes.fromHex("63bc197c8160e01b60005260206000f3"));
    chain.ok(BOB, e, AssetAbi.SAFE_BATCH_TRANSFER_FROM, BOB, receiver, List.of(n(1), n(3)), List.of(n(1), n(3)),
        Bytes.EMPTY);
    assertEquals(List.of(n(3)), chain.view(e, AssetAbi.BALANCE_OF_1155, receiver, n(3)));
    assertEquals("ERC1155: ids and amounts length mismatch", chain.reverts(BOB, e, AssetAbi.SAFE_BATCH_TRANSFER_FROM,
        BOB, CAROL, List.of(n(2)), List.of(), Bytes.EMPTY));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, e, n(2), "disputed");
    assertEquals("work 2 is frozen by the regulator",
        chain.reverts(BOB, e, AssetAbi.SAFE_TRANSFER_FROM_1155, BOB, CAROL, n(2), n(1), Bytes.EMPTY));
  }

  @Test
  void approvedIssuersCreateCappedPausableTokens() {
    assertEquals("TokenFactory: " + BOB.toChecksumHex() + " is not an approved issuer",
        chain.reverts(BOB, AssetAddresses.TOKENS, AssetAbi.CREATE_TOKEN, "Points", "PTS", n(18), n(0)));
    Address t = (Address) chain.ok(ISSUER, AssetAddresses.TOKENS, AssetAbi.CREATE_TOKEN, "Loyalty Points", "PTS",
        n(2), n(1_000)).get(0);
    assertEquals(List.of(n(2)), chain.view(t, AssetAbi.DECIMALS));
    assertEquals(List.of(n(1000)), chain.view(t, AssetAbi.CAP));
    assertEquals("ERC20: only the issuer " + ISSUER.toChecksumHex() + " may do this",
        chain.reverts(BOB, t, AssetAbi.MINT_20, BOB, n(1)));
    chain.ok(ISSUER, t, AssetAbi.MINT_20, BOB, n(600));
    assertEquals("ERC20Capped: cap exceeded", chain.reverts(ISSUER, t, AssetAbi.MINT_20, BOB, n(401)));
    assertEquals(List.of(true), chain.ok(BOB, t, AssetAbi.TRANSFER, CAROL, n(100)));
    assertEquals(List.of(n(500)), chain.view(t, AssetAbi.BALANCE_OF, BOB));
    assertEquals("ERC20: transfer amount exceeds balance", chain.reverts(CAROL, t, AssetAbi.TRANSFER, BOB, n(101)));
    chain.ok(BOB, t, AssetAbi.APPROVE_20, CAROL, n(50));
    chain.ok(CAROL, t, AssetAbi.TRANSFER_FROM_20, BOB, ALICE, n(50));
    assertEquals("ERC20: insufficient allowance", chain.reverts(CAROL, t, AssetAbi.TRANSFER_FROM_20, BOB, ALICE, n(1)));
    chain.ok(ISSUER, t, AssetAbi.PAUSE);
    assertEquals("ERC20Pausable: token transfer while paused", chain.reverts(BOB, t, AssetAbi.TRANSFER, CAROL, n(1)));
    chain.ok(ISSUER, t, AssetAbi.UNPAUSE);
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_ACCOUNT, CAROL, "fraud report");
    assertEquals("account " + CAROL.toChecksumHex() + " is frozen by the regulator",
        chain.reverts(CAROL, t, AssetAbi.TRANSFER, BOB, n(1)));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_ASSET, t, "whole token");
    assertEquals("token " + t.toChecksumHex() + " is frozen by the regulator",
        chain.reverts(BOB, t, AssetAbi.TRANSFER, ALICE, n(1)));
    assertTrue(chain.reverts(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, t, n(1), "x")
        .contains("fungible token"));
    assertEquals(List.of(n(600)), chain.view(t, AssetAbi.TOTAL_SUPPLY));
  }

  @Test
  void approvedPlatformsCreateUncappedTokensAndBurn() {
    chain.approvedPlatform(PLATFORM_A, "points");
    Address t = (Address) chain.ok(PLATFORM_A, AssetAddresses.TOKENS, AssetAbi.CREATE_TOKEN, "Stars", "STAR", n(0),
        n(0)).get(0);
    chain.ok(PLATFORM_A, t, AssetAbi.MINT_20, PLATFORM_A, n(10));
    chain.ok(PLATFORM_A, t, AssetAbi.BURN_20, n(4));
    assertEquals(List.of(n(6)), chain.view(t, AssetAbi.TOTAL_SUPPLY));
    assertEquals(List.of(n(0)), chain.view(t, AssetAbi.CAP));
    assertEquals("ERC20: burn amount exceeds balance", chain.reverts(PLATFORM_A, t, AssetAbi.BURN_20, n(7)));
  }
}
