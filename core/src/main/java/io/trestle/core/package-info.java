/**
 * Ledger value types: Bytes, Hash, Address, RLP, transactions, headers, blocks, receipts, logs and blooms.
 * Immutable records validated at construction; decoders throw the checked {@link io.trestle.core.rlp.RlpException}.
 * May import only {@code io.trestle.crypto}; knows nothing of storage, execution, consensus or the network.
 */
package io.trestle.core;
