package io.trestle.services.assets;

import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;

/**
 * The functions and events of the asset contracts, exactly as {@code contracts/interfaces/*.sol} declare them.
 * Shared by the contracts, the node's event index and the CLI.
 */
public final class AssetAbi {
  private AssetAbi() {}

  // ---- IPlatformRegistry ----
  public static final AbiFunction REGISTER_PLATFORM = fn("registerPlatform(string,string)");
  public static final AbiFunction APPROVE_PLATFORM = fn("approvePlatform(address)");
  public static final AbiFunction SUSPEND_PLATFORM = fn("suspendPlatform(address,string)");
  public static final AbiFunction GET_PLATFORM = fn("getPlatform(address)", "uint8", "string", "string", "string");
  public static final AbiFunction IS_APPROVED = fn("isApproved(address)", "bool");
  public static final AbiFunction PLATFORM_COUNT = fn("platformCount()", "uint256");
  public static final AbiEvent PLATFORM_REGISTERED =
      ev("PlatformRegistered(address indexed platform, string did, string name, string uri)");
  public static final AbiEvent PLATFORM_APPROVED = ev("PlatformApproved(address indexed platform, address indexed by)");
  public static final AbiEvent PLATFORM_SUSPENDED =
      ev("PlatformSuspended(address indexed platform, address indexed by, string reason)");

  // ---- ICollectionFactory and ITokenFactory ----
  public static final AbiFunction CREATE_COLLECTION =
      fn("createCollection(string,string,string,address,uint96)", "address");
  public static final AbiFunction CREATE_EDITIONS = fn("createEditions(string,string,string,address,uint96)", "address");
  public static final AbiFunction KIND_OF = fn("kindOf(address)", "uint8");
  public static final AbiFunction ASSET_COUNT = fn("assetCount()", "uint256");
  public static final AbiFunction CREATE_TOKEN = fn("createToken(string,string,uint8,uint256)", "address");
  public static final AbiEvent COLLECTION_CREATED = ev(
      "CollectionCreated(address indexed collection, address indexed platform, uint8 kind, string name, string symbol)");
  public static final AbiEvent TOKEN_CREATED = ev("TokenCreated(address indexed token, address indexed issuer, "
      + "string name, string symbol, uint8 decimals, uint256 cap)");

  // ---- IFingerprintRegistry ----
  public static final AbiFunction LOOKUP = fn("lookup(bytes32)", "address", "uint256", "bool");
  public static final AbiFunction LOOKUP_PERCEPTUAL = fn("lookupPerceptual(bytes32)", "address", "uint256", "bool");
  public static final AbiFunction AUTHORIZE_REISSUE = fn("authorizeReissue(bytes32,address)");
  public static final AbiFunction REVOKE_REISSUE = fn("revokeReissue(bytes32,address)");
  public static final AbiFunction REISSUE_AUTHORIZED = fn("reissueAuthorized(bytes32,address)", "bool");
  public static final AbiEvent REISSUE_AUTHORIZED_EVENT = ev(
      "ReissueAuthorized(bytes32 indexed fingerprint, address indexed collection, address indexed rightHolder)");
  public static final AbiEvent REISSUE_REVOKED = ev(
      "ReissueRevoked(bytes32 indexed fingerprint, address indexed collection, address indexed rightHolder)");

  // ---- IAssetSupervision ----
  public static final AbiFunction FREEZE_TOKEN = fn("freezeToken(address,uint256,string)");
  public static final AbiFunction UNFREEZE_TOKEN = fn("unfreezeToken(address,uint256,string)");
  public static final AbiFunction FREEZE_ASSET = fn("freezeAsset(address,string)");
  public static final AbiFunction UNFREEZE_ASSET = fn("unfreezeAsset(address,string)");
  public static final AbiFunction FREEZE_ACCOUNT = fn("freezeAccount(address,string)");
  public static final AbiFunction UNFREEZE_ACCOUNT = fn("unfreezeAccount(address,string)");
  public static final AbiFunction IS_ACCOUNT_FROZEN = fn("isAccountFrozen(address)", "bool");
  public static final AbiFunction IS_ASSET_FROZEN = fn("isAssetFrozen(address)", "bool");
  public static final AbiFunction IS_TOKEN_FROZEN = fn("isTokenFrozen(address,uint256)", "bool");
  public static final AbiEvent TOKEN_FROZEN =
      ev("TokenFrozen(address indexed asset, uint256 indexed id, address indexed regulator, string reason)");
  public static final AbiEvent TOKEN_UNFROZEN =
      ev("TokenUnfrozen(address indexed asset, uint256 indexed id, address indexed regulator, string reason)");
  public static final AbiEvent ASSET_FROZEN = ev("AssetFrozen(address indexed asset, address indexed regulator, string reason)");
  public static final AbiEvent ASSET_UNFROZEN =
      ev("AssetUnfrozen(address indexed asset, address indexed regulator, string reason)");
  public static final AbiEvent ACCOUNT_FROZEN =
      ev("AccountFrozen(address indexed account, address indexed regulator, string reason)");
  public static final AbiEvent ACCOUNT_UNFROZEN =
      ev("AccountUnfrozen(address indexed account, address indexed regulator, string reason)");

