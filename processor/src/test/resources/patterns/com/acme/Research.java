package com.acme;

import dev.baton.Agent;
import dev.baton.Context;
import dev.baton.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tools write findings into a context object shared by the run. */
public interface Research {
  /** The run's shared findings. */
  final class Findings {
    // Tools of concurrent branches add at once: a concurrent list, no monitor on virtual threads.
    private final List<String> items = new CopyOnWriteArrayList<>();

    public void add(String item) {
      items.add(item);
    }

    public List<String> items() {
      return List.copyOf(items);
    }
  }

  /** Tools that record findings. */
  class Notebook {
    /**
     * Records a finding for the report.
     *
     * @param finding one sentence
     * @param findings the run's findings
     * @return a confirmation
     */
    @Tool
    public String note(String finding, @Context Findings findings) {
      findings.add(finding);
      return "noted";
    }
  }

  @Agent(instructions = "Research and note findings.", tools = Notebook.class)
  String research(String topic);
}
