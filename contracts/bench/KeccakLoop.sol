// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Compute-heavy benchmark contract: a hash chain mixed with 256-bit arithmetic.
/// @notice No storage and no memory growth: each round hashes 64 bytes of scratch space (Keccak), then
/// mixes the digest into an accumulator with MUL, ADD, XOR, SHR, DIV, MOD and MULMOD, so the time goes
/// to the interpreter loop, the arithmetic and Keccak rather than to state access.
contract KeccakLoop {
    function run(uint256 rounds) external pure returns (uint256) {
        uint256 acc = rounds;
        bytes32 h = bytes32(rounds);
        unchecked {
            for (uint256 i = 0; i < rounds; ++i) {
                assembly {
                    mstore(0x00, h)
                    mstore(0x20, acc)
                    h := keccak256(0x00, 0x40)
                }
                uint256 d = uint256(h);
                acc = (acc * 0x9E3779B97F4A7C15 + d) ^ (acc >> 7);
                acc += mulmod(acc, d, 0xFFFFFFFFFFFFFFC5) + d / (i + 1) + acc % 1000003;
            }
        }
        return acc ^ uint256(h);
    }
}
