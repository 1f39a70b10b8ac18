package dev.baton.runtime.model;

/**
 * One message of a conversation, in the roles every chat model understands.
 *
 * <p>{@link SystemMessage}, {@link UserMessage}, {@link AssistantMessage} (text and/or tool
 * calls) and {@link ToolMessage} (the result of one tool call).
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolMessage {
  /** The role name on the wire: {@code system}, {@code user}, {@code assistant}, {@code tool}. */
  String role();
}
