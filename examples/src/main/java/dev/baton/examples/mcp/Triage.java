package dev.baton.examples.mcp;

import dev.baton.Agent;

/** An issue triager whose tools come from an MCP server bound as the toolset "tracker". */
public interface Triage {
  /**
   * Triages one bug report.
   *
   * @param report what the user wrote
   * @return what was done
   */
  @Agent(instructions = """
      You triage bug reports. Search the tracker for an existing issue first; if there is one,
      say so; otherwise file a new issue. Answer with what you did.""",
      toolsets = "tracker")
  String triage(String report);
}
