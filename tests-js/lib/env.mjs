// The node under test: EthersJsIT starts `trestle dev` and passes its endpoints and funded key in these variables.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through EthersJsIT (mvn -Pit verify), `
      + 'or start `./trestle dev` and set TRESTLE_RPC_URL, TRESTLE_WS_URL and TRESTLE_DEV_KEY');
  }
  return value;
}

export const RPC_URL = required('TRESTLE_RPC_URL');
export const WS_URL = required('TRESTLE_WS_URL');
export const DEV_KEY = required('TRESTLE_DEV_KEY');
export const CHAIN_ID = 1337n;

const artifactDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts', 'test', 'artifacts');

export function artifact(name) {
  return JSON.parse(readFileSync(join(artifactDir, name + '.json'), 'utf8'));
}

export function provider() {
  // Polling quickly: the dev chain makes a block every 200 ms in the tests. No request cache: by default ethers
  // answers an identical request made within 250 ms from the first one's result, so a nonce asked for right after
  // a receipt, or a call repeated right after the state changed (a transfer retried after an unfreeze), could come
  // back stale at this block rate.
  return new ethers.JsonRpcProvider(RPC_URL, Number(CHAIN_ID),
    { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });
}

const devWallets = new Map();

/**
 * The funded dev account with nonces tracked locally (one tracker per provider, shared by every caller), so tests can
 * send without waiting in between.
 */
export function devWallet(p) {
  if (!devWallets.has(p)) {
    devWallets.set(p, new ethers.NonceManager(new ethers.Wallet(DEV_KEY, p)));
  }
  return devWallets.get(p);
}

/** A fresh wallet funded with `ether` from the dev account. */
export async function fundedWallet(p, ether = '10') {
  const wallet = ethers.Wallet.createRandom().connect(p);
  const tx = await devWallet(p).sendTransaction({ to: wallet.address, value: ethers.parseEther(ether) });
  await tx.wait();
  return wallet;
}

export async function deploy(name, signer, ...args) {
  const a = artifact(name);
  const factory = new ethers.ContractFactory(a.abi, a.bytecode, signer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract;
}
