// ethers.js v6 against a running Trestle node: ERC-20 and ERC-721 written in Solidity, deployed, used, reverted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { provider, devWallet, fundedWallet, deploy, CHAIN_ID } from '../lib/env.mjs';

const SUPPLY = ethers.parseUnits('1000000', 18);
let p;
let owner;
let token;
let collectible;

before(async () => {
  p = provider();
  owner = devWallet(p);
  token = await deploy('TestToken', owner, 'Trestle Test Token', 'TTT', SUPPLY);
  collectible = await deploy('TestCollectible', owner, 'Trestle Test Collectible', 'TTC');
});

after(() => p.destroy());

test('the node is the dev chain', async () => {
  const network = await p.getNetwork();
  assert.equal(network.chainId, CHAIN_ID);
});

test('ERC-20: deploys, mints the supply and reads it via eth_call', async () => {
  assert.equal(await token.name(), 'Trestle Test Token');
  assert.equal(await token.symbol(), 'TTT');
  assert.equal(await token.decimals(), 18n);
  assert.equal(await token.totalSupply(), SUPPLY);
  assert.equal(await token.balanceOf(await owner.getAddress()), SUPPLY);
  const code = await p.getCode(await token.getAddress());
  assert.ok(code.length > 2, 'deployed code is readable');
});

test('ERC-20: a transfer (EIP-1559) emits Transfer, decoded from the receipt', async () => {
  const to = ethers.Wallet.createRandom().address;
  const tx = await token.transfer(to, 1234n);
  assert.equal(tx.type, 2);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  const [event] = receipt.logs.map((l) => token.interface.parseLog(l)).filter((e) => e?.name === 'Transfer');
  assert.equal(event.args.from, await owner.getAddress());
  assert.equal(event.args.to, to);
  assert.equal(event.args.value, 1234n);
  assert.equal(await token.balanceOf(to), 1234n);
});

test('ERC-20: a legacy (type 0) transfer works the same', async () => {
  const to = ethers.Wallet.createRandom().address;
  const gasPrice = (await p.getFeeData()).gasPrice;
  const tx = await token.transfer(to, 5n, { type: 0, gasPrice });
  assert.equal(tx.type, 0);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.type, 0);
  assert.equal(await token.balanceOf(to), 5n);
});

test('ERC-20: a require() revert surfaces its reason string', async () => {
  const poor = await fundedWallet(p, '1');
  await assert.rejects(token.connect(poor).transfer(ethers.Wallet.createRandom().address, 1n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, 'transfer amount exceeds balance');
    return true;
  });
});

test('ERC-20: a custom error is decoded with its arguments', async () => {
  const stranger = await fundedWallet(p, '1');
  // a static call decodes with the contract's ABI
  await assert.rejects(token.connect(stranger).mint.staticCall(stranger.address, 1n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.revert?.name, 'NotMinter');
    assert.equal(e.revert.args[0], stranger.address);
    return true;
  });
  // sending fails at gas estimation; the revert data (code 3) decodes with the ABI
  await assert.rejects(token.connect(stranger).transferFrom(owner.getAddress(), stranger.address, 10n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    const decoded = token.interface.parseError(e.data);
    assert.equal(decoded.name, 'AllowanceTooLow');
    assert.equal(decoded.args[3], 10n);
    return true;
  });
});

test('ERC-20: approve and transferFrom move tokens on behalf of the holder', async () => {
  const spender = await fundedWallet(p, '1');
  await (await token.approve(spender.address, 100n)).wait();
  assert.equal(await token.allowance(await owner.getAddress(), spender.address), 100n);
  const to = ethers.Wallet.createRandom().address;
  await (await token.connect(spender).transferFrom(await owner.getAddress(), to, 60n)).wait();
  assert.equal(await token.balanceOf(to), 60n);
  assert.equal(await token.allowance(await owner.getAddress(), spender.address), 40n);
});

