/**
 * JMH benchmarks of the trusted-evidence service (issue 5) that need no running node during measurement: offline
 * verification of an evidence receipt against a genesis file, as {@code trestle evidence verify} does. Measures
 * only; imports node, services, core and crypto, nothing imports it.
 */
package io.trestle.bench.evidence;
