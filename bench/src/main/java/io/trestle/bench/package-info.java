/**
 * JMH benchmarks and the load generator.
 * Measures; never tested for speed with timed unit tests.
 * Nothing may import it.
 */
package io.trestle.bench;
