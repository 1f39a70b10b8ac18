package dev.baton.bench;

import dev.baton.runtime.model.ScriptedModel;

/**
 * The program the {@code startup} workload starts in a fresh JVM: it prints {@code result=...} as
 * soon as it has one, then exits.
 *
 * <ul>
 *   <li>{@code baton}: builds a {@code PanelRunner} on a {@link ScriptedModel} and completes one
 *       fan-out-3-plus-aggregator run.
 *   <li>{@code plain}: the same four model calls on three virtual threads by hand (the floor: JVM
 *       start, class loading and the same work without Baton).
 * </ul>
 */
public final class StartupMain {
  private StartupMain() {}

  /**
   * Runs one mode.
   *
   * @param args {@code baton} or {@code plain}
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "baton" : args[0];
    String result = switch (mode) {
      case "baton" -> {
        ScriptedModel model = ScriptedModel.builder()
            .agent("security", s -> s.reply("no injection"))
            .agent("style", s -> s.reply("tidy"))
            .agent("tests", s -> s.reply("covered"))
            .agent("verdict", s -> s.reply("approve"))
            .build();
        Panel panel = PanelRunner.builder().model(model).build();
        yield panel.verdict("diff --git a/Main.java b/Main.java");
      }
      case "plain" -> Fanout3Workload.byHand(InstantModels.instant());
      default -> throw new IllegalArgumentException("mode must be baton or plain, not " + mode);
    };
    System.out.println("result=" + result);
  }
}
