/**
 * Ready-made {@link io.trestle.evm.Tracer}s for debug tracing: the struct logger (one entry per opcode) and the
 * call tracer (a tree of calls). They collect values; rendering them as JSON is the RPC layer's job.
 * Imports core and the evm API only.
 */
package io.trestle.evm.trace;
