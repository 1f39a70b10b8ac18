package dev.baton.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns an MCP tool result into the text the model reads. */
final class ToolResults {
  private ToolResults() {}

  /**
   * The text parts joined by blank lines; other parts named by kind; the structured content as
   * JSON when there is no text.
   */
  static String text(McpSchema.CallToolResult result, McpJsonMapper json) {
    List<String> parts = new ArrayList<>();
    if (result.content() != null) {
      for (McpSchema.Content c : result.content()) {
        parts.add(switch (c) {
          case McpSchema.TextContent t -> t.text();
          case McpSchema.ImageContent i -> "[image " + i.mimeType() + "]";
          case McpSchema.AudioContent a -> "[audio " + a.mimeType() + "]";
          case McpSchema.EmbeddedResource r -> r.resource() instanceof McpSchema.TextResourceContents t
              ? t.text() : "[resource " + r.resource().uri() + "]";
          case McpSchema.ResourceLink l -> "[resource " + l.uri() + "]";
          default -> "[" + c.type() + "]";
        });
      }
    }
    boolean hasText = parts.stream().anyMatch(p -> !p.startsWith("["));
    if (!hasText && result.structuredContent() != null) {
      try {
        return json.writeValueAsString(result.structuredContent());
      } catch (IOException e) {
        return String.valueOf(result.structuredContent());
      }
    }
    return String.join("\n\n", parts);
  }
}
