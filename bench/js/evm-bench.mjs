// The EVM comparison for EvmContractBench: the same deployed bytecode (contracts/bench/artifacts, from
// compile.mjs) and the same call data, run through @ethereumjs/evm's runCall on its in-memory state manager.
// Reports execution gas per second (executionGasUsed, which excludes the intrinsic gas, as the JMH counter does),
// after a warm-up, as the median of the measured runs. The state is checkpointed before and reverted after every
// call, so each call starts from the same empty storage and uses the same gas, as in the JMH benchmark.
// Mgas/CPU-s divides the same gas by the process's CPU time (user + system, all threads), as a figure that does not
// depend on how much of a shared machine the run got.
//
//   node evm-bench.mjs [--rounds 10000] [--slots 100] [--warmup 5x2] [--runs 5x3] [--only keccakLoop|storageHeavy]
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { SimpleStateManager } from '@ethereumjs/statemanager';
import { Account, createAddressFromString, hexToBytes } from '@ethereumjs/util';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const [warmupIterations, warmupSeconds] = opt('warmup', '5x2').split('x').map(Number);
const [runs, runSeconds] = opt('runs', '5x3').split('x').map(Number);
const only = opt('only', null);

function artifact(name) {
  const file = join(here, '..', '..', 'contracts', 'bench', 'artifacts', name + '.json');
  const a = JSON.parse(readFileSync(file, 'utf8'));
  return { compiler: a.compiler, code: hexToBytes(a.deployedBytecode) };
}

// run(uint256): selector 0xa444f5e9 followed by the argument as one 32-byte word
function runCall(argument) {
  return hexToBytes('0xa444f5e9' + BigInt(argument).toString(16).padStart(64, '0'));
}

const SENDER = createAddressFromString('0x' + '5e4d'.padStart(40, '0'));
const CASES = {
  keccakLoop: { contract: 'KeccakLoop', address: createAddressFromString('0x' + 'c0de01'.padStart(40, '0')),
    data: runCall(Number(opt('rounds', '10000'))) },
  storageHeavy: { contract: 'StorageHeavy', address: createAddressFromString('0x' + 'c0de02'.padStart(40, '0')),
    data: runCall(Number(opt('slots', '100'))) },
};

async function setUp() {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
  const stateManager = new SimpleStateManager();
  const evm = await createEVM({ common, stateManager });
  await stateManager.putAccount(SENDER, new Account(0n, 10n ** 24n));
  for (const c of Object.values(CASES)) {
    await stateManager.putAccount(c.address, new Account(0n, 0n));
    await stateManager.putCode(c.address, artifact(c.contract).code);
  }
  return { evm, stateManager };
}

async function callOnce(env, c) {
  await env.stateManager.checkpoint();
  const result = await env.evm.runCall({ caller: SENDER, origin: SENDER, to: c.address, data: c.data,
    gasLimit: 30_000_000n, gasPrice: 0n });
  await env.stateManager.revert();
  if (result.execResult.exceptionError) {
    throw new Error(`${c.contract} failed: ${result.execResult.exceptionError.error}`);
  }
  return result.execResult.executionGasUsed;
}

// calls for `seconds`, returns execution gas per second in millions
async function timed(env, c, seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let gas = 0n;
  let calls = 0;
  let now = start;
  while (now < end) {
    gas += await callOnce(env, c);
    calls++;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { mgasPerS: Number(gas) / 1e6 / (Number(now - start) / 1e9), mgasPerCpuS: Number(gas) / 1e6 / cpuS, calls };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const env = await setUp();
const report = { node: process.version, evm: '@ethereumjs/evm 10.1.3 (SimpleStateManager, Cancun)',
  compiler: artifact('KeccakLoop').compiler, results: {} };
for (const [name, c] of Object.entries(CASES)) {
  if (only && only !== name) {
    continue;
  }
  const gasPerCall = await callOnce(env, c);
  for (let i = 0; i < warmupIterations; i++) {
    const w = await timed(env, c, warmupSeconds);
    console.error(`${name} warm-up ${i + 1}: ${w.mgasPerS.toFixed(2)} Mgas/s`);
  }
  const measured = [];
  const perCpu = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(env, c, runSeconds);
    measured.push(r.mgasPerS);
    perCpu.push(r.mgasPerCpuS);
    console.error(`${name} run ${i + 1}: ${r.mgasPerS.toFixed(2)} Mgas/s, ${r.mgasPerCpuS.toFixed(2)} Mgas/CPU-s `
      + `(${r.calls} calls)`);
  }
  report.results[name] = { executionGasPerCall: Number(gasPerCall), runs: measured.map((x) => +x.toFixed(3)),
    medianMgasPerS: +median(measured).toFixed(3), minMgasPerS: +Math.min(...measured).toFixed(3),
    maxMgasPerS: +Math.max(...measured).toFixed(3), medianMgasPerCpuS: +median(perCpu).toFixed(3) };
}
console.log(JSON.stringify(report, null, 2));
