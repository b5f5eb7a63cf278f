/**
 * Trestle's header and block, and the consensus parts of execution results: receipts, logs and blooms, encoded as
 * Ethereum encodes them so receipts roots match. Certificates live in consensus, beside the block.
 * May import only {@code io.trestle.core} (and its tx, rlp, trie packages) and {@code io.trestle.crypto}.
 */
package io.trestle.core.block;
