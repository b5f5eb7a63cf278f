// ethers.js v6 as a third-party client of Trestle's digital-asset system contracts: nothing is deployed, the
// collections and tokens are used through their standard ERC-721 / ERC-1155 / ERC-20 interfaces at the addresses the
// factories hand out. The dev account holds the committee, regulator and asset-issuer roles of the dev chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { provider, devWallet, fundedWallet, RPC_URL } from '../lib/env.mjs';
import { abi, ADDRESSES } from '../lib/interfaces.mjs';

const ZERO32 = ethers.ZeroHash;
const LICENSE_URI = 'https://creativecommons.org/licenses/by/4.0/';
const LICENSE_HASH = ethers.keccak256(ethers.toUtf8Bytes('CC BY 4.0 legal code'));
let p;
let boss;
let platformA;
let platformB;
let alice;
let bob;
let collection;
let gallery;

const fingerprint = (content) => ethers.keccak256(ethers.toUtf8Bytes(content));
const runId = Date.now().toString(36);

function contract(name, address, signer) {
  return new ethers.Contract(address, abi(name), signer);
}

async function approvedPlatform(wallet, name) {
  const registry = contract('IPlatformRegistry', ADDRESSES.platforms, wallet);
  await (await registry.registerPlatform(name, `https://${name}.example`)).wait();
  await (await registry.connect(boss).approvePlatform(wallet.address)).wait();
  assert.equal(await registry.isApproved(wallet.address), true);
}

async function createCollection(wallet, name) {
  const factory = contract('ICollectionFactory', ADDRESSES.collections, wallet);
  const receipt = await (await factory.createCollection(name, 'ART', 'ipfs://' + name + '/', wallet.address, 500)).wait();
  const created = receipt.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'CollectionCreated');
  return contract('ITrestleCollection', created.args.collection, wallet);
}

before(async () => {
  p = provider();
  boss = devWallet(p);
  platformA = await fundedWallet(p, '100');
  platformB = await fundedWallet(p, '100');
  alice = await fundedWallet(p, '10');
  bob = await fundedWallet(p, '10');
  await approvedPlatform(platformA, 'museum-' + runId);
  await approvedPlatform(platformB, 'gallery-' + runId);
  collection = await createCollection(platformA, 'museum-' + runId);
  gallery = await createCollection(platformB, 'gallery-' + runId);
});

after(() => p.destroy());

test('assets: a collection answers at its own address with code, like any deployed ERC-721', async () => {
  const address = await collection.getAddress();
  assert.match(address, /^0x0{32}7[eE]57[0-9a-fA-F]{4}$/);
  assert.equal(await p.getCode(address), '0xfe');
  assert.equal(await collection.supportsInterface('0x80ac58cd'), true, 'ERC-721');
  assert.equal(await collection.supportsInterface('0x5b5e139f'), true, 'ERC-721 metadata');
  assert.equal(await collection.supportsInterface('0x2a55205a'), true, 'EIP-2981');
  assert.equal(await collection.supportsInterface('0xffffffff'), false);
  assert.equal(await collection.name(), 'museum-' + runId);
  assert.equal(await collection.platform(), platformA.address);
});

test('assets: mint, ownerOf, balanceOf, tokenURI, royalty, transfers and approvals through the ERC-721 ABI', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('mona lisa ' + runId), ZERO32, '',
    alice.address, LICENSE_URI, LICENSE_HASH)).wait();
  const minted = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer');
  const id = minted.args.tokenId;
  assert.equal(minted.args.from, ethers.ZeroAddress);
  assert.equal(await collection.ownerOf(id), alice.address);
  assert.equal(await collection.balanceOf(alice.address), 1n);
  assert.equal(await collection.tokenURI(id), `ipfs://museum-${runId}/${id}`);
  const [receiver, royalty] = await collection.royaltyInfo(id, 10_000n);
  assert.equal(receiver, platformA.address);
  assert.equal(royalty, 500n);
  const [creator, holder, licenseUri, licenseHash] = await collection.rightsOf(id);
  assert.deepEqual([creator, holder, licenseUri, licenseHash], [alice.address, alice.address, LICENSE_URI, LICENSE_HASH]);

  const asAlice = collection.connect(alice);
  await (await asAlice['safeTransferFrom(address,address,uint256)'](alice.address, bob.address, id)).wait();
  assert.equal(await collection.ownerOf(id), bob.address);
  await (await collection.connect(bob).approve(alice.address, id)).wait();
  assert.equal(await collection.getApproved(id), alice.address);
  await (await asAlice.transferFrom(bob.address, alice.address, id)).wait();
  assert.equal(await collection.ownerOf(id), alice.address);
  assert.equal(await collection.getApproved(id), ethers.ZeroAddress);

  const moves = await collection.queryFilter(collection.filters.Transfer(null, null, id), receipt.blockNumber);
  assert.deepEqual(moves.map((e) => [e.args.from, e.args.to]), [
    [ethers.ZeroAddress, alice.address], [alice.address, bob.address], [bob.address, alice.address]]);
});

