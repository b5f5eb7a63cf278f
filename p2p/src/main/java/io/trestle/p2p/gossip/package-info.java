/**
 * Flooding gossip with de-duplication for items every node should see once (transactions): new items go to
 * every peer but their source; a bounded seen-set stops the echo. Rides on {@link io.trestle.p2p.P2pNetwork}'s
 * public API only. Must not import consensus, execution, txpool or node.
 */
package io.trestle.p2p.gossip;
