// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Emits numbered events on demand: the test load for log queries, filters and subscriptions.
contract LogEmitter {
    uint256 public emitted;

    event Ping(uint256 indexed seq, bytes32 indexed tag, address sender);

    /// Emits `count` Ping events tagged `tag`, numbered on from the total emitted so far.
    function emitMany(uint256 count, bytes32 tag) external {
        require(count <= 1000, "at most 1000 events per call");
        uint256 seq = emitted;
        for (uint256 i = 0; i < count; i++) {
            emit Ping(seq + i, tag, msg.sender);
        }
        emitted = seq + count;
    }
}
