// Compiles the benchmark contracts in ../../contracts/bench with the pinned solc-js (same settings as tests-js:
// optimizer on, 200 runs, cancun) and writes one artifact per contract to ../../contracts/bench/artifacts, which
// both the JMH benchmarks (bench module) and evm-bench.mjs read, so both run the very same bytes.
// With --check it writes nothing and fails when the checked-in artifacts differ from a fresh compilation.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, '..', '..', 'contracts', 'bench');
export const artifactDir = join(sourceDir, 'artifacts');

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function compileAll() {
  const sources = {};
  for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[file] = { content: readFileSync(join(sourceDir, file), 'utf8') };
  }
  const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS })));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error('solc failed:\n' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  const artifacts = {};
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, c] of Object.entries(contracts)) {
      artifacts[contractName] = {
        contractName,
        sourceName: 'contracts/bench/' + sourceName,
        compiler: 'solc-js ' + solc.version(),
        command: 'cd bench/js && npm ci && npm run compile',
        settings: { optimizer: SETTINGS.optimizer, evmVersion: SETTINGS.evmVersion },
        abi: c.abi,
        bytecode: '0x' + c.evm.bytecode.object,
        deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      };
    }
  }
  return artifacts;
}

const render = (artifact) => JSON.stringify(artifact, null, 2) + '\n';

const check = process.argv.includes('--check');
let stale = 0;
if (!check) {
  mkdirSync(artifactDir, { recursive: true });
}
for (const [name, artifact] of Object.entries(compileAll())) {
  const file = join(artifactDir, name + '.json');
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== render(artifact)) {
      console.error(`stale artifact: ${file} differs from a fresh compilation; run npm run compile`);
      stale++;
    }
  } else {
    writeFileSync(file, render(artifact));
    console.log(`wrote ${file}`);
  }
}
process.exit(stale === 0 ? 0 : 1);
