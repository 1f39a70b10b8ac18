package dev.baton.examples.inspection;

import dev.baton.Agent;
import dev.baton.Handoff;
import dev.baton.Parallel;
import dev.baton.Param;

/**
 * A pre-flight inspection: the intake hands the aircraft to the inspection lead, who runs three
 * checks in parallel with a deadline and reports on what finished and what did not.
 */
public interface Inspection {
  /**
   * Takes the request and hands it over for good.
   *
   * @param request what to inspect, in the mechanic's words
   * @return the inspection report
   */
  @Agent(instructions = "Find the aircraft's registration in the request and hand it to the inspection.")
  @Handoff(to = "inspect")
  String intake(String request);

  /**
   * Runs the checks, then writes one report from their outcomes.
   *
   * @param aircraft the registration
   * @return the report
   */
  @Agent(description = "Runs checks P78, P80 and P82 on an aircraft and writes the report.",
      instructions = """
          Write a short inspection report from the checks' results. Name every check that
          failed or did not finish: the aircraft is not released until it is repeated.""")
  @Parallel(agents = {"p78", "p80", "p82"}, timeout = "2s")
  String inspect(@Param("the aircraft's registration, e.g. D-ABCD") String aircraft);

  /**
   * Check P78.
   *
   * @param aircraft the registration
   * @return the finding
   */
  @Agent(instructions = "Check P78: hydraulic pressure in systems 1 and 2.")
  String p78(String aircraft);

  /**
   * Check P80.
   *
   * @param aircraft the registration
   * @return the finding
   */
  @Agent(instructions = "Check P80: the avionics self-test.")
  String p80(String aircraft);

  /**
   * Check P82.
   *
   * @param aircraft the registration
   * @return the finding
   */
  @Agent(instructions = "Check P82: tyre pressure and brake wear.")
  String p82(String aircraft);
}
