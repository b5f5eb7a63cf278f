// The Hardhat node trestle bench --kind erc20 is compared against: Hardhat's in-process network served over
// JSON-RPC by `npx hardhat node`, with its defaults (chain id 31337, automine: one block per transaction, the
// 20 well-known funded accounts). Hardhat 2: Hardhat 3 needs Node.js 22, this machine has Node.js 20.
module.exports = {
  solidity: '0.8.28',
  networks: {
    hardhat: {
      mining: { auto: true },
    },
  },
};
