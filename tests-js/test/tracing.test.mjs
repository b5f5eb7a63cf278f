// ethers.js v6 asking a running Trestle node for traces and access lists, the way debuggers and wallets do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { provider, devWallet, deploy } from '../lib/env.mjs';

const SUPPLY = ethers.parseUnits('1000', 18);
let p;
let owner;
let token;
let collectible;

before(async () => {
  p = provider();
  owner = devWallet(p);
  token = await deploy('TestToken', owner, 'Traced Token', 'TRC', SUPPLY);
  collectible = await deploy('TestCollectible', owner, 'Traced Collectible', 'TRX');
});

after(() => p.destroy());

test('debug_traceTransaction: the struct log of a transfer starts like Solidity code and ends at the receipt', async () => {
  const receipt = await (await token.transfer(ethers.Wallet.createRandom().address, 42n)).wait();
  const trace = await p.send('debug_traceTransaction', [receipt.hash]);
  assert.equal(trace.failed, false);
  assert.equal(BigInt(trace.gas), receipt.gasUsed);
  assert.equal(trace.structLogs[0].op, 'PUSH1');
  assert.deepEqual(trace.structLogs[1].stack, ['0x80']);
  const stores = trace.structLogs.filter((s) => s.op === 'SSTORE');
  assert.equal(stores.length, 2, 'the debit and the credit');
  assert.ok(stores.every((s) => s.storage && Object.keys(s.storage).length >= 1));
});

test('debug_traceTransaction with callTracer: a nested call and the revert reason ethers would show', async () => {
  const me = await owner.getAddress();
  const minted = await (await collectible.mint(me, 'ipfs://traced')).wait();
  const id = collectible.interface.parseLog(minted.logs[0]).args.tokenId;
  // the token contract cannot receive a collectible; send with a fixed gas limit so the revert is mined
  const tx = await collectible['safeTransferFrom(address,address,uint256)'](me, await token.getAddress(), id,
    { gasLimit: 300_000 });
  const receipt = await p.waitForTransaction(tx.hash);
  assert.equal(receipt.status, 0);
  const top = await p.send('debug_traceTransaction', [tx.hash, { tracer: 'callTracer' }]);
  assert.equal(top.type, 'CALL');
  assert.equal(ethers.getAddress(top.to), await collectible.getAddress());
  assert.equal(top.revertReason, 'transfer to a contract that does not accept tokens');
  assert.equal(BigInt(top.gasUsed), receipt.gasUsed);
  assert.equal(top.calls.length, 1);
  assert.equal(ethers.getAddress(top.calls[0].to), await token.getAddress());
  assert.equal(top.calls[0].error, 'execution reverted');
  const reason = ethers.AbiCoder.defaultAbiCoder().decode(['string'], ethers.dataSlice(top.output, 4))[0];
  assert.equal(reason, top.revertReason, 'the output is the Error(string) payload');
});

test('eth_createAccessList: an ERC-20 transfer names the token and two balance slots, at the gas a transaction pays', async () => {
  const to = ethers.Wallet.createRandom().address;
  const data = token.interface.encodeFunctionData('transfer', [to, 7n]);
  const from = await owner.getAddress();
  const answer = await p.send('eth_createAccessList', [{ from, to: await token.getAddress(), data }, 'latest']);
  assert.equal(answer.error, undefined);
  assert.equal(answer.accessList.length, 1);
  assert.equal(ethers.getAddress(answer.accessList[0].address), await token.getAddress());
  assert.equal(answer.accessList[0].storageKeys.length, 2);

  const tx = await owner.sendTransaction({ to: await token.getAddress(), data, accessList: answer.accessList,
    gasLimit: 200_000 });
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.gasUsed, BigInt(answer.gasUsed));
});
