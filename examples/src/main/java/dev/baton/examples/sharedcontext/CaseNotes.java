package dev.baton.examples.sharedcontext;

import dev.baton.Context;
import dev.baton.Tool;
import dev.baton.examples.sharedcontext.CaseFile.Decision;
import dev.baton.examples.sharedcontext.CaseFile.Finding;
import dev.baton.runtime.RunContext;
import java.util.List;

/**
 * Tools that read and write the run's {@link CaseFile}. The case file is a {@code @Context}
 * parameter: injected by type from the run's context, invisible to the model.
 */
public class CaseNotes {
  /** Creates the tools; they hold no state of their own. */
  public CaseNotes() {}

  /**
   * Records a finding in the case file.
   *
   * @param finding one sentence with the evidence
   * @param file the run's case file
   * @return a confirmation
   */
  @Tool
  public String addFinding(String finding, @Context CaseFile file) {
    file.add(new Finding(RunContext.current().path(), finding));
    return "finding " + file.findings().size() + " recorded";
  }

  /**
   * Reads every finding recorded so far.
   *
   * @param file the run's case file
   * @return the findings
   */
  @Tool
  public List<Finding> findings(@Context CaseFile file) {
    return file.findings();
  }

  /**
   * Records a decision: an action and its owner.
   *
   * @param action what will be done
   * @param owner the team that does it
   * @param file the run's case file
   * @return a confirmation
   */
  @Tool
  public String decide(String action, String owner, @Context CaseFile file) {
    file.add(new Decision(action, owner));
    return "decision recorded for " + owner;
  }
}
