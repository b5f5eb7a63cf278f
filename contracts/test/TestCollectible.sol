// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// Implemented by contracts that accept tokens sent with `safeTransferFrom`.
interface ITokenReceiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

/// @title A non-fungible token collection with ERC-721 semantics, written for Trestle's client tests.
/// @notice The re-entrancy guard of `safeTransferFrom` lives in transient storage (EIP-1153), so the
/// collection also exercises TSTORE/TLOAD; errors come both as reason strings and as custom errors.
contract TestCollectible {
    string public name;
    string public symbol;
    address public immutable minter;
    uint256 public totalMinted;

    mapping(uint256 => address) private owners;
    mapping(address => uint256) private holdings;
    mapping(uint256 => address) private approvals;
    mapping(address => mapping(address => bool)) private operators;
    mapping(uint256 => string) private uris;

    bool private transient entered;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    /// No token has this id.
    error UnknownToken(uint256 tokenId);
    /// The caller is neither the owner, the approved address nor an operator of the owner.
    error NotAllowed(address caller, uint256 tokenId);
    /// Only the deployer may mint.
    error NotMinter(address caller);

    constructor(string memory collectionName, string memory collectionSymbol) {
        name = collectionName;
        symbol = collectionSymbol;
        minter = msg.sender;
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7 // ERC-165
            || id == 0x80ac58cd // ERC-721
            || id == 0x5b5e139f; // ERC-721 metadata
    }

    function balanceOf(address holder) external view returns (uint256) {
        require(holder != address(0), "balance query for the zero address");
        return holdings[holder];
    }

    function ownerOf(uint256 tokenId) public view returns (address) {
        address holder = owners[tokenId];
        if (holder == address(0)) {
            revert UnknownToken(tokenId);
        }
        return holder;
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return uris[tokenId];
    }

    function mint(address to, string calldata uri) external returns (uint256 tokenId) {
        if (msg.sender != minter) {
            revert NotMinter(msg.sender);
        }
        require(to != address(0), "mint to the zero address");
        tokenId = ++totalMinted;
        owners[tokenId] = to;
        uris[tokenId] = uri;
        unchecked {
            holdings[to] += 1;
        }
        emit Transfer(address(0), to, tokenId);
    }

    function approve(address approved, uint256 tokenId) external {
        address holder = ownerOf(tokenId);
        if (msg.sender != holder && !operators[holder][msg.sender]) {
            revert NotAllowed(msg.sender, tokenId);
        }
        approvals[tokenId] = approved;
        emit Approval(holder, approved, tokenId);
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return approvals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address holder, address operator) external view returns (bool) {
        return operators[holder][operator];
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        address holder = ownerOf(tokenId);
        require(holder == from, "transfer from an address that does not own the token");
        require(to != address(0), "transfer to the zero address");
        if (msg.sender != holder && approvals[tokenId] != msg.sender && !operators[holder][msg.sender]) {
            revert NotAllowed(msg.sender, tokenId);
        }
        delete approvals[tokenId];
        unchecked {
            holdings[from] -= 1;
            holdings[to] += 1;
        }
        owners[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        require(!entered, "re-entered safeTransferFrom");
        entered = true;
        transferFrom(from, to, tokenId);
        if (to.code.length > 0) {
            bytes4 answer;
            try ITokenReceiver(to).onERC721Received(msg.sender, from, tokenId, data) returns (bytes4 a) {
                answer = a;
            } catch {
                revert("transfer to a contract that does not accept tokens");
            }
            require(answer == ITokenReceiver.onERC721Received.selector, "receiver refused the token");
        }
        entered = false;
    }
}
