/**
 * Strict Recursive Length Prefix encoding: every value has exactly one accepted encoding.
 * Decoding never throws anything but {@link io.trestle.core.rlp.RlpException} on bad input.
 */
package io.trestle.core.rlp;
