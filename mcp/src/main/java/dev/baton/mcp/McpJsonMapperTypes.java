package dev.baton.mcp;

import io.modelcontextprotocol.json.TypeRef;
import java.util.Map;

/** Type references for the SDK's JSON mapper. */
final class McpJsonMapperTypes {
  static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  private McpJsonMapperTypes() {}
}
