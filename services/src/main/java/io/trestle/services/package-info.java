/**
 * Native system contracts (DID, evidence, names, assets, finance, governance) behind the EVM's dispatch point.
 * Deterministic: no clock, thread, socket or random source.
 * May import crypto, core and evm only.
 */
package io.trestle.services;
