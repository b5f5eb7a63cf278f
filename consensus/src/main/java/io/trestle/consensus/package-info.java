/**
 * The BFT engine as a pure state machine (events in, actions out), safety rules, certificates, validator sets,
 * and the Application interface it drives. No clock, thread, random source, socket or RocksDB inside.
 * May import crypto and core only.
 */
package io.trestle.consensus;
