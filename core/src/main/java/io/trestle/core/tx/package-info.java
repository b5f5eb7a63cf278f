/**
 * Ethereum typed transactions (legacy with and without EIP-155, EIP-2930, EIP-1559) bound to a crypto suite:
 * strict decoding, signing, sender recovery cached per transaction, intrinsic gas and stateless validation.
 * May import only {@code io.trestle.core} and {@code io.trestle.crypto}; knows no state, pool or network.
 */
package io.trestle.core.tx;
