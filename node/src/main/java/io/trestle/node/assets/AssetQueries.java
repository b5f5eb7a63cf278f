package io.trestle.node.assets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.execution.Chain;
import io.trestle.services.assets.AssetAddresses;
import io.trestle.services.assets.AssetViews;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The asset queries REST and JSON-RPC share (ADR 0299): current facts from the state after the head block, lists
 * and histories from the {@link AssetIndex}. Every list is a page of at most {@link AssetIndex#PAGE_MAX} entries
 * with a cursor for the next one. Thread-safe.
 */
public final class AssetQueries {
  public static final int DEFAULT_LIMIT = 100;
  /** How many token ids one page of a collection's tokens may look at, so burned gaps cannot make it unbounded. */
  static final int COLLECTION_SCAN_FACTOR = 4;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Chain chain;
  private final AssetIndex index;

  public AssetQueries(Chain chain, AssetIndex index) {
    this.chain = chain;
    this.index = index;
  }

  public AssetIndex index() {
    return index;
  }

  /** Views of the state after the current head. */
  public AssetViews views() {
    WorldState state = chain.stateAt(chain.head().number());
    if (state == null) {
      throw new IllegalStateException("state of the head block is missing");
    }
    return new AssetViews((a, slot) -> UInt256.fromBytes(state.storage(a, Bytes.wrap(slot.toArray())).unsafeArray()),
        chain.genesis().chainId());
  }

  // ---- parsing ----

  static Address address(String field, String text) throws AssetQueryException {
    if (text == null) {
      throw AssetQueryException.badInput(field + " is required");
    }
    String t = text.trim();
    if (!t.matches("0[xX][0-9a-fA-F]{40}")) {
      throw AssetQueryException.badInput(field + " must be a 0x-prefixed 20-byte hex address, got " + abbreviate(t));
    }
    return Address.fromHex(t);
  }

  /** An account given as an address or as its DID on this chain. */
  Address account(String field, String text) throws AssetQueryException {
    if (text != null && text.startsWith("did:")) {
      String prefix = "did:trestle:" + chain.genesis().chainId() + ":";
      if (!text.startsWith(prefix)) {
        throw AssetQueryException.badInput(field + " must be a did:trestle DID of chain " + chain.genesis().chainId()
            + ", got " + abbreviate(text));
      }
      return address(field, text.substring(prefix.length()));
    }
    return address(field, text);
  }

  static long id(String field, String text) throws AssetQueryException {
    try {
      long v = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      if (v <= 0) {
        throw AssetQueryException.badInput(field + " must be positive, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw AssetQueryException.badInput(field + " must be a token id below 2^63, got " + abbreviate(text));
    }
  }

  static Bytes bytes32(String field, String text) throws AssetQueryException {
    if (text == null || !text.matches("0[xX][0-9a-fA-F]{64}")) {
      throw AssetQueryException.badInput(field + " must be 0x and 64 hex digits, got " + abbreviate(String.valueOf(text)));
    }
    return Bytes.fromHex(text);
  }

  static int limit(Integer limit) throws AssetQueryException {
    int l = limit == null ? DEFAULT_LIMIT : limit;
    if (l < 1 || l > AssetIndex.PAGE_MAX) {
      throw AssetQueryException.badInput("limit must be within [1, " + AssetIndex.PAGE_MAX + "], got " + l);
    }
    return l;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  // ---- answers ----

  /**
   * The rights certificate of a work (docs/assets.md), or a not-found answer naming why none exists yet: the
   * certificate needs the block after its last record to be committed with its commit certificate.
   */
  public ObjectNode certificate(String assetText, String idText) throws AssetQueryException {
    Address asset = address("asset", assetText);
    long id = id("id", idText);
    RightsCertificate c = new RightsCertificates(chain, index).build(asset, id);
    if (c == null) {
      throw AssetQueryException.notFound("the rights records of work " + Long.toUnsignedString(id)
          + " are not certified yet: ask again after the next block");
    }
    return RightsCertificateJson.toJson(c);
  }

  public ObjectNode token(String assetText, String idText) throws AssetQueryException {
    Address asset = address("asset", assetText);
    long id = id("id", idText);
    AssetViews views = views();
    AssetViews.TokenInfo t = views.token(asset, id)
        .orElseThrow(() -> AssetQueryException.notFound("no token " + id + " in " + asset.toChecksumHex()));
    return tokenJson(views, t);
  }

  ObjectNode tokenJson(AssetViews views, AssetViews.TokenInfo t) {
    ObjectNode o = JSON.objectNode();
    o.put("asset", t.asset().toChecksumHex());
    o.put("id", Long.toString(t.id()));
    views.asset(t.asset()).ifPresent(a -> o.put("kind", a.kind().name()));
    if (!t.owner().equals(Address.ZERO)) {
      o.put("owner", t.owner().toChecksumHex());
      o.put("ownerDid", views.did(t.owner()));
    } else {
      o.put("editions", t.editions().toBigInteger().toString());
    }
    o.put("uri", t.uri());
    o.put("frozen", t.frozen());
    o.put("reissue", t.reissue());
    ObjectNode rights = o.putObject("rights");
    rights.put("rightsId", t.rightsId());
    rights.put("creator", t.creator().toChecksumHex());
    rights.put("creatorDid", views.did(t.creator()));
    rights.put("rightHolder", t.rightHolder().toChecksumHex());
    rights.put("rightHolderDid", views.did(t.rightHolder()));
    rights.put("licenseUri", t.licenseUri());
    rights.put("licenseHash", t.licenseHash().toHex());
    AssetIndex.Work w = index.work(t.asset(), t.id());
    if (w != null) {
      o.put("fingerprint", w.fingerprint().toHex());
      o.put("perceptualHash", w.perceptualHash().toHex());
      ObjectNode minted = o.putObject("minted");
      minted.put("block", w.block());
      minted.put("transaction", w.tx().toHex());
    }
    return o;
  }

  public ObjectNode asset(String assetText) throws AssetQueryException {
    Address asset = address("asset", assetText);
    AssetViews views = views();
    return assetJson(views, views.asset(asset)
        .orElseThrow(() -> AssetQueryException.notFound("no collection or token at " + asset.toChecksumHex())));
  }

  private static ObjectNode assetJson(AssetViews views, AssetViews.AssetInfo a) {
    ObjectNode o = JSON.objectNode();
    o.put("address", a.address().toChecksumHex());
    o.put("kind", a.kind().name());
    o.put("issuer", a.issuer().toChecksumHex());
    o.put("issuerDid", views.did(a.issuer()));
    o.put("name", a.name());
    o.put("symbol", a.symbol());
    o.put("frozen", a.frozen());
    if (a.kind() == AssetViews.Kind.ERC20) {
      o.put("paused", a.paused());
      o.put("totalSupply", a.supply().toBigInteger().toString());
    } else {
      o.put("nextId", a.nextId());
      if (a.kind() == AssetViews.Kind.ERC721) {
        o.put("totalSupply", a.supply().toBigInteger().toString());
      }
    }
    return o;
  }

  /** Collections and tokens in creation order, or those one issuer created. */
  public ObjectNode assets(String issuerText, String cursor, Integer limitParam) throws AssetQueryException {
    int limit = limit(limitParam);
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    if (issuerText != null) {
      AssetIndex.Page<Address> p = index(() -> index.issuedBy(account("issuer", issuerText), cursor, limit));
      for (Address a : p.items()) {
        views.asset(a).ifPresent(info -> items.add(assetJson(views, info)));
      }
      return finish(page, p.next());
    }
    long from = cursor == null ? 0 : id("cursor", cursor) ;
    long count = views.assetCount();
    long i = from;
    for (; i < count && items.size() < limit; i++) {
      views.asset(AssetAddresses.instance(i)).ifPresent(info -> items.add(assetJson(views, info)));
    }
    return finish(page, i < count ? Long.toString(i) : null);
  }

  /** The live tokens of a collection in id order; a page looks at a bounded number of ids. */
  public ObjectNode collectionTokens(String assetText, String cursor, Integer limitParam) throws AssetQueryException {
    Address asset = address("asset", assetText);
    int limit = limit(limitParam);
    AssetViews views = views();
    AssetViews.AssetInfo info = views.asset(asset)
        .orElseThrow(() -> AssetQueryException.notFound("no collection at " + asset.toChecksumHex()));
    if (info.kind() == AssetViews.Kind.ERC20) {
      throw AssetQueryException.badInput(asset.toChecksumHex() + " is a fungible token, not a collection");
    }
    long id = cursor == null ? 1 : id("cursor", cursor) + 1;
    long stop = Math.min(info.nextId(), id + (long) limit * COLLECTION_SCAN_FACTOR);
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    for (; id < stop && items.size() < limit; id++) {
      views.token(asset, id).ifPresent(t -> items.add(tokenJson(views, t)));
    }
    return finish(page, id < info.nextId() ? Long.toString(id - 1) : null);
  }

  public ObjectNode owned(String ownerText, String cursor, Integer limitParam) throws AssetQueryException {
    Address owner = account("owner", ownerText);
    int limit = limit(limitParam);
    AssetIndex.Page<AssetIndex.Owned> p = index(() -> index.owned(owner, cursor, limit));
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    page.put("owner", owner.toChecksumHex());
    page.put("ownerDid", views.did(owner));
    ArrayNode items = page.putArray("items");
    for (AssetIndex.Owned o : p.items()) {
      ObjectNode item = items.addObject();
      item.put("asset", o.asset().toChecksumHex());
      item.put("id", Long.toString(o.id()));
      item.put("amount", o.amount().toString());
    }
    return finish(page, p.next());
  }

  public ObjectNode created(String creatorText, String cursor, Integer limitParam) throws AssetQueryException {
    Address creator = account("creator", creatorText);
    int limit = limit(limitParam);
    AssetIndex.Page<AssetIndex.Owned> p = index(() -> index.created(creator, cursor, limit));
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    page.put("creator", creator.toChecksumHex());
    page.put("creatorDid", views.did(creator));
    ArrayNode items = page.putArray("items");
    for (AssetIndex.Owned o : p.items()) {
      Optional<AssetViews.TokenInfo> t = views.token(o.asset(), o.id());
      if (t.isPresent()) {
        items.add(tokenJson(views, t.get()));
      } else {
        items.addObject().put("asset", o.asset().toChecksumHex()).put("id", Long.toString(o.id())).put("burned", true);
      }
    }
    return finish(page, p.next());
  }

  public ObjectNode fingerprint(String hashText, String cursor, Integer limitParam) throws AssetQueryException {
    Bytes hash = bytes32("fingerprint", hashText);
    int limit = limit(limitParam);
    AssetViews views = views();
    ObjectNode o = JSON.objectNode();
    o.put("fingerprint", hash.toHex());
    entry(o, "registered", views.fingerprint(hash));
    entry(o, "perceptual", views.perceptualHash(hash));
    AssetIndex.Page<AssetIndex.Owned> content = index(() -> index.withFingerprint(hash, false, cursor, limit));
    ArrayNode works = o.putArray("items");
    for (AssetIndex.Owned w : content.items()) {
      ObjectNode item = works.addObject().put("asset", w.asset().toChecksumHex()).put("id", Long.toString(w.id()));
      Optional<AssetViews.TokenInfo> t = views.token(w.asset(), w.id());
      item.put("live", t.isPresent());
      t.ifPresent(info -> item.put("reissue", info.reissue()));
    }
    return finish(o, content.next());
  }

  private static void entry(ObjectNode o, String field, Optional<AssetViews.FingerprintEntry> e) {
    if (e.isEmpty()) {
      o.putNull(field);
      return;
    }
    o.putObject(field).put("asset", e.get().asset().toChecksumHex()).put("id", Long.toString(e.get().id()))
        .put("live", e.get().live());
  }

  public ObjectNode history(String assetText, String idText, boolean rights, String cursor, Integer limitParam)
      throws AssetQueryException {
    Address asset = address("asset", assetText);
    long id = id("id", idText);
    int limit = limit(limitParam);
    AssetIndex.Page<AssetIndex.Move> p = index(() -> rights
        ? index.rightsHistory(asset, id, cursor, limit) : index.history(asset, id, cursor, limit));
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    page.put("asset", asset.toChecksumHex());
    page.put("id", Long.toString(id));
    ArrayNode items = page.putArray("items");
    for (AssetIndex.Move m : p.items()) {
      ObjectNode item = items.addObject();
      item.put("block", m.block());
      item.put("transaction", m.tx().toHex());
      item.put("logIndex", m.logIndex());
      item.put("kind", rights ? "rights" : m.from().equals(Address.ZERO) ? "mint"
          : m.to().equals(Address.ZERO) ? "burn" : "transfer");
      item.put("from", m.from().toChecksumHex());
      item.put("fromDid", views.did(m.from()));
      item.put("to", m.to().toChecksumHex());
      item.put("toDid", views.did(m.to()));
      if (!rights) {
        item.put("amount", m.amount().toString());
      }
    }
    return finish(page, p.next());
  }

  public ObjectNode platform(String addressText) throws AssetQueryException {
    Address platform = address("platform", addressText);
    AssetViews.PlatformInfo p = views().platform(platform)
        .orElseThrow(() -> AssetQueryException.notFound("no platform registered by " + platform.toChecksumHex()));
    return platformJson(p);
  }

  private static ObjectNode platformJson(AssetViews.PlatformInfo p) {
    ObjectNode o = JSON.objectNode();
    o.put("address", p.address().toChecksumHex());
    o.put("did", p.did());
    o.put("status", p.status());
    o.put("name", p.name());
    o.put("uri", p.uri());
    o.put("registeredBlock", p.registeredBlock());
    return o;
  }

  public ObjectNode platforms(String cursor, Integer limitParam) throws AssetQueryException {
    int limit = limit(limitParam);
    AssetIndex.Page<Address> p = index(() -> index.platforms(cursor, limit));
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    for (Address a : p.items()) {
      views.platform(a).ifPresent(info -> items.add(platformJson(info)));
    }
    return finish(page, p.next());
  }

  public ObjectNode supervision(String cursor, Integer limitParam) throws AssetQueryException {
    int limit = limit(limitParam);
    AssetIndex.Page<AssetIndex.SupervisionAction> p = index(() -> index.supervision(cursor, limit));
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    for (AssetIndex.SupervisionAction s : p.items()) {
      ObjectNode item = items.addObject();
      item.put("block", s.block());
      item.put("transaction", s.tx().toHex());
      item.put("action", s.action());
      item.put("scope", s.scope());
      item.put("target", s.target().toChecksumHex());
      if (s.scope().equals("token")) {
        item.put("id", Long.toString(s.id()));
      }
      item.put("regulator", s.regulator().toChecksumHex());
      item.put("reason", s.reason());
    }
    return finish(page, p.next());
  }

  /** Fungible tokens an account holds, with balances from state. */
  public ObjectNode holdings(String ownerText, String cursor, Integer limitParam) throws AssetQueryException {
    Address owner = account("owner", ownerText);
    int limit = limit(limitParam);
    AssetIndex.Page<Address> p = index(() -> index.holdings(owner, cursor, limit));
    AssetViews views = views();
    ObjectNode page = JSON.objectNode();
    ArrayNode items = page.putArray("items");
    for (Address token : p.items()) {
      BigInteger balance = views.balanceOf(token, owner).toBigInteger();
      ObjectNode item = items.addObject().put("token", token.toChecksumHex()).put("balance", balance.toString());
      views.asset(token).ifPresent(a -> item.put("symbol", a.symbol()));
    }
    return finish(page, p.next());
  }

  private ObjectNode finish(ObjectNode page, String next) {
    if (next == null) {
      page.putNull("next");
    } else {
      page.put("next", next);
    }
    page.put("indexedHeight", index.height());
    return page;
  }

  private interface IndexQuery<T> {
    AssetIndex.Page<T> run() throws AssetIndex.BadCursorException, AssetQueryException;
  }

  private static <T> AssetIndex.Page<T> index(IndexQuery<T> q) throws AssetQueryException {
    try {
      return q.run();
    } catch (AssetIndex.BadCursorException e) {
      throw AssetQueryException.badInput(e.getMessage());
    }
  }
}
