package dev.baton.processor.model;

import dev.baton.graph.EdgeKind;

/**
 * A handoff, delegate or code-agent call, with where it is written.
 *
 * @param kind the edge kind (never {@link EdgeKind#BRANCH}: branches belong to {@link
 *     ParallelModel})
 * @param from the source agent
 * @param to the target agent as written
 * @param tool the delegate's tool name as written; empty for the default and for other kinds
 * @param description the tool description as written; empty for the target's
 * @param location the annotation (or the call) that declares it
 */
public record EdgeModel(
    EdgeKind kind, String from, String to, String tool, String description, Location location) {}
