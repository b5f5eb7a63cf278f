/**
 * Governance outside execution: the pool's admission rule and head-state lookups ({@link
 * io.trestle.node.governance.HeadGovernance}), and the auditor-only audit stream over REST and WebSocket
 * ({@link io.trestle.node.governance.AuditFeed}, ADR 0275). Imports execution, services, txpool and rpc.
 */
package io.trestle.node.governance;
