package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runtime.InvalidRunStateException;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.PendingApproval;
import dev.baton.runtime.RunState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before a resume, that a state's journal is one the run could have written and that its
 * decisions and pending approvals name calls the journal shows as asked. Catches entries removed
 * from the middle, steps without the step they follow from, results of calls the model never made,
 * and decisions on calls nobody was asked about. It cannot catch a changed value of a well-formed
 * step: that is what signed states ({@link RunState#toSignedJson}) are for.
 */
final class JournalCheck {
  private JournalCheck() {}

  /**
   * Checks that every value of {@code stored}, a run's journal as read from {@code store} under the
   * claim, is JSON: entries {@link #check(RunState)} did not see (appended after the state was
   * read, or a journal replaced since) are refused before the run starts, naming each, rather than
   * failing the step that would replay one.
   *
   * @throws InvalidRunStateException listing each entry whose value is not JSON, by its position in
   *     the store's journal (1 = first) and key
   */
  static void values(String runId, JournalStore store, List<JournalEntry> stored) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      JournalEntry e = stored.get(i);
      try {
        JournalJson.check(e.value());
      } catch (IllegalArgumentException ex) {
        problems.add("stored entry " + (i + 1) + " (" + e.key() + ") is not JSON: " + ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRunStateException(runId, "journal of run " + runId + " in " + store
          + " is not one its run could have written", problems);
    }
  }

  static void check(RunState state) {
    List<String> problems = new ArrayList<>();
    List<JournalEntry> journal = state.journal();
    // First the keys: which model responses a tool result or approval request refers to, so that
    // only those are parsed into trees; every other value is only checked to be JSON.
    StepKey[] steps = new StepKey[journal.size()];
    Set<String> referenced = new HashSet<>();
    for (int i = 0; i < steps.length; i++) {
      StepKey k = StepKey.parse(journal.get(i).key());
      steps[i] = k;
      if (k != null && (k.kind() == 't' || k.kind() == 'a')) {
        referenced.add(k.path() + "#m" + k.turn());
      }
    }
    Set<String> seen = new HashSet<>();
    Map<String, JsonNode> responses = new HashMap<>();
    Set<String> asked = new HashSet<>();
    for (int i = 0; i < steps.length; i++) {
      int index = i + 1;
      JournalEntry e = journal.get(i);
      String key = e.key();
      if (!seen.add(key)) {
        problems.add("entry " + index + " repeats step " + key);
        continue;
      }
      StepKey k = steps[i];
      if (k == null) {
        seen.remove(key);
        problems.add("entry " + index + " is no step a run writes: " + key);
        continue;
      }
      String path = k.path();
      JsonNode value = null;
      try {
        if (k.kind() == 'a' || referenced.contains(key)) {
          value = JournalJson.read(e.value());
        } else {
          JournalJson.check(e.value());
        }
      } catch (IllegalArgumentException ex) {
        seen.remove(key);
        problems.add("entry " + index + " (" + key + ") is not JSON: " + ex.getMessage());
        continue;
      }
      switch (k.kind()) {
        case 'm' -> {
          int turn = k.turn();
          if (turn > 1 && !seen.contains(path + "#m" + (turn - 1))) {
            problems.add("model turn " + turn + " of " + path + " comes without turn " + (turn - 1));
          }
          if (value != null) {
            responses.put(key, value);
          }
        }
        case 't', 'a' -> {
          boolean result = k.kind() == 't';
          JsonNode response = responses.get(path + "#m" + k.turn());
          JsonNode call = response == null ? null : response.path("toolCalls").path(k.index());
          if (call == null || call.isMissingNode()) {
            problems.add((result ? "tool result " : "approval request ") + key
                + " answers no call the model made in turn " + k.turn() + " of " + path);
          } else if (result && !call.path("id").asText().equals(k.callId())) {
            problems.add("tool result " + key + " names call " + k.callId() + ", but call "
                + k.index() + " of that turn is " + call.path("id").asText());
          } else if (!result) {
            asked.add(value.path("callId").asText());
          }
        }
        case 'c' -> {
          int n = k.turn();
          if (n > 1 && !seen.contains(path + "#c" + (n - 1))) {
            problems.add("call " + n + " of " + (path.isEmpty() ? "the run" : path)
                + " comes without call " + (n - 1));
          }
        }
        default -> { }
      }
    }
    for (String decided : state.decisions().keySet()) {
      if (!asked.contains(decided)) {
        problems.add("a decision names call " + decided + ", which the journal does not show as"
            + " waiting for approval");
      }
    }
    for (PendingApproval p : state.approvals()) {
      if (!asked.contains(p.callId())) {
        problems.add("pending approval " + p.callId() + " is not in the journal");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRunStateException(state.runId(), "run state of " + state.runId()
          + " is not one its run could have written", problems);
    }
  }
}
