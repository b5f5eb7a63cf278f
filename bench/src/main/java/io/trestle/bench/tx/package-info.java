/**
 * JMH benchmarks of the per-transaction costs a node pays at admission: decoding a signed transaction and
 * recovering its sender. Measures only; imports core and crypto, nothing imports it.
 */
package io.trestle.bench.tx;
