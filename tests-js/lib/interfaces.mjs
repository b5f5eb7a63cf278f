// ABIs of Trestle's system-contract interfaces (contracts/interfaces/*.sol), compiled with solc-js when first asked,
// so the tests call the asset contracts exactly as a dApp compiled against those files would.
import solc from 'solc';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts', 'interfaces');
let compiled;

function compile() {
  const sources = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.sol'))) {
    sources[f] = { content: readFileSync(join(dir, f), 'utf8') };
  }
  const input = { language: 'Solidity', sources, settings: { outputSelection: { '*': { '*': ['abi'] } } } };
  const output = JSON.parse(solc.compile(JSON.stringify(input), {
    import: (path) => ({ contents: readFileSync(join(dir, path.replace(/^\.\//, '')), 'utf8') }),
  }));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error('contracts/interfaces do not compile:\n' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  const abis = {};
  for (const contracts of Object.values(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      abis[name] = c.abi;
    }
  }
  return abis;
}

/** The ABI of interface `name` (e.g. 'ITrestleCollection'). */
export function abi(name) {
  compiled ??= compile();
  if (!compiled[name]) {
    throw new Error(`no interface ${name} in contracts/interfaces`);
  }
  return compiled[name];
}

export const ADDRESSES = {
  platforms: '0x000000000000000000000000000000007e570301',
  collections: '0x000000000000000000000000000000007e570302',
  fingerprints: '0x000000000000000000000000000000007e570303',
  tokens: '0x000000000000000000000000000000007e570304',
  supervision: '0x000000000000000000000000000000007e570305',
};
