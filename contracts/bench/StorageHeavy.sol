// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Storage-heavy benchmark contract: SSTORE and SLOAD over many slots of one account.
/// @notice On an empty account a call writes `slots` fresh slots (cold, zero to non-zero), then reads and
/// rewrites each of them twice (warm), so every kind of storage access a token or registry does is in it.
/// No write restores a zero, so no refund: the gas used is the gas executed, the same in every EVM.
contract StorageHeavy {
    mapping(uint256 => uint256) private cells;

    function run(uint256 slots) external returns (uint256 sum) {
        for (uint256 i = 0; i < slots; ++i) {
            cells[i] = i + 1;
        }
        unchecked {
            for (uint256 pass = 0; pass < 2; ++pass) {
                for (uint256 i = 0; i < slots; ++i) {
                    uint256 v = cells[i];
                    sum += v;
                    cells[i] = v + sum;
                }
            }
        }
    }
}
