package dev.baton.bench;

import java.util.List;

/** One benchmark: runs its measurements and returns its figures. */
interface Workload {
  /** The name given on the command line. */
  String name();

  /** What it measures, one line for the results table. */
  String description();

  /**
   * Runs the workload.
   *
   * @param smoke whether to run briefly, only to show that it works
   * @return its figures
   * @throws Exception if it cannot run
   */
  List<Measurement> run(boolean smoke) throws Exception;
}
