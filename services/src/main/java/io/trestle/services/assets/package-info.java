/**
 * Digital native assets (DESIGN §1 "DNA"): the platform registry, the collection and token factories, NFT
 * collections (ERC-721 and ERC-1155 editions) and fungible tokens (ERC-20) each at its own reserved address, the
 * network-wide content-fingerprint registry, rights records and the regulator's freezes (ADRs 0290-0299).
 * Deterministic system contracts: no clock, thread, socket or random source. Imports core, crypto and evm only.
 */
package io.trestle.services.assets;
