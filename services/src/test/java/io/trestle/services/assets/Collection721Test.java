package io.trestle.services.assets;

import static io.trestle.services.assets.AssetTestChain.ALICE;
import static io.trestle.services.assets.AssetTestChain.BOB;
import static io.trestle.services.assets.AssetTestChain.CAROL;
import static io.trestle.services.assets.AssetTestChain.COMMITTEE;
import static io.trestle.services.assets.AssetTestChain.LICENSE_HASH;
import static io.trestle.services.assets.AssetTestChain.LICENSE_URI;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_A;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_B;
import static io.trestle.services.assets.AssetTestChain.ZERO32;
import static io.trestle.services.assets.AssetTestChain.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemContracts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Collection721Test {
  final AssetTestChain chain = new AssetTestChain();

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  Address approvedCollection() {
    chain.approvedPlatform(PLATFORM_A, "museum");
    return chain.collection(PLATFORM_A, "Museum Works");
  }

  @Test
  void aPlatformRegistersUnderItsDidAndWaitsForTheCommittee() {
    chain.ok(PLATFORM_A, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "Palace Museum", "https://dpm.example");
    List<Object> p = chain.view(AssetAddresses.PLATFORMS, AssetAbi.GET_PLATFORM, PLATFORM_A);
    assertEquals(List.of(n(PlatformRegistry.PENDING), "Palace Museum", "https://dpm.example",
        "did:trestle:1337:" + PLATFORM_A.toHex()), p);
    assertEquals(List.of(false), chain.view(AssetAddresses.PLATFORMS, AssetAbi.IS_APPROVED, PLATFORM_A));
    assertEquals("PlatformRegistry: only a committee member approves platforms",
        chain.reverts(BOB, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, PLATFORM_A));
    chain.ok(COMMITTEE, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, PLATFORM_A);
    assertEquals(List.of(true), chain.view(AssetAddresses.PLATFORMS, AssetAbi.IS_APPROVED, PLATFORM_A));
    assertTrue(chain.reverts(PLATFORM_A, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "again", "")
        .contains("already registered"));
    assertEquals(List.of(n(1)), chain.view(AssetAddresses.PLATFORMS, AssetAbi.PLATFORM_COUNT));
  }

  @Test
  void anUnapprovedPlatformCreatesNoCollectionAndMintsNothing() {
    chain.ok(PLATFORM_B, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "pending", "");
    String reason = chain.reverts(PLATFORM_B, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "X", "X", "",
        Address.ZERO, BigInteger.ZERO);
    assertEquals("CollectionFactory: " + PLATFORM_B.toChecksumHex() + " is not an approved, licensed platform", reason);
    assertEquals(UInt256.ZERO, chain.storage(AssetAddresses.COLLECTIONS, Layout.INSTANCE_COUNT));

    Address c = approvedCollection();
    chain.ok(COMMITTEE, AssetAddresses.PLATFORMS, AssetAbi.SUSPEND_PLATFORM, PLATFORM_A, "licence lapsed");
    assertTrue(chain.reverts(PLATFORM_A, c, AssetAbi.MINT, ALICE, fp("w"), ZERO32, "", ALICE, "", ZERO32)
        .contains("is not an approved, licensed platform"));
    assertEquals(UInt256.ONE, chain.storage(c, Layout.NEXT_ID), "nothing minted");
  }

  @Test
  void aCollectionLivesAtItsOwnAddressWithStubCodeAndMetadata() {
    Address c = approvedCollection();
    assertEquals(AssetAddresses.INSTANCES_FIRST, c);
    assertEquals(SystemContracts.STUB_CODE, chain.world.code(c));
    assertEquals(List.of("Museum Works"), chain.view(c, AssetAbi.NAME));
    assertEquals(List.of("SYM"), chain.view(c, AssetAbi.SYMBOL));
    assertEquals(List.of(PLATFORM_A), chain.view(c, AssetAbi.PLATFORM));
    assertEquals(List.of(n(Factories.KIND_ERC721)), chain.view(AssetAddresses.COLLECTIONS, AssetAbi.KIND_OF, c));
    for (int id : new int[] {AssetAbi.ERC165, AssetAbi.ERC721, AssetAbi.ERC721_METADATA, AssetAbi.ERC2981,
        AssetAbi.TRESTLE_WORKS}) {
      assertEquals(List.of(true), chain.view(c, AssetAbi.SUPPORTS_INTERFACE, selector(id)), Integer.toHexString(id));
    }
    assertEquals(List.of(false), chain.view(c, AssetAbi.SUPPORTS_INTERFACE, selector(0xffffffff)));
    assertEquals(List.of(false), chain.view(c, AssetAbi.SUPPORTS_INTERFACE, selector(AssetAbi.ERC1155)));
    assertEquals(List.of(PLATFORM_A, n(25)), chain.view(c, AssetAbi.ROYALTY_INFO, n(1), n(1000)));
    Address second = chain.collection(PLATFORM_A, "Second");
    assertEquals(Address.ofLong(0x7e57_4001L), second);
    assertEquals("no collection or token at " + Address.ofLong(0x7e57_4002L).toChecksumHex() + " yet",
        chain.viewReverts(Address.ofLong(0x7e57_4002L), AssetAbi.NAME));
  }

  static Bytes selector(int id) {
    return Bytes.wrap(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
  }

  @Test
  void mintsTransfersAndEmitsStandardEvents() {
    Address c = approvedCollection();
    TxResult r = chain.send(PLATFORM_A, c, AssetTestChain.encode(AssetAbi.MINT, BOB, fp("sunflowers"), ZERO32, "",
        ALICE, LICENSE_URI, LICENSE_HASH));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    EvmLog transfer = r.logs().stream().filter(l -> l.topics().get(0).equals(AssetAbi.TRANSFER_721.topic0()))
        .findFirst().orElseThrow();
    assertEquals(c, transfer.address());
    assertEquals(4, transfer.topics().size());
    assertEquals(UInt256.ZERO.toHash(), transfer.topics().get(1));
    assertEquals(BOB, chain.ownerOf(c, 1));
    assertEquals(n(1), chain.balanceOf(c, BOB));
    assertEquals(List.of("ipfs://base/1"), chain.view(c, AssetAbi.TOKEN_URI, n(1)));
    assertEquals(List.of(ALICE, ALICE, LICENSE_URI, LICENSE_HASH), chain.view(c, AssetAbi.RIGHTS_OF, n(1)));

    chain.ok(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1));
    assertEquals(CAROL, chain.ownerOf(c, 1));
    assertEquals(n(0), chain.balanceOf(c, BOB));
    assertEquals(n(1), chain.balanceOf(c, CAROL));
    assertEquals(List.of(n(1)), chain.view(c, AssetAbi.TOTAL_SUPPLY));
  }

  @Test
  void aNonOwnerCannotTransferAndNothingChanges() {
    Address c = approvedCollection();
    chain.mint(PLATFORM_A, c, BOB, fp("w"));
    Map<UInt256, UInt256> before = new HashMap<>(chain.world.storageOf(c));
    assertEquals("ERC721: caller is not token owner or approved",
        chain.reverts(CAROL, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1)));
    assertEquals("ERC721: transfer from incorrect owner",
        chain.reverts(BOB, c, AssetAbi.TRANSFER_FROM, CAROL, BOB, n(1)));
    assertEquals("ERC721: invalid token ID", chain.reverts(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(7)));
    assertEquals("ERC721: transfer to the zero address",
        chain.reverts(BOB, c, AssetAbi.TRANSFER_FROM, BOB, Address.ZERO, n(1)));
    assertEquals(before, chain.world.storageOf(c));
    assertEquals("ERC721: invalid token ID", chain.viewReverts(c, AssetAbi.OWNER_OF, n(2)));
    assertEquals("ERC721: address zero is not a valid owner", chain.viewReverts(c, AssetAbi.BALANCE_OF, Address.ZERO));
  }

  @Test
  void approvalsAndOperatorsMoveTokensAndApprovalClearsOnTransfer() {
    Address c = approvedCollection();
    chain.mint(PLATFORM_A, c, BOB, fp("a"));
    chain.mint(PLATFORM_A, c, BOB, fp("b"));
    chain.ok(BOB, c, AssetAbi.APPROVE, CAROL, n(1));
    assertEquals(List.of(CAROL), chain.view(c, AssetAbi.GET_APPROVED, n(1)));
    chain.ok(CAROL, c, AssetAbi.TRANSFER_FROM, BOB, ALICE, n(1));
    assertEquals(List.of(Address.ZERO), chain.view(c, AssetAbi.GET_APPROVED, n(1)));
    assertEquals("ERC721: caller is not token owner or approved",
        chain.reverts(CAROL, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(2)));
    chain.ok(BOB, c, AssetAbi.SET_APPROVAL_FOR_ALL, CAROL, true);
    assertEquals(List.of(true), chain.view(c, AssetAbi.IS_APPROVED_FOR_ALL, BOB, CAROL));
    chain.ok(CAROL, c, AssetAbi.SAFE_TRANSFER_FROM, BOB, CAROL, n(2));
    assertEquals(CAROL, chain.ownerOf(c, 2));
    assertEquals("ERC721: approval to current owner", chain.reverts(CAROL, c, AssetAbi.APPROVE, CAROL, n(2)));
  }

  @Test
  void safeTransferChecksContractReceivers() {
    Address c = approvedCollection();
    chain.mint(PLATFORM_A, c, BOB, fp("a"));
    chain.mint(PLATFORM_A, c, BOB, fp("b"));
    Address receiver = Address.ofLong(0x12ec);
    // returns onERC721Received's selector left-aligned in one word
    chain.world.setCode(receiver, Bytes.fromHex("63150b7a0260e01b60005260206000f3"));
    Address stranger = Address.ofLong(0x5712);
    chain.world.setCode(stranger, Bytes.fromHex("00"));
    chain.ok(BOB, c, AssetAbi.SAFE_TRANSFER_FROM_DATA, BOB, receiver, n(1), Bytes.fromHex("0xbeef"));
    assertEquals(receiver, chain.ownerOf(c, 1));
    assertEquals("ERC721: transfer to non ERC721Receiver implementer",
        chain.reverts(BOB, c, AssetAbi.SAFE_TRANSFER_FROM, BOB, stranger, n(2)));
    assertEquals(BOB, chain.ownerOf(c, 2));
    chain.ok(BOB, c, AssetAbi.TRANSFER_FROM, BOB, stranger, n(2));
    assertEquals(stranger, chain.ownerOf(c, 2), "transferFrom does not ask the receiver");
  }

  @Test
  void batchMintsUpToOneThousandAndRefusesMore() {
    Address c = approvedCollection();
    List<Bytes> fps = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      fps.add(fp("work " + i));
    }
    String reason = chain.reverts(PLATFORM_A, c, AssetAbi.MINT_BATCH, BOB, fps, List.of(), ALICE, "", ZERO32);
    assertEquals("ERC721: mintBatch takes at most 1000 tokens, got 1001", reason);
    assertEquals(UInt256.ONE, chain.storage(c, Layout.NEXT_ID));
    TxResult r = chain.send(PLATFORM_A, c, AssetTestChain.encode(AssetAbi.MINT_BATCH, BOB, fps.subList(0, 1000),
        List.of(), ALICE, LICENSE_URI, LICENSE_HASH));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    assertEquals(n(1000), chain.balanceOf(c, BOB));
    assertEquals(BOB, chain.ownerOf(c, 1000));
    assertEquals(1000, r.logs().stream().filter(l -> l.topics().get(0).equals(AssetAbi.TRANSFER_721.topic0())).count());
    // ADR 0300: a batch writes a page word per 16 tokens instead of an owner word per token
    assertTrue(r.gasUsed() < 30_000_000L, "gas of a 1000-token batch: " + r.gasUsed());
  }

  /** Ids 2..41 in one batch: page 1 (ids 16..31) is minted whole, the ids around it are not. */
  @Test
  void batchMintedTokensShareAPageWordUntilTheyMove() {
    Address c = approvedCollection();
    chain.mint(PLATFORM_A, c, CAROL, fp("single"));
    List<Bytes> fps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fps.add(fp("paged " + i));
    }
    TxResult r = chain.send(PLATFORM_A, c, AssetTestChain.encode(AssetAbi.MINT_BATCH, BOB, fps, List.of(), ALICE,
        LICENSE_URI, LICENSE_HASH));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    long rightsId = 2;
    assertEquals(Word.pack(BOB, rightsId, 0), chain.storage(c, Layout.map(Layout.TOKEN_PAGE, 1)));
    for (long id = 2; id <= 41; id++) {
      boolean paged = id >= 16 && id <= 31;
      assertEquals(paged ? UInt256.ZERO : Word.pack(BOB, rightsId, 0), chain.storage(c, Layout.map(Layout.TOKEN, id)),
          "own word of token " + id);
      assertEquals(BOB, chain.ownerOf(c, id));
      assertEquals(List.of(c, n(id), true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fps.get((int) id - 2)));
    }
    assertTrue(chain.storage(c, Layout.map(Layout.TOKEN_PAGE, 0)).isZero(), "page 0 was not minted whole");
    assertTrue(chain.storage(c, Layout.map(Layout.TOKEN_PAGE, 2)).isZero(), "page 2 was not minted whole");
    assertEquals("ERC721: invalid token ID", chain.viewReverts(c, AssetAbi.OWNER_OF, n(42)));
    assertEquals(List.of(ALICE, ALICE, LICENSE_URI, LICENSE_HASH), chain.view(c, AssetAbi.RIGHTS_OF, n(20)));
    assertEquals(List.of("ipfs://base/20"), chain.view(c, AssetAbi.TOKEN_URI, n(20)));

    // a transfer gives the token its own word; its page neighbours keep the page's
    chain.ok(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(20));
    assertEquals(CAROL, chain.ownerOf(c, 20));
    assertEquals(BOB, chain.ownerOf(c, 19));
    assertEquals(BOB, chain.ownerOf(c, 21));
    assertEquals(n(39), chain.balanceOf(c, BOB));
    assertEquals(n(2), chain.balanceOf(c, CAROL));

    // a burned paged token stays burned and frees its fingerprint
    chain.ok(BOB, c, AssetAbi.BURN, n(21));
    assertEquals("ERC721: invalid token ID", chain.viewReverts(c, AssetAbi.OWNER_OF, n(21)));
    assertEquals(Word.pack(Address.ZERO, 0, Layout.BURNED), chain.storage(c, Layout.map(Layout.TOKEN, 21)));
    assertFalse((Boolean) chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fps.get(19)).get(2));
    assertEquals("ERC721: invalid token ID", chain.reverts(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(21)));
    assertEquals(BOB, chain.ownerOf(c, 22));
    assertEquals(List.of(n(40)), chain.view(c, AssetAbi.TOTAL_SUPPLY));
    // a token outside any page is burned to a zero word, as before pages
    chain.ok(BOB, c, AssetAbi.BURN, n(2));
    assertEquals(UInt256.ZERO, chain.storage(c, Layout.map(Layout.TOKEN, 2)));

    // approvals and the regulator's freeze work on a token that only had its page's word
    chain.ok(BOB, c, AssetAbi.APPROVE, CAROL, n(23));
    assertEquals(List.of(CAROL), chain.view(c, AssetAbi.GET_APPROVED, n(23)));
    chain.ok(CAROL, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(23));
    assertEquals(CAROL, chain.ownerOf(c, 23));
    chain.ok(AssetTestChain.REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, c, n(24), "order");
    assertEquals(List.of(true), chain.view(AssetAddresses.SUPERVISION, AssetAbi.IS_TOKEN_FROZEN, c, n(24)));
    assertEquals(List.of(false), chain.view(AssetAddresses.SUPERVISION, AssetAbi.IS_TOKEN_FROZEN, c, n(25)));
    assertTrue(chain.reverts(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(24)).contains("is frozen"));
    assertEquals(BOB, chain.ownerOf(c, 24));
    chain.ok(BOB, c, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(25));

    // the node's views read the same rule
    AssetViews views = new AssetViews(chain.world::storage, AssetTestChain.CHAIN_ID);
    assertEquals(BOB, views.ownerOf(c, 26).orElseThrow());
    assertEquals(CAROL, views.ownerOf(c, 20).orElseThrow());
    assertTrue(views.ownerOf(c, 21).isEmpty());
    AssetViews.TokenInfo t = views.token(c, 26).orElseThrow();
    assertEquals(BOB, t.owner());
    assertEquals(ALICE, t.creator());
    assertTrue(views.token(c, 21).isEmpty());
    assertTrue(views.token(c, 24).orElseThrow().frozen());
  }

  @Test
  void aDuplicateInsideAPageOfTheBatchIsRefused() {
    Address c = approvedCollection();
    List<Bytes> fps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fps.add(fp("work " + (i == 30 ? 20 : i)));
    }
    assertEquals("fingerprint " + fp("work 20").toHex() + " is already registered: asset " + c.toChecksumHex()
        + " token 21", chain.reverts(PLATFORM_A, c, AssetAbi.MINT_BATCH, BOB, fps, List.of(), ALICE, "", ZERO32));
    assertTrue(chain.storage(c, Layout.map(Layout.TOKEN_PAGE, 1)).isZero(), "nothing of the batch stays");
    assertEquals(UInt256.ONE, chain.storage(c, Layout.NEXT_ID));
  }

  @Test
  void malformedMetadataIsRefusedWithAReason() {
    chain.approvedPlatform(PLATFORM_A, "museum");
    assertEquals("symbol must be printable ASCII without spaces", chain.reverts(PLATFORM_A, AssetAddresses.COLLECTIONS,
        AssetAbi.CREATE_COLLECTION, "Name", "S Y", "", Address.ZERO, BigInteger.ZERO));
    assertEquals("baseURI must start with a scheme such as ipfs: or https:", chain.reverts(PLATFORM_A,
        AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "Name", "SY", "no scheme", Address.ZERO, BigInteger.ZERO));
    assertEquals("name must not be empty", chain.reverts(PLATFORM_A, AssetAddresses.COLLECTIONS,
        AssetAbi.CREATE_COLLECTION, " ", "SY", "", Address.ZERO, BigInteger.ZERO));
    assertEquals("CollectionFactory: royaltyBps must be at most 10000, got 10001", chain.reverts(PLATFORM_A,
        AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "N", "SY", "", PLATFORM_A, n(10_001)));
    Address c = chain.collection(PLATFORM_A, "ok");
    assertEquals("licenseURI and licenseHash must be given together",
        chain.reverts(PLATFORM_A, c, AssetAbi.MINT, BOB, fp("x"), ZERO32, "", ALICE, LICENSE_URI, ZERO32));
    assertEquals("fingerprint of work 1 must not be zero",
        chain.reverts(PLATFORM_A, c, AssetAbi.MINT, BOB, ZERO32, ZERO32, "", ALICE, "", ZERO32));
    assertEquals("tokenURI must be printable ASCII without spaces (percent-encode the rest)",
        chain.reverts(PLATFORM_A, c, AssetAbi.MINT, BOB, fp("x"), ZERO32, "ipfs://a b", ALICE, "", ZERO32));
    // call data that is not an ABI encoding of the arguments
    TxResult garbage = chain.send(PLATFORM_A, c, Bytes.wrap(Hex.decode("40c10f19" + "00".repeat(10))));
    assertEquals(TxResult.Status.REVERTED, garbage.status());
    assertTrue(AssetTestChain.reason(garbage).startsWith("ERC721: "), AssetTestChain.reason(garbage));
    assertEquals(UInt256.ONE, chain.storage(c, Layout.NEXT_ID));
  }

  @Test
  void ownTokenUriAndBurnFreeTheWork() {
    Address c = approvedCollection();
    chain.ok(PLATFORM_A, c, AssetAbi.MINT, BOB, fp("w"), ZERO32, "ar://tx123", ALICE, "", ZERO32);
    assertEquals(List.of("ar://tx123"), chain.view(c, AssetAbi.TOKEN_URI, n(1)));
    assertEquals("ERC721: caller is not token owner or approved", chain.reverts(CAROL, c, AssetAbi.BURN, n(1)));
    chain.ok(BOB, c, AssetAbi.BURN, n(1));
    assertEquals("ERC721: invalid token ID", chain.viewReverts(c, AssetAbi.OWNER_OF, n(1)));
    assertEquals(List.of(n(0)), chain.view(c, AssetAbi.TOTAL_SUPPLY));
    List<Object> found = chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("w"));
    assertFalse((Boolean) found.get(2), "a burned token no longer holds its fingerprint");
    assertEquals(2L, chain.mint(PLATFORM_A, c, BOB, fp("w")));
    assertEquals(List.of(c, n(2), true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("w")));
  }

  @Test
  void onlyTheRightHolderTransfersRightsAndOwnershipStaysPut() {
    Address c = approvedCollection();
    chain.mint(PLATFORM_A, c, BOB, fp("w"));
    assertTrue(chain.reverts(BOB, c, AssetAbi.TRANSFER_RIGHTS, n(1), BOB).startsWith("rights: only the right holder"));
    TxResult r = chain.send(ALICE, c, AssetTestChain.encode(AssetAbi.TRANSFER_RIGHTS, n(1), CAROL));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    assertEquals(AssetAbi.RIGHTS_TRANSFERRED.topic0(), r.logs().get(0).topics().get(0));
    assertEquals(List.of(ALICE, CAROL, LICENSE_URI, LICENSE_HASH), chain.view(c, AssetAbi.RIGHTS_OF, n(1)));
    assertEquals(BOB, chain.ownerOf(c, 1));
  }

  @Test
  void onlyTheCollectionsPlatformMints() {
    Address c = approvedCollection();
    chain.approvedPlatform(PLATFORM_B, "other");
    assertEquals("ERC721: only the collection's platform " + PLATFORM_A.toChecksumHex() + " mints",
        chain.reverts(PLATFORM_B, c, AssetAbi.MINT, BOB, fp("w"), ZERO32, "", ALICE, "", ZERO32));
    assertEquals("asset contracts do not accept ether", AssetTestChain.reason(chain.processor.process(
        io.trestle.evm.Message.legacy(BOB, c, 0, 100_000, AssetTestChain.GWEI, BigInteger.ONE,
            AssetTestChain.encode(AssetAbi.NAME)), chain.env(), chain.world)));
  }
}