  // ---- shared by collections, editions and tokens ----
  public static final AbiFunction NAME = fn("name()", "string");
  public static final AbiFunction SYMBOL = fn("symbol()", "string");
  public static final AbiFunction SUPPORTS_INTERFACE = fn("supportsInterface(bytes4)", "bool");
  public static final AbiFunction ROYALTY_INFO = fn("royaltyInfo(uint256,uint256)", "address", "uint256");
  public static final AbiFunction SET_APPROVAL_FOR_ALL = fn("setApprovalForAll(address,bool)");
  public static final AbiFunction IS_APPROVED_FOR_ALL = fn("isApprovedForAll(address,address)", "bool");
  public static final AbiFunction PLATFORM = fn("platform()", "address");
  public static final AbiFunction FROZEN = fn("frozen()", "bool");
  public static final AbiFunction RIGHTS_OF = fn("rightsOf(uint256)", "address", "address", "string", "bytes32");
  public static final AbiFunction TRANSFER_RIGHTS = fn("transferRights(uint256,address)");
  public static final AbiFunction IS_REISSUE = fn("isReissue(uint256)", "bool");
  public static final AbiEvent APPROVAL_FOR_ALL =
      ev("ApprovalForAll(address indexed owner, address indexed operator, bool approved)");
  public static final AbiEvent WORKS_REGISTERED = ev("WorksRegistered(uint256 indexed firstId, uint256 indexed rightsId, "
      + "bytes32[] fingerprints, bytes32[] perceptualHashes)");
  public static final AbiEvent RIGHTS_DEFINED = ev("RightsDefined(uint256 indexed rightsId, address indexed creator, "
      + "address indexed rightHolder, string licenseURI, bytes32 licenseHash)");
  public static final AbiEvent RIGHTS_TRANSFERRED =
      ev("RightsTransferred(uint256 indexed id, address indexed from, address indexed to)");
  public static final AbiEvent REISSUED = ev("Reissued(uint256 indexed id, bytes32 indexed fingerprint, "
      + "address originalAsset, uint256 originalId)");

  // ---- ERC-721 collection ----
  public static final AbiFunction BALANCE_OF = fn("balanceOf(address)", "uint256");
  public static final AbiFunction OWNER_OF = fn("ownerOf(uint256)", "address");
  public static final AbiFunction SAFE_TRANSFER_FROM_DATA = fn("safeTransferFrom(address,address,uint256,bytes)");
  public static final AbiFunction SAFE_TRANSFER_FROM = fn("safeTransferFrom(address,address,uint256)");
  public static final AbiFunction TRANSFER_FROM = fn("transferFrom(address,address,uint256)");
  public static final AbiFunction APPROVE = fn("approve(address,uint256)");
  public static final AbiFunction GET_APPROVED = fn("getApproved(uint256)", "address");
  public static final AbiFunction TOKEN_URI = fn("tokenURI(uint256)", "string");
  public static final AbiFunction TOTAL_SUPPLY = fn("totalSupply()", "uint256");
  public static final AbiFunction NEXT_TOKEN_ID = fn("nextTokenId()", "uint256");
  public static final AbiFunction MINT = fn("mint(address,bytes32,bytes32,string,address,string,bytes32)", "uint256");
  public static final AbiFunction MINT_BATCH =
      fn("mintBatch(address,bytes32[],bytes32[],address,string,bytes32)", "uint256");
  public static final AbiFunction BURN = fn("burn(uint256)");
  public static final AbiFunction ON_ERC721_RECEIVED = fn("onERC721Received(address,address,uint256,bytes)", "bytes4");
  public static final AbiEvent TRANSFER_721 =
      ev("Transfer(address indexed from, address indexed to, uint256 indexed tokenId)");
  public static final AbiEvent APPROVAL_721 =
      ev("Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)");

