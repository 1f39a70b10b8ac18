package dev.baton.examples.supervisor;

import dev.baton.Agent;
import dev.baton.Delegate;
import dev.baton.Param;
import java.util.List;

/** A supervisor that plans the work and uses two workers as tools; it never hands over control. */
public interface Supervisor {
  /**
   * Revenue of one region, in millions.
   *
   * @param region the region
   * @param q2 second-quarter revenue
   * @param q3 third-quarter revenue
   */
  record Row(String region, double q2, double q3) {}

  /**
   * Plans, calls the workers, and answers.
   *
   * @param task what management wants to know
   * @return the answer
   */
  @Agent(instructions = """
      Plan the work. Fetch the data with dataWorker, have write_summary phrase the result,
      then answer the task in one paragraph.""")
  @Delegate(to = "dataWorker")
  @Delegate(to = "writer", tool = "write_summary", description = "Writes a summary for management.")
  String supervisor(String task);

  /**
   * Fetches rows: structured output, parsed into records.
   *
   * @param query the rows wanted
   * @return the rows
   */
  @Agent(description = "Fetches revenue rows by region for a query.",
      instructions = "Return the rows the query asks for as JSON.")
  List<Row> dataWorker(@Param("which rows, in plain words") String query);

  /**
   * Writes the summary.
   *
   * @param facts what to summarize
   * @return the summary
   */
  @Agent(instructions = "Write two sentences for management. Lead with the answer.")
  String writer(String facts);
}