test('assets: a non-owner transfer reverts with a reason ethers decodes, and nothing changes', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('guarded ' + runId), ZERO32, '',
    alice.address, '', ZERO32)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  await assert.rejects(collection.connect(bob).transferFrom(alice.address, bob.address, id), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, 'ERC721: caller is not token owner or approved');
    return true;
  });
  assert.equal(await collection.ownerOf(id), alice.address);
});

test('assets: the same fingerprint is refused on a second platform, naming the work that holds it', async () => {
  const fp = fingerprint('the starry night ' + runId);
  const receipt = await (await collection.mint(alice.address, fp, ZERO32, '', alice.address, '', ZERO32)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  const before = await gallery.nextTokenId();
  await assert.rejects(gallery.mint(bob.address, fp, ZERO32, '', bob.address, '', ZERO32), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, `fingerprint ${fp} is already registered: asset ${collection.target} token ${id}`);
    return true;
  });
  assert.equal(await gallery.nextTokenId(), before, 'nothing was minted');
  const registry = contract('IFingerprintRegistry', ADDRESSES.fingerprints, p);
  const [asset, tokenId, live] = await registry.lookup(fp);
  assert.deepEqual([asset, tokenId, live], [collection.target, id, true]);

  // the right holder authorises one licensed re-issue on the other platform
  await (await registry.connect(alice).authorizeReissue(fp, gallery.target)).wait();
  const reissue = await (await gallery.mint(bob.address, fp, ZERO32, '', alice.address, '', ZERO32)).wait();
  const newId = reissue.logs.map((l) => gallery.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  assert.equal(await gallery.isReissue(newId), true);
  await assert.rejects(gallery.mint(bob.address, fp, ZERO32, '', alice.address, '', ZERO32), (e) =>
    e.reason.includes('is already registered'));
});

test('assets: an unapproved platform creates nothing', async () => {
  const stranger = await fundedWallet(p, '1');
  const factory = contract('ICollectionFactory', ADDRESSES.collections, stranger);
  await assert.rejects(factory.createCollection('x', 'X', '', ethers.ZeroAddress, 0), (e) => {
    assert.equal(e.reason, `CollectionFactory: ${stranger.address} is not an approved, licensed platform`);
    return true;
  });
});

test('assets: the regulator freezes and unfreezes a token; frozen, it cannot move', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('disputed ' + runId), ZERO32, '',
    alice.address, '', ZERO32)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  const supervision = contract('IAssetSupervision', ADDRESSES.supervision, boss);
  const frozen = await (await supervision.freezeToken(collection.target, id, 'court order 2024-17')).wait();
  const event = frozen.logs.map((l) => supervision.interface.parseLog(l)).find((e) => e?.name === 'TokenFrozen');
  assert.equal(event.args.reason, 'court order 2024-17');
  assert.equal(event.args.id, id);
  assert.equal(await supervision.isTokenFrozen(collection.target, id), true);
  await assert.rejects(collection.connect(alice).transferFrom(alice.address, bob.address, id), (e) => {
    assert.equal(e.reason, `token ${id} is frozen by the regulator`);
    return true;
  });
  await assert.rejects(supervision.connect(alice).unfreezeToken(collection.target, id, 'please'), (e) =>
    e.reason === 'AssetSupervision: only a regulator freezes and unfreezes');
  await (await supervision.unfreezeToken(collection.target, id, 'order lifted')).wait();
  await (await collection.connect(alice).transferFrom(alice.address, bob.address, id)).wait();
  assert.equal(await collection.ownerOf(id), bob.address);
});

test('assets: one transaction mints a batch of 1000; 1001 is refused', async () => {
  const many = Array.from({ length: 1001 }, (_, i) => fingerprint(`batch ${runId} ${i}`));
  await assert.rejects(collection.mintBatch(bob.address, many, [], bob.address, '', ZERO32), (e) =>
    e.reason === 'ERC721: mintBatch takes at most 1000 tokens, got 1001');
  const first = await collection.nextTokenId();
  const receipt = await (await collection.mintBatch(bob.address, many.slice(0, 1000), [], bob.address, '', ZERO32)).wait();
  assert.equal(receipt.status, 1);
  assert.equal(await collection.ownerOf(first + 999n), bob.address);
  assert.equal(receipt.logs.filter((l) => collection.interface.parseLog(l)?.name === 'Transfer').length, 1000);
});

