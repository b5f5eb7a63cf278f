package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the logs of the asset contracts into typed events for indexers (the node's asset index, explorers).
 * Logs from other addresses, and logs that do not decode (they cannot come from these contracts), give nothing.
 */
public final class AssetEvents {
  private AssetEvents() {}

  /** One decoded asset event. */
  public sealed interface Event permits NftTransfer, FungibleTransfer, WorksRegistered, RightsDefined,
      RightsTransferred, Reissued, AssetCreated, PlatformChanged, Supervised, ReissueAuthorization {}

  /** Editions ({@code amount}) of an NFT moved; mint from zero, burn to zero. ERC-721 moves amount 1. */
  public record NftTransfer(Address asset, Address from, Address to, long id, BigInteger amount) implements Event {}

  public record FungibleTransfer(Address asset, Address from, Address to, BigInteger amount) implements Event {}

  public record WorksRegistered(Address asset, long firstId, long rightsId, List<Bytes> fingerprints,
      List<Bytes> perceptualHashes) implements Event {}

  public record RightsDefined(Address asset, long rightsId, Address creator, Address rightHolder, String licenseUri,
      Bytes licenseHash) implements Event {}

  public record RightsTransferred(Address asset, long id, Address from, Address to) implements Event {}

  public record Reissued(Address asset, long id, Bytes fingerprint, Address originalAsset, long originalId)
      implements Event {}

  public record AssetCreated(Address asset, Address issuer, AssetViews.Kind kind, String name, String symbol)
      implements Event {}

  /** {@code action}: registered, approved or suspended; {@code by} is the committee member (or the platform). */
  public record PlatformChanged(Address platform, String action, Address by, String detail) implements Event {}

  /**
   * A regulator's action: {@code action} is freeze or unfreeze, {@code scope} token, asset or account;
   * {@code target} is the asset (or the account) and {@code id} the token for scope token.
   */
  public record Supervised(String action, String scope, Address target, long id, Address regulator, String reason)
      implements Event {}

  public record ReissueAuthorization(Bytes fingerprint, Address collection, Address rightHolder, boolean granted)
      implements Event {}

  private interface Decoder {
    List<Event> decode(Address emitter, List<Hash> topics, Bytes data) throws AbiException;
  }

  private static final Map<Hash, Decoder> DECODERS = new HashMap<>();

  static {
    on(AssetAbi.TRANSFER_721, (e, t, d) -> t.size() == 4
        ? List.of(new NftTransfer(e, addr(t, 1), addr(t, 2), id(t.get(3)), BigInteger.ONE))
        : t.size() == 3 ? List.of(new FungibleTransfer(e, addr(t, 1), addr(t, 2), uint(d))) : List.of());
    on(AssetAbi.TRANSFER_SINGLE, (e, t, d) -> {
      List<Object> v = data(AssetAbi.TRANSFER_SINGLE, d);
      return List.of(new NftTransfer(e, addr(t, 2), addr(t, 3), id((BigInteger) v.get(0)), (BigInteger) v.get(1)));
    });
    on(AssetAbi.TRANSFER_BATCH, (e, t, d) -> {
      List<Object> v = data(AssetAbi.TRANSFER_BATCH, d);
      List<?> ids = (List<?>) v.get(0);
      List<?> amounts = (List<?>) v.get(1);
      List<Event> out = new ArrayList<>();
      for (int i = 0; i < Math.min(ids.size(), amounts.size()); i++) {
        out.add(new NftTransfer(e, addr(t, 2), addr(t, 3), id((BigInteger) ids.get(i)), (BigInteger) amounts.get(i)));
      }
      return out;
    });
    on(AssetAbi.WORKS_REGISTERED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.WORKS_REGISTERED, d);
      return List.of(new WorksRegistered(e, id(t.get(1)), id(t.get(2)), bytesList(v.get(0)), bytesList(v.get(1))));
    });
    on(AssetAbi.RIGHTS_DEFINED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.RIGHTS_DEFINED, d);
      return List.of(new RightsDefined(e, id(t.get(1)), addr(t, 2), addr(t, 3), (String) v.get(0), (Bytes) v.get(1)));
    });
    on(AssetAbi.RIGHTS_TRANSFERRED, (e, t, d) -> List.of(new RightsTransferred(e, id(t.get(1)), addr(t, 2), addr(t, 3))));
    on(AssetAbi.REISSUED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.REISSUED, d);
      return List.of(new Reissued(e, id(t.get(1)), t.get(2).toBytes(), (Address) v.get(0), id((BigInteger) v.get(1))));
    });
    on(AssetAbi.COLLECTION_CREATED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.COLLECTION_CREATED, d);
      return List.of(new AssetCreated(addr(t, 1), addr(t, 2), AssetViews.Kind.of(((BigInteger) v.get(0)).intValue()),
          (String) v.get(1), (String) v.get(2)));
    });
    on(AssetAbi.TOKEN_CREATED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.TOKEN_CREATED, d);
      return List.of(new AssetCreated(addr(t, 1), addr(t, 2), AssetViews.Kind.ERC20, (String) v.get(0), (String) v.get(1)));
    });
    on(AssetAbi.PLATFORM_REGISTERED, (e, t, d) -> {
      List<Object> v = data(AssetAbi.PLATFORM_REGISTERED, d);
      return List.of(new PlatformChanged(addr(t, 1), "registered", addr(t, 1), (String) v.get(1)));
    });
    on(AssetAbi.PLATFORM_APPROVED, (e, t, d) -> List.of(new PlatformChanged(addr(t, 1), "approved", addr(t, 2), "")));
    on(AssetAbi.PLATFORM_SUSPENDED, (e, t, d) -> List.of(new PlatformChanged(addr(t, 1), "suspended", addr(t, 2),
        (String) data(AssetAbi.PLATFORM_SUSPENDED, d).get(0))));
    on(AssetAbi.TOKEN_FROZEN, (e, t, d) -> supervisedToken("freeze", t, d));
    on(AssetAbi.TOKEN_UNFROZEN, (e, t, d) -> supervisedToken("unfreeze", t, d));
    on(AssetAbi.ASSET_FROZEN, (e, t, d) -> supervised("freeze", "asset", t, d));
    on(AssetAbi.ASSET_UNFROZEN, (e, t, d) -> supervised("unfreeze", "asset", t, d));
    on(AssetAbi.ACCOUNT_FROZEN, (e, t, d) -> supervised("freeze", "account", t, d));
    on(AssetAbi.ACCOUNT_UNFROZEN, (e, t, d) -> supervised("unfreeze", "account", t, d));
    on(AssetAbi.REISSUE_AUTHORIZED_EVENT, (e, t, d) ->
        List.of(new ReissueAuthorization(t.get(1).toBytes(), addr(t, 2), addr(t, 3), true)));
    on(AssetAbi.REISSUE_REVOKED, (e, t, d) ->
        List.of(new ReissueAuthorization(t.get(1).toBytes(), addr(t, 2), addr(t, 3), false)));
  }

  /** The events of one log; empty when it is not an asset contract's or does not decode. */
  public static List<Event> decode(Address emitter, List<Hash> topics, Bytes data) {
    if (topics.isEmpty() || !(AssetAddresses.isInstance(emitter) || AssetAddresses.fixed().contains(emitter))) {
      return List.of();
    }
    Decoder d = DECODERS.get(topics.get(0));
    if (d == null) {
      return List.of();
    }
    try {
      return d.decode(emitter, topics, data);
    } catch (AbiException | RuntimeException malformed) {
      return List.of();
    }
  }

  /** Whether a log's emitter is an asset contract (fixed or instance). */
  public static boolean isAssetEmitter(Address emitter) {
    return AssetAddresses.isInstance(emitter) || AssetAddresses.fixed().contains(emitter);
  }

  private static void on(AbiEvent event, Decoder d) {
    DECODERS.put(event.topic0(), d);
  }

  private static List<Event> supervisedToken(String action, List<Hash> t, Bytes d) throws AbiException {
    return List.of(new Supervised(action, "token", addr(t, 1), id(t.get(2)), addr(t, 3), string(d)));
  }

  private static List<Event> supervised(String action, String scope, List<Hash> t, Bytes d) throws AbiException {
    return List.of(new Supervised(action, scope, addr(t, 1), 0, addr(t, 2), string(d)));
  }

  private static String string(Bytes d) throws AbiException {
    return (String) AbiCodec.decode(List.of(AbiType.STRING), d).get(0);
  }

  private static List<Object> data(AbiEvent event, Bytes d) throws AbiException {
    List<AbiType> types = new ArrayList<>();
    for (int i = 0; i < event.types().size(); i++) {
      if (!event.indexed().get(i)) {
        types.add(event.types().get(i));
      }
    }
    return AbiCodec.decode(types, d);
  }

  private static Address addr(List<Hash> topics, int i) {
    return Address.wrap(java.util.Arrays.copyOfRange(topics.get(i).unsafeArray(), 12, 32));
  }

  private static long id(Hash topic) {
    return id(new BigInteger(1, topic.unsafeArray()));
  }

  private static long id(BigInteger v) {
    if (v.bitLength() > 63) {
      throw new IllegalArgumentException("id out of range");
    }
    return v.longValue();
  }

  private static BigInteger uint(Bytes d) throws AbiException {
    return (BigInteger) AbiCodec.decode(List.of(AbiType.UINT256), d).get(0);
  }

  private static List<Bytes> bytesList(Object v) {
    List<Bytes> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add((Bytes) o);
    }
    return out;
  }
}
