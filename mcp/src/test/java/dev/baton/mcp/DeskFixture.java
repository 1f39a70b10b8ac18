package dev.baton.mcp;

import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.concurrent.CountDownLatch;

/** The desk's scripted model: front desk hands to billing and answers with what billing said. */
final class DeskFixture {
  final CountDownLatch researchStarted = new CountDownLatch(1);
  final CountDownLatch researchInterrupted = new CountDownLatch(1);

  DeskRunner runner() {
    ScriptedModel model = ScriptedModel.builder()
        .agent("frontDesk", s -> s.handoff("billing", "{\"problem\":\"charged twice\"}")
            .respond(r -> ModelResponse.text("Billing says: "
                + ((ToolMessage) r.messages().get(r.messages().size() - 1)).content())))
        .agent("billing", s -> s.reply("refund issued for the double charge"))
        .agent("classify", s -> s.reply("{\"team\":\"billing\",\"priority\":2}"))
        .agent("research", s -> s.respond(r -> {
          researchStarted.countDown();
          try {
            new CountDownLatch(1).await(); // until the run is cancelled
          } catch (InterruptedException e) {
            researchInterrupted.countDown();
            Thread.currentThread().interrupt();
          }
          return ModelResponse.text("interrupted");
        }))
        .build();
    return DeskRunner.builder().model(model).build();
  }
}
