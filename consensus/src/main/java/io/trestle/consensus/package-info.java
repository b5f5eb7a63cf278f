/**
 * The BFT engine as a pure state machine ({@link io.trestle.consensus.ConsensusEngine}: events in, actions out),
 * its safety state, and the {@link io.trestle.consensus.Application} interface it drives; docs/consensus.md is
 * its specification. No clock, thread, random source, socket or RocksDB inside (an ArchUnit test enforces it).
 * May import core, crypto and its own subpackages only.
 */
package io.trestle.consensus;
