package io.trestle.state.kv;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The column families of the node's database (DESIGN §5). Each column is an independent ordered key space; a
 * {@link WriteBatch} may touch several of them atomically. The declaration order is part of no format: stores
 * address columns by {@link #familyName()}, never by ordinal.
 */
public enum Column {
  /** Small named values: chain head, genesis hash, schema version. */
  METADATA,
  HEADERS,
  BODIES,
  /** Commit certificates of committed blocks. */
  CERTIFICATES,
  RECEIPTS,
  /** Transaction hash to block position. */
  TX_INDEX,
  /** Merkle-Patricia trie nodes by keccak-256 of their RLP encoding. */
  TRIE_NODES,
  /** Consensus safety data (highest voted round, locked certificate) that must be fsynced before a vote. */
  CONSENSUS,
  /** Contract code by code hash (see ADR 0140 for why apart from TRIE_NODES). */
  CODE,
  /** What executing block N produced (state root, receipts root, validator-set hash) for header N+1. */
  BLOCK_RESULTS,
  /** Secondary indexes for RPC (logs by address and topic, and similar). */
  INDEXES;

  private final String familyName = name().toLowerCase(Locale.ROOT);

  /** The stable on-disk name of the column family. */
  public String familyName() {
    return familyName;
  }

  byte[] familyNameBytes() {
    return familyName.getBytes(StandardCharsets.US_ASCII);
  }
}