  // ---- ERC-1155 editions ----
  public static final AbiFunction BALANCE_OF_1155 = fn("balanceOf(address,uint256)", "uint256");
  public static final AbiFunction BALANCE_OF_BATCH = fn("balanceOfBatch(address[],uint256[])", "uint256[]");
  public static final AbiFunction SAFE_TRANSFER_FROM_1155 = fn("safeTransferFrom(address,address,uint256,uint256,bytes)");
  public static final AbiFunction SAFE_BATCH_TRANSFER_FROM =
      fn("safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)");
  public static final AbiFunction URI = fn("uri(uint256)", "string");
  public static final AbiFunction TOTAL_SUPPLY_OF = fn("totalSupply(uint256)", "uint256");
  public static final AbiFunction MINT_EDITION =
      fn("mintEdition(address,uint256,bytes32,bytes32,string,address,string,bytes32)", "uint256");
  public static final AbiFunction MINT_EDITION_BATCH =
      fn("mintEditionBatch(address,uint256[],bytes32[],bytes32[],address,string,bytes32)", "uint256");
  public static final AbiFunction MINT_MORE = fn("mintMore(address,uint256,uint256)");
  public static final AbiFunction BURN_1155 = fn("burn(address,uint256,uint256)");
  public static final AbiFunction ON_ERC1155_RECEIVED =
      fn("onERC1155Received(address,address,uint256,uint256,bytes)", "bytes4");
  public static final AbiFunction ON_ERC1155_BATCH_RECEIVED =
      fn("onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)", "bytes4");
  public static final AbiEvent TRANSFER_SINGLE = ev("TransferSingle(address indexed operator, address indexed from, "
      + "address indexed to, uint256 id, uint256 value)");
  public static final AbiEvent TRANSFER_BATCH = ev("TransferBatch(address indexed operator, address indexed from, "
      + "address indexed to, uint256[] ids, uint256[] values)");
  public static final AbiEvent URI_EVENT = ev("URI(string value, uint256 indexed id)");

  // ---- ERC-20 token ----
  public static final AbiFunction DECIMALS = fn("decimals()", "uint8");
  public static final AbiFunction TRANSFER = fn("transfer(address,uint256)", "bool");
  public static final AbiFunction TRANSFER_FROM_20 = fn("transferFrom(address,address,uint256)", "bool");
  public static final AbiFunction APPROVE_20 = fn("approve(address,uint256)", "bool");
  public static final AbiFunction ALLOWANCE = fn("allowance(address,address)", "uint256");
  public static final AbiFunction CAP = fn("cap()", "uint256");
  public static final AbiFunction ISSUER = fn("issuer()", "address");
  public static final AbiFunction PAUSED = fn("paused()", "bool");
  public static final AbiFunction MINT_20 = fn("mint(address,uint256)");
  public static final AbiFunction BURN_20 = BURN;
  public static final AbiFunction PAUSE = fn("pause()");
  public static final AbiFunction UNPAUSE = fn("unpause()");
  public static final AbiEvent TRANSFER_20 = ev("Transfer(address indexed from, address indexed to, uint256 value)");
  public static final AbiEvent APPROVAL_20 = ev("Approval(address indexed owner, address indexed spender, uint256 value)");
  public static final AbiEvent PAUSED_EVENT = ev("Paused(address account)");
  public static final AbiEvent UNPAUSED_EVENT = ev("Unpaused(address account)");

  // ---- ERC-165 interface ids ----
  public static final int ERC165 = 0x01ffc9a7;
  public static final int ERC721 = 0x80ac58cd;
  public static final int ERC721_METADATA = 0x5b5e139f;
  public static final int ERC1155 = 0xd9b67a26;
  public static final int ERC1155_METADATA_URI = 0x0e89341c;
  public static final int ERC2981 = 0x2a55205a;
  public static final int ERC721_RECEIVED = 0x150b7a02;
  public static final int ERC1155_RECEIVED = 0xf23a6e61;
  public static final int ERC1155_BATCH_RECEIVED = 0xbc197c81;
  /** ITrestleWorks: rights, fingerprints and re-issue (the XOR of its selectors, as ERC-165 defines ids). */
  public static final int TRESTLE_WORKS =
      RIGHTS_OF.selectorInt() ^ TRANSFER_RIGHTS.selectorInt() ^ IS_REISSUE.selectorInt() ^ PLATFORM.selectorInt()
          ^ FROZEN.selectorInt();

  private static AbiFunction fn(String signature, String... outputs) {
    try {
      return AbiFunction.parse(signature, outputs);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static AbiEvent ev(String declaration) {
    try {
      return AbiEvent.parse(declaration);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
