// The checked-in artifacts are exactly what the pinned solc-js makes of the sources (no stale bytecode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { compileAll } from '../compile.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts', 'test', 'artifacts');

test('checked-in artifacts match a fresh compilation with the pinned compiler', () => {
  const fresh = compileAll();
  assert.deepEqual(Object.keys(fresh).sort(), ['LogEmitter', 'TestCollectible', 'TestToken']);
  for (const [name, artifact] of Object.entries(fresh)) {
    const stored = JSON.parse(readFileSync(join(dir, name + '.json'), 'utf8'));
    assert.equal(stored.compiler, 'solc-js ' + solc.version());
    assert.equal(stored.bytecode, artifact.bytecode, `${name}: run npm run compile`);
    assert.deepEqual(stored.abi, artifact.abi);
  }
});
