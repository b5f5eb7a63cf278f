package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import java.util.Objects;

/**
 * The asset contracts as one system-contract family (ADR 0290): one object registered at the five fixed addresses
 * and over the instance range, so that they may write each other's storage (a mint writes the collection and the
 * fingerprint registry; a freeze writes the token it stops). Dispatches by the called address, then by selector.
 */
public final class AssetContracts implements SystemContract {
  private final AssetGovernance governance;
  private final PlatformRegistry platforms = new PlatformRegistry();
  private final Factories factories = new Factories();
  private final FingerprintRegistry fingerprints = new FingerprintRegistry();
  private final Supervision supervision = new Supervision();
  private final Collection721 collection = new Collection721();
  private final Editions1155 editions = new Editions1155();
  private final Token20 token = new Token20();

  public AssetContracts(AssetGovernance governance) {
    this.governance = Objects.requireNonNull(governance, "governance");
  }

  /** Registers the family: the fixed contracts and the instance range. */
  public SystemContracts.Builder register(SystemContracts.Builder builder) {
    for (Address a : AssetAddresses.fixed()) {
      builder.register(a, this);
    }
    return builder.registerRange(AssetAddresses.INSTANCES_FIRST, AssetAddresses.INSTANCES_LAST, this);
  }

  @Override
  public SystemResult call(SystemCall call) throws SystemCall.Halt {
    byte[] input = call.input().unsafeArray();
    if (input.length < 4) {
      return SystemResult.revert("asset contracts: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("asset contracts do not accept ether");
    }
    int selector = ((input[0] & 0xff) << 24) | ((input[1] & 0xff) << 16) | ((input[2] & 0xff) << 8) | (input[3] & 0xff);
    Ctx ctx = new Ctx(call, governance);
    Dispatch target = null;
    try {
      target = dispatchFor(ctx);
      return target.handle(ctx, selector);
    } catch (Revert r) {
      return SystemResult.revert(r.data());
    } catch (AbiException e) {
      return SystemResult.revert((target == null ? "asset contracts" : target.contract()) + ": malformed arguments: "
          + e.getMessage());
    }
  }

  private Dispatch dispatchFor(Ctx ctx) throws Revert, SystemCall.Halt {
    Address self = ctx.self();
    if (self.equals(AssetAddresses.PLATFORMS)) {
      return platforms.dispatch;
    }
    if (self.equals(AssetAddresses.COLLECTIONS)) {
      return factories.collections;
    }
    if (self.equals(AssetAddresses.TOKENS)) {
      return factories.tokens;
    }
    if (self.equals(AssetAddresses.FINGERPRINTS)) {
      return fingerprints.dispatch;
    }
    if (self.equals(AssetAddresses.SUPERVISION)) {
      return supervision.dispatch;
    }
    UInt256 header = ctx.load(Layout.HEADER);
    return switch (Factories.kind(header)) {
      case Factories.KIND_ERC721 -> collection.dispatch;
      case Factories.KIND_ERC1155 -> editions.dispatch;
      case Factories.KIND_ERC20 -> token.dispatch;
      default -> throw new Revert("no collection or token at " + self.toChecksumHex() + " yet");
    };
  }

}