test('ERC-20: a mined transaction that reverts has status 0', async () => {
  const poor = await fundedWallet(p, '1');
  const tx = await token.connect(poor).transfer(owner.getAddress(), 1n, { gasLimit: 100_000 });
  await assert.rejects(tx.wait(), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.receipt.status, 0);
    return true;
  });
});

test('eth_getLogs finds Transfer events by topic', async () => {
  const to = ethers.Wallet.createRandom().address;
  const receipt = await (await token.transfer(to, 77n)).wait();
  const transferTopic = token.interface.getEvent('Transfer').topicHash;
  const logs = await p.getLogs({
    address: await token.getAddress(),
    topics: [transferTopic, null, ethers.zeroPadValue(to, 32)],
    fromBlock: 0,
    toBlock: 'latest',
  });
  assert.equal(logs.length, 1);
  assert.equal(logs[0].transactionHash, receipt.hash);
  assert.equal(token.interface.parseLog(logs[0]).args.value, 77n);
  const viaFilter = await token.queryFilter(token.filters.Transfer(null, to), receipt.blockNumber, receipt.blockNumber);
  assert.equal(viaFilter.length, 1);
  const none = await p.getLogs({ topics: [ethers.id('NoSuchEvent()')], fromBlock: 0, toBlock: 'latest' });
  assert.equal(none.length, 0);
});

test('ERC-721: mint, transfer, approvals, metadata and interfaces', async () => {
  const alice = await fundedWallet(p, '1');
  const receipt = await (await collectible.mint(alice.address, 'ipfs://token-1')).wait();
  const minted = receipt.logs.map((l) => collectible.interface.parseLog(l)).find((e) => e?.name === 'Transfer');
  const id = minted.args.tokenId;
  assert.equal(minted.args.from, ethers.ZeroAddress);
  assert.equal(await collectible.ownerOf(id), alice.address);
  assert.equal(await collectible.balanceOf(alice.address), 1n);
  assert.equal(await collectible.tokenURI(id), 'ipfs://token-1');
  assert.equal(await collectible.supportsInterface('0x80ac58cd'), true);
  assert.equal(await collectible.supportsInterface('0xffffffff'), false);

  const bob = ethers.Wallet.createRandom().address;
  const moved = await (await collectible.connect(alice).transferFrom(alice.address, bob, id)).wait();
  const event = moved.logs.map((l) => collectible.interface.parseLog(l)).find((e) => e?.name === 'Transfer');
  assert.equal(event.args.to, bob);
  assert.equal(event.args.tokenId, id);
  assert.equal(await collectible.ownerOf(id), bob);
  assert.equal(await collectible.balanceOf(alice.address), 0n);
});

test('ERC-721: errors come back as reasons and custom errors', async () => {
  const carol = await fundedWallet(p, '1');
  await (await collectible.mint(carol.address, 'ipfs://token-c')).wait();
  const id = await collectible.totalMinted();
  await assert.rejects(collectible.ownerOf(999_999n), (e) => {
    assert.equal(e.revert?.name, 'UnknownToken');
    assert.equal(e.revert.args[0], 999_999n);
    return true;
  });
  await assert.rejects(collectible.transferFrom(carol.address, owner.getAddress(), id), (e) => {
    assert.equal(collectible.interface.parseError(e.data).name, 'NotAllowed');
    return true;
  });
  // the token contract has code but no onERC721Received: safeTransferFrom must refuse (and its guard lives in transient storage)
  await assert.rejects(
    collectible.connect(carol)['safeTransferFrom(address,address,uint256)'](carol.address, token.getAddress(), id),
    (e) => {
      assert.equal(e.reason, 'transfer to a contract that does not accept tokens');
      return true;
    });
  const to = ethers.Wallet.createRandom().address;
  await (await collectible.connect(carol)['safeTransferFrom(address,address,uint256)'](carol.address, to, id)).wait();
  assert.equal(await collectible.ownerOf(id), to, 'the transient re-entrancy flag was cleared after the first call');
});
