// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle governance committee
/// @notice Native Java contract at 0x000000000000000000000000000000007e570100
///         (io.trestle.services.governance.GovernanceContract), which also answers IRoles and ISupervision.
///         Members with weights vote on proposals; a proposal passes when the yes weight reaches the threshold
///         (2/3 of the total weight unless the genesis or a proposal says otherwise) and anyone may then execute it
///         until its deadline. Weights are counted when asked, from the current committee. Every refusal reverts
///         with an Error(string) reason starting "Committee: " and changes nothing.
///
///         Proposal kinds and the ABI-encoded `data` each takes:
///           1 add-validator        (bytes publicKey)            64-byte uncompressed key x||y; the address is derived
///           2 remove-validator     (address validator)          refused when fewer than 4 validators would remain
///           3 admit-node           (address node)               the node may connect to the peer network
///           4 remove-node          (address node)               its connections are dropped
///           5 grant-role           (bytes32 role, address account)   role = keccak256("regulator") etc.
///           6 revoke-role          (bytes32 role, address account)
///           7 set-chain-parameter  (bytes32 name, uint256 value)     name = bytes32("blockGasLimit"): blockGasLimit,
///                                  minGasPrice, blockIntervalMs, logsBlockRangeMax, logsResultsMax, permissionMode
///           8 set-member           (address member, uint256 weight)  weight 0 removes; the committee never empties
///           9 set-threshold        (uint256 numerator, uint256 denominator)  more than 1/2, at most 1
///          10 set-method-access    (address target, bytes4 selector, address caller, bool allowed)
///          11 clear-method-rule    (address target, bytes4 selector)
///          12 set-system-parameter (address systemContract, bytes32 key, uint256 value)
///         Validator changes take effect validatorChangeOffset() blocks after the block that executes them.
///         Committee members may propose every kind; validator-operator role holders kinds 1 to 4.
interface ICommittee {
    event ProposalCreated(uint256 indexed id, address indexed proposer, uint8 indexed kind, uint64 deadline, bytes data,
        string description);
    event Voted(uint256 indexed id, address indexed voter, bool support, uint256 weight);
    event VoteRevoked(uint256 indexed id, address indexed voter);
    event ProposalExecuted(uint256 indexed id, address indexed executor);
    event ValidatorAdded(address indexed validator, bytes publicKey, uint64 effectiveHeight, uint256 indexed proposalId);
    event ValidatorRemoved(address indexed validator, uint64 effectiveHeight, uint256 indexed proposalId);
    event NodeAdmitted(address indexed node, uint256 indexed proposalId);
    event NodeRemoved(address indexed node, uint256 indexed proposalId);
    event MemberChanged(address indexed member, uint256 weight, uint256 indexed proposalId);
    event ThresholdChanged(uint256 numerator, uint256 denominator, uint256 indexed proposalId);
    event ChainParameterChanged(bytes32 indexed name, uint256 value, uint256 indexed proposalId);
    event SystemParameterChanged(address indexed target, bytes32 indexed key, uint256 value, uint256 indexed proposalId);

    /// @notice Makes a proposal open for votes until block `deadline` (0: 50,000 blocks from now, at most 1,000,000).
    ///         A member's proposal carries the member's yes vote. `data` at most 1024 bytes, description 256.
    function propose(uint8 kind, bytes calldata data, uint64 deadline, string calldata description)
        external returns (uint256 id);

    /// @notice Votes once per proposal; revoke to change the vote.
    function vote(uint256 id, bool support) external;

    function revokeVote(uint256 id) external;

    /// @notice Applies a passed proposal; its parameters are checked again against the state of now.
    function execute(uint256 id) external;

    function proposalCount() external view returns (uint256);

    /// @return kind, proposer, deadline, status (1 active, 2 passed, 3 rejected, 4 expired, 5 executed),
    ///         yesWeight, noWeight, totalWeight, createdAt, executedAt (0 when not executed), data, description
    function proposal(uint256 id) external view returns (uint8, address, uint64, uint8, uint256, uint256, uint256,
        uint64, uint64, bytes memory, string memory);

    /// @return voters and their choices (1 yes, 2 no)
    function votes(uint256 id) external view returns (address[] memory, uint8[] memory);

    function members() external view returns (address[] memory, uint256[] memory weights);

    function threshold() external view returns (uint256 numerator, uint256 denominator);

    /// @notice The newest scheduled validator set (possibly not in force yet).
    function validators() external view returns (address[] memory);

    function validatorsAt(uint64 height) external view returns (address[] memory);

    function validatorChangeOffset() external view returns (uint64);

    /// @notice Nodes admitted besides the validators.
    function nodes() external view returns (address[] memory);

    function isAdmitted(address node) external view returns (bool);

    /// @notice The value set by governance, or 0 when the genesis value applies.
    function chainParameter(bytes32 name) external view returns (uint256);

    function systemParameter(address target, bytes32 key) external view returns (uint256);
}
