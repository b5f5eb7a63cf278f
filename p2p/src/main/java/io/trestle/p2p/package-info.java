/**
 * Authenticated, encrypted transport over Netty; peer admission; gossip; block sync.
 * Runs the consensus engine's actions over real sockets.
 * May import crypto, core and consensus; never execution, rpc or node.
 */
package io.trestle.p2p;
