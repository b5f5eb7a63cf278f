/**
 * Ledger value types shared by every module: {@link io.trestle.core.Bytes}, {@link io.trestle.core.Hash},
 * {@link io.trestle.core.Address}; subpackages hold RLP ({@code rlp}), transactions ({@code tx}), headers, blocks,
 * receipts and logs ({@code block}) and ordered trie roots ({@code trie}). Immutable, validated at construction;
 * decoders throw only the checked {@link io.trestle.core.rlp.RlpException} on bad input.
 * May import only {@code io.trestle.crypto}; knows nothing of storage, execution, consensus or the network.
 */
package io.trestle.core;
