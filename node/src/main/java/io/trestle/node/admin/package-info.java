/**
 * The operator's admin endpoint: peer list, adding peers, log levels, node identity, on a separate port bound to
 * 127.0.0.1 by default and optionally behind a bearer token (ADR 0276). Imports rpc and logback; nothing imports it
 * but the node's wiring.
 */
package io.trestle.node.admin;