test('assets: editions through the ERC-1155 ABI', async () => {
  const factory = contract('ICollectionFactory', ADDRESSES.collections, platformA);
  const receipt = await (await factory.createEditions('prints-' + runId, 'PRT', 'ipfs://prints/{id}.json',
    ethers.ZeroAddress, 0)).wait();
  const address = receipt.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'CollectionCreated')
    .args.collection;
  const editions = contract('ITrestleEditions', address, platformA);
  assert.equal(await editions.supportsInterface('0xd9b67a26'), true);
  const minted = await (await editions.mintEdition(alice.address, 50n, fingerprint('print ' + runId), ZERO32, '',
    alice.address, '', ZERO32)).wait();
  const single = minted.logs.map((l) => editions.interface.parseLog(l)).find((e) => e?.name === 'TransferSingle');
  const id = single.args.id;
  assert.equal(single.args.value, 50n);
  await (await editions.connect(alice).safeTransferFrom(alice.address, bob.address, id, 20n, '0x')).wait();
  assert.deepEqual([...await editions.balanceOfBatch([alice.address, bob.address], [id, id])], [30n, 20n]);
  assert.equal(await editions.totalSupply(id), 50n);
  assert.equal(await editions.uri(id), 'ipfs://prints/{id}.json');
});

test('assets: an issuer creates an ERC-20 that moves like any other', async () => {
  const factory = contract('ITokenFactory', ADDRESSES.tokens, boss);
  const receipt = await (await factory.createToken('Points ' + runId, 'PTS', 2, 1_000_000n)).wait();
  const address = receipt.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'TokenCreated').args.token;
  const token = contract('ITrestleToken', address, boss);
  await (await token.mint(alice.address, 5_000n)).wait();
  const erc20 = new ethers.Contract(address, ['function transfer(address,uint256) returns (bool)',
    'function balanceOf(address) view returns (uint256)', 'function decimals() view returns (uint8)'], alice);
  assert.equal(await erc20.decimals(), 2n);
  await (await erc20.transfer(bob.address, 1_250n)).wait();
  assert.equal(await erc20.balanceOf(bob.address), 1_250n);
  await (await token.pause()).wait();
  await assert.rejects(erc20.transfer(bob.address, 1n), (e) => e.reason === 'ERC20Pausable: token transfer while paused');
  await assert.rejects(token.mint(alice.address, 1_000_000n), (e) => e.reason === 'ERC20Pausable: token transfer while paused');
  // ethers' NonceManager counts a nonce for a send whose gas estimate reverted; forget it so later sends leave no gap
  boss.reset();
});

