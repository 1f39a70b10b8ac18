package dev.baton.examples.sharedcontext;

import dev.baton.Agent;
import dev.baton.Parallel;
import dev.baton.Results;

/**
 * An incident review whose agents share one {@link CaseFile}: two investigators add findings in
 * parallel, then the lead reads them and records decisions.
 */
public interface Postmortem {
  /**
   * Investigates, then decides. The findings travel through the case file, not through return
   * values.
   *
   * @param incident what happened
   * @return the lead's conclusion
   */
  @Agent
  default String postmortem(String incident) {
    investigate(incident);
    return lead(incident);
  }

  /**
   * Both investigators at once.
   *
   * @param incident what happened
   * @return their summaries
   */
  @Parallel(agents = {"logs", "metrics"}, timeout = "10s")
  Results<String> investigate(String incident);

  /**
   * Reads the logs.
   *
   * @param incident what happened
   * @return a one-line summary
   */
  @Agent(instructions = "Search the logs around the incident. Record each finding with addFinding.",
      tools = CaseNotes.class)
  String logs(String incident);

  /**
   * Reads the dashboards.
   *
   * @param incident what happened
   * @return a one-line summary
   */
  @Agent(instructions = "Check the dashboards around the incident. Record each finding with addFinding.",
      tools = CaseNotes.class)
  String metrics(String incident);

  /**
   * Reads the findings and decides.
   *
   * @param incident what happened
   * @return the conclusion
   */
  @Agent(instructions = """
      Read all findings, record one decision per root cause with decide, then state the root
      cause in one sentence.""", tools = CaseNotes.class)
  String lead(String incident);
}
