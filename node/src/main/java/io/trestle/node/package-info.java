/**
 * Wiring, configuration and the command-line interface.
 * The only module that knows every other one.
 * Nothing may import it.
 */
package io.trestle.node;
