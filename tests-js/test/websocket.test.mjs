// WebSocket subscriptions with ethers.js v6, and resuming a log subscription from a block after a reconnect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { provider, devWallet, deploy, WS_URL } from '../lib/env.mjs';
import { ResumableLogs } from '../lib/resumable-logs.mjs';

let p;
let emitter;
let wallet;

before(async () => {
  p = provider();
  wallet = devWallet(p);
  emitter = await deploy('LogEmitter', wallet);
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

test('WebSocketProvider: new blocks and contract events arrive by subscription', async () => {
  const ws = new ethers.WebSocketProvider(WS_URL, 1337);
  try {
    const blocks = [];
    await ws.on('block', (n) => blocks.push(n));
    const token = await deploy('TestToken', wallet, 'Subscribed', 'SUB', 1000n);
    const watched = token.connect(ws);
    const seen = [];
    await watched.on('Transfer', (from, to, value) => seen.push({ from, to, value }));
    const to = ethers.Wallet.createRandom().address;
    await (await token.transfer(to, 42n)).wait();
    await waitFor(() => seen.some((e) => e.to === to), 'the Transfer event');
    const event = seen.find((e) => e.to === to);
    assert.equal(event.value, 42n);
    assert.equal(event.from, await wallet.getAddress());
    await waitFor(() => blocks.length >= 2, 'two new blocks');
    assert.ok(blocks[1] > blocks[0]);
    assert.equal(await ws.getBlockNumber() >= blocks[1], true, 'plain calls work on the same connection');
  } finally {
    await ws.destroy();
  }
});

test('a log subscription resumed from a block after a reconnect loses nothing and repeats nothing', async () => {
  const tag = ethers.id('resume-' + Date.now());
  const filter = { address: await emitter.getAddress(), topics: [emitter.interface.getEvent('Ping').topicHash, null, tag] };
  const seqs = [];
  const logs = new ResumableLogs(WS_URL, filter, (log) => seqs.push(Number(BigInt(log.topics[1]))));
  await logs.connect();
  const start = Number(await emitter.emitted());
  await (await emitter.emitMany(5, tag)).wait();
  await waitFor(() => seqs.length === 5, 'the first five logs');

  logs.drop();
  // emitted while the client is away, in several blocks
  for (let i = 0; i < 3; i++) {
    await (await emitter.emitMany(4, tag)).wait();
  }
  await logs.connect();
  await (await emitter.emitMany(3, tag)).wait();
  const total = 5 + 12 + 3;
  await waitFor(() => seqs.length >= total, `${total} logs`);
  await new Promise((r) => setTimeout(r, 300));
  logs.close();
  assert.deepEqual(seqs, Array.from({ length: total }, (_, i) => start + i));
});

test('a subscription can start from an old block and then stays live', async () => {
  const tag = ethers.id('history-' + Date.now());
  const first = await (await emitter.emitMany(2, tag)).wait();
  await (await emitter.emitMany(2, tag)).wait();
  const filter = { address: await emitter.getAddress(), topics: [null, null, tag] };
  const blocks = [];
  const logs = new ResumableLogs(WS_URL, filter, (log) => blocks.push(Number(BigInt(log.blockNumber))), first.blockNumber);
  await logs.connect();
  await waitFor(() => blocks.length === 4, 'the four historical logs');
  await (await emitter.emitMany(1, tag)).wait();
  await waitFor(() => blocks.length === 5, 'the live log');
  logs.close();
  assert.deepEqual([...blocks].sort((a, b) => a - b), blocks, 'in block order');
  assert.equal(blocks[0], first.blockNumber);
});

test('subscription errors are JSON-RPC errors, not dropped connections', async () => {
  const ws = new ethers.WebSocketProvider(WS_URL, 1337);
  try {
    await assert.rejects(ws.send('eth_subscribe', ['logs', { toBlock: '0x10' }]), /open-ended/);
    await assert.rejects(ws.send('eth_subscribe', ['nonsense']), /unknown subscription/);
    assert.ok((await ws.getBlockNumber()) > 0);
  } finally {
    await ws.destroy();
  }
});
