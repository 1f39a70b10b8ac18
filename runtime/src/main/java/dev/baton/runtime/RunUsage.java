package dev.baton.runtime;

import dev.baton.runtime.model.Usage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens a run used and the model calls it made, in all and per agent path. A snapshot: {@link
 * Run#usage()} returns a new one each time, so it can be read while the run goes on.
 *
 * <p>Only calls made by this run count: steps a resumed run answers from its journal cost nothing
 * again and are not included. Tokens are summed as the server reported them; a server that sends
 * no usage adds calls but no tokens.
 *
 * @param total the sum over every path
 * @param modelCalls the model calls made (each counted once, however many attempts it took)
 * @param byPath the usage of each agent path that made a model call, e.g. {@code
 *     frontDesk>billing}; in the order the paths first finished a call
 */
public record RunUsage(Usage total, int modelCalls, Map<String, Usage> byPath) {
  /** A run that has made no model call. */
  public static final RunUsage NONE = new RunUsage(Usage.NONE, 0, Map.of());

  /** Checks and copies the components. */
  public RunUsage {
    total = total == null ? Usage.NONE : total;
    // None or one path needs no order kept: an empty or singleton map, which like the copy takes
    // any key, null too, in get.
    byPath = byPath == null ? Map.of()
        : byPath.isEmpty() ? Collections.emptyMap()
        : byPath.size() == 1 ? singleton(byPath)
        : Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
  }

  private static Map<String, Usage> singleton(Map<String, Usage> one) {
    Map.Entry<String, Usage> e = one.entrySet().iterator().next();
    return Collections.singletonMap(e.getKey(), e.getValue());
  }

  /**
   * The usage of one agent path.
   *
   * @param path an agent path, e.g. {@code frontDesk>billing}
   * @return its usage; {@link Usage#NONE} if it made no call
   */
  public Usage path(String path) {
    return byPath.getOrDefault(path, Usage.NONE);
  }
}
