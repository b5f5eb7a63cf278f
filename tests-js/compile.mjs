// Compiles the Solidity test contracts in ../contracts/test with the pinned solc-js and writes one artifact per
// contract (abi, bytecode, compiler and settings) to ../contracts/test/artifacts. With --check it writes nothing
// and fails when the checked-in artifacts differ from a fresh compilation (sources edited without recompiling).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = join(here, '..', 'contracts', 'test');
const artifactDir = join(sourceDir, 'artifacts');

export const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

export function compileAll() {
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
      if (c.evm.bytecode.object.length === 0) {
        continue; // interfaces have no code
      }
      artifacts[contractName] = {
        contractName,
        sourceName: 'contracts/test/' + sourceName,
        compiler: 'solc-js ' + solc.version(),
        command: 'cd tests-js && npm ci && npm run compile',
        settings: { optimizer: SETTINGS.optimizer, evmVersion: SETTINGS.evmVersion },
        abi: c.abi,
        bytecode: '0x' + c.evm.bytecode.object,
        deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      };
    }
  }
  return artifacts;
}

function render(artifact) {
  return JSON.stringify(artifact, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const artifacts = compileAll();
  let stale = 0;
  if (!check) {
    mkdirSync(artifactDir, { recursive: true });
  }
  for (const [name, artifact] of Object.entries(artifacts)) {
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
}
