package dev.baton.runtime.openai;

import java.util.Set;

/**
 * How one server wants requests written, beyond the common Chat Completions fields.
 *
 * @param tokenLimitField the body field that carries {@code maxTokens}: {@code
 *     max_completion_tokens} (OpenAI, whose reasoning models reject {@code max_tokens}) or {@code
 *     max_tokens} (most compatible servers)
 * @param omittedMessageFields provider fields of assistant messages that are kept in the
 *     conversation and the journal but not sent back, e.g. {@code reasoning_content}, which
 *     DeepSeek rejects in the input
 */
record WireDialect(String tokenLimitField, Set<String> omittedMessageFields) {
  WireDialect {
    omittedMessageFields = Set.copyOf(omittedMessageFields);
  }
}
