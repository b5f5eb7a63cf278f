/**
 * The messages validators exchange, with strict RLP codecs and size limits ({@link io.trestle.consensus.wire.MessageCodec}),
 * and the {@link io.trestle.consensus.wire.Block} they order. Imports core, crypto and consensus.cert only;
 * never the engine, the network or storage.
 */
package io.trestle.consensus.wire;