test('assets: the REST API answers who owns a token and where it has been', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('rest ' + runId), ZERO32, '', alice.address,
    '', ZERO32)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  const base = RPC_URL.replace(/\/$/, '');
  let token;
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${base}/assets/tokens/${collection.target}/${id}`);
    token = res.status === 200 ? await res.json() : undefined;
    if (token?.fingerprint) {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(token.owner, alice.address);
  assert.equal(token.fingerprint, fingerprint('rest ' + runId));
  const history = await (await fetch(`${base}/assets/tokens/${collection.target}/${id}/history`)).json();
  assert.equal(history.items[0].kind, 'mint');
});

test('assets: malformed metadata reverts with a reason ethers decodes, and nothing is minted', async () => {
  const before = await collection.nextTokenId();
  const fp = fingerprint('malformed ' + runId);
  await assert.rejects(collection.mint(alice.address, fp, ZERO32, 'no scheme here', alice.address, '', ZERO32), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, 'tokenURI must start with a scheme such as ipfs: or https:');
    return true;
  });
  await assert.rejects(collection.mint(alice.address, fp, ZERO32, '', alice.address, LICENSE_URI, ZERO32), (e) =>
    e.reason === 'licenseURI and licenseHash must be given together');
  await assert.rejects(collection.mint(alice.address, ZERO32, ZERO32, '', alice.address, '', ZERO32), (e) =>
    e.reason === `fingerprint of work ${before} must not be zero`);
  assert.equal(await collection.nextTokenId(), before);
  const [, , live] = await contract('IFingerprintRegistry', ADDRESSES.fingerprints, p).lookup(fp);
  assert.equal(live, false, 'the refused fingerprint stays free');
});

test('assets: a refused duplicate mined anyway fails on chain and changes nothing', async () => {
  const fp = fingerprint('mined duplicate ' + runId);
  await (await collection.mint(alice.address, fp, ZERO32, '', alice.address, '', ZERO32)).wait();
  const before = await gallery.nextTokenId();
  // an explicit gas limit skips ethers' estimate, so the transaction is mined and reverts in its block
  const sent = await gallery.mint(bob.address, fp, ZERO32, '', bob.address, '', ZERO32, { gasLimit: 2_000_000n });
  await assert.rejects(sent.wait(), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.receipt.status, 0);
    assert.equal(e.receipt.logs.length, 0, 'a reverted mint emits nothing');
    return true;
  });
  assert.equal(await gallery.nextTokenId(), before);
  const [asset] = await contract('IFingerprintRegistry', ADDRESSES.fingerprints, p).lookup(fp);
  assert.equal(asset, collection.target);
});

test('assets: a suspended platform mints nothing more into its own collection', async () => {
  const platformC = await fundedWallet(p, '10');
  await approvedPlatform(platformC, 'studio-' + runId);
  const studio = await createCollection(platformC, 'studio-' + runId);
  await (await studio.mint(alice.address, fingerprint('studio 1 ' + runId), ZERO32, '', alice.address, '', ZERO32)).wait();
  const registry = contract('IPlatformRegistry', ADDRESSES.platforms, boss);
  await (await registry.suspendPlatform(platformC.address, 'licence lapsed')).wait();
  const before = await studio.nextTokenId();
  await assert.rejects(studio.mint(alice.address, fingerprint('studio 2 ' + runId), ZERO32, '', alice.address, '',
    ZERO32), (e) => {
    assert.equal(e.reason, `ERC721: platform ${platformC.address} is not an approved, licensed platform`);
    return true;
  });
  assert.equal(await studio.nextTokenId(), before);
  assert.equal(await studio.ownerOf(1n), alice.address, 'what it minted before stays');
});

test('assets: the regulator freezes a whole collection and an account; each unfreeze lets assets move again', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('collection freeze ' + runId), ZERO32, '',
    alice.address, '', ZERO32)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  const supervision = contract('IAssetSupervision', ADDRESSES.supervision, boss);
  const asAlice = collection.connect(alice);

  await (await supervision.freezeAsset(collection.target, 'investigation')).wait();
  assert.equal(await supervision.isAssetFrozen(collection.target), true);
  await assert.rejects(asAlice.transferFrom(alice.address, bob.address, id), (e) =>
    e.reason === `collection ${collection.target} is frozen by the regulator`);
  await (await supervision.unfreezeAsset(collection.target, 'closed')).wait();

  await (await supervision.freezeAccount(alice.address, 'sanctions list')).wait();
  assert.equal(await supervision.isAccountFrozen(alice.address), true);
  await assert.rejects(asAlice.transferFrom(alice.address, bob.address, id), (e) =>
    e.reason === `account ${alice.address} is frozen by the regulator`);
  assert.equal(await collection.ownerOf(id), alice.address);
  await (await supervision.unfreezeAccount(alice.address, 'delisted')).wait();

  await (await asAlice.transferFrom(alice.address, bob.address, id)).wait();
  assert.equal(await collection.ownerOf(id), bob.address);
});

test('assets: a rights certificate is served in the evidence receipt format for offline verification', async () => {
  const receipt = await (await collection.mint(alice.address, fingerprint('certified ' + runId), ZERO32, '',
    alice.address, LICENSE_URI, LICENSE_HASH)).wait();
  const id = receipt.logs.map((l) => collection.interface.parseLog(l)).find((e) => e?.name === 'Transfer').args.tokenId;
  await (await collection.connect(alice).transferRights(id, bob.address)).wait();
  const base = RPC_URL.replace(/\/$/, '');
  let certificate;
  for (let i = 0; i < 100 && !certificate; i++) {
    const res = await fetch(`${base}/assets/tokens/${collection.target}/${id}/certificate`);
    certificate = res.status === 200 ? await res.json() : undefined;
    if (certificate && certificate.records.length < 2) {
      certificate = undefined;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(certificate.type, 'trestle-rights-certificate');
  assert.equal(certificate.rights.creator, alice.address.toLowerCase());
  assert.equal(certificate.rights.rightHolder, bob.address.toLowerCase());
  assert.equal(certificate.rights.licenseHash, LICENSE_HASH);
  assert.equal(certificate.records.length, 2, 'the mint and one rights transfer');
  const [mint, transfer] = certificate.records;
  assert.equal(mint.transaction.hash, receipt.hash);
  assert.equal(ethers.getAddress(transfer.log.address), collection.target);
  assert.equal(transfer.certification.height, transfer.block.number + 1);
});
