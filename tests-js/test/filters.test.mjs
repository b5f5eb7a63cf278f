// Over plain HTTP, ethers.js v6 listens with polling filters: eth_newFilter, eth_newPendingTransactionFilter and
// eth_getFilterChanges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { provider, devWallet, deploy } from '../lib/env.mjs';

let p;
let wallet;

before(() => {
  p = provider();
  wallet = devWallet(p);
});

after(() => p.destroy());

function waitFor(predicate, what, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('timed out waiting for ' + what));
      }
    }, 20);
  });
}

test('contract events and pending transactions arrive through polling filters', async () => {
  const token = await deploy('TestToken', wallet, 'Polled', 'POL', 1000n);
  const events = [];
  const pending = [];
  await token.on('Transfer', (from, to, value) => events.push({ to, value }));
  await p.on('pending', (hash) => pending.push(hash));
  // let both filters be installed before anything happens
  await new Promise((r) => setTimeout(r, 300));
  const to = ethers.Wallet.createRandom().address;
  const tx = await token.transfer(to, 9n);
  await tx.wait();
  await waitFor(() => events.some((e) => e.to === to), 'the Transfer event');
  await waitFor(() => pending.includes(tx.hash), 'the pending transaction hash');
  assert.equal(events.find((e) => e.to === to).value, 9n);
  await token.removeAllListeners();
  await p.removeAllListeners();
});

test('a raw block filter answers each new block once', async () => {
  // the height first: a block may be made between the two requests, and the filter reports only blocks after it
  const start = await p.getBlockNumber();
  const id = await p.send('eth_newBlockFilter', []);
  await new Promise((r) => setTimeout(r, 700));
  const first = await p.send('eth_getFilterChanges', [id]);
  const second = await p.send('eth_getFilterChanges', [id]);
  assert.ok(first.length >= 1, 'blocks were made in the meantime');
  assert.ok(first.every((h) => !second.includes(h)), 'no block twice');
  const block = await p.getBlock(first[0]);
  assert.ok(block.number > start);
  assert.equal(await p.send('eth_uninstallFilter', [id]), true);
  await assert.rejects(p.send('eth_getFilterChanges', [id]), /filter not found/);
});
