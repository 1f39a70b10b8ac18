package dev.baton.runtime;

/**
 * Agent calls nested deeper than {@link RunOptions#maxCallDepth()}: a cycle at run time, e.g. a
 * code agent reaching itself through a tool, or one-way handoffs going round. The message prints the
 * path, which shows the cycle. Thrown before the call that would go deeper starts.
 */
public class CallDepthExceededException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param path the path of the call that would exceed the limit
   * @param limit the limit
   */
  public CallDepthExceededException(String runId, String path, int limit) {
    super(runId, path, "agent calls nest deeper than " + limit + " levels, so the run stopped: the"
        + " path shows the cycle; raise RunOptions.maxCallDepth if the depth is intended", null);
    this.limit = limit;
  }

  /** The limit that was reached. */
  public int limit() {
    return limit;
  }
}
