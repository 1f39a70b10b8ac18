package dev.baton.processor.model;

/** Qualified names of the annotations and types the processor reads. */
public final class Names {
  private Names() {}

  /** {@code dev.baton.Agent}. */
  public static final String AGENT = "dev.baton.Agent";
  /** {@code dev.baton.Handoff}. */
  public static final String HANDOFF = "dev.baton.Handoff";
  /** {@code dev.baton.Handoff.List}. */
  public static final String HANDOFF_LIST = "dev.baton.Handoff.List";
  /** {@code dev.baton.Delegate}. */
  public static final String DELEGATE = "dev.baton.Delegate";
  /** {@code dev.baton.Delegate.List}. */
  public static final String DELEGATE_LIST = "dev.baton.Delegate.List";
  /** {@code dev.baton.Parallel}. */
  public static final String PARALLEL = "dev.baton.Parallel";
  /** {@code dev.baton.Tool}. */
  public static final String TOOL = "dev.baton.Tool";
  /** {@code dev.baton.Param}. */
  public static final String PARAM = "dev.baton.Param";
  /** {@code dev.baton.Context}. */
  public static final String CONTEXT = "dev.baton.Context";
  /** {@code dev.baton.Results}. */
  public static final String RESULTS = "dev.baton.Results";
}
