package dev.baton.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.Results;
import dev.baton.examples.analysts.Analysts;
import dev.baton.examples.analysts.AnalystsExample;
import dev.baton.examples.analysts.AnalystsRunner;
import dev.baton.examples.debate.Debate;
import dev.baton.examples.debate.DebateExample;
import dev.baton.examples.debate.DebateRunner;
import dev.baton.examples.fallback.Answers;
import dev.baton.examples.fallback.AnswersRunner;
import dev.baton.examples.fallback.FallbackExample;
import dev.baton.examples.inspection.Inspection;
import dev.baton.examples.inspection.InspectionExample;
import dev.baton.examples.inspection.InspectionRunner;
import dev.baton.examples.newsroom.Newsroom;
import dev.baton.examples.newsroom.NewsroomExample;
import dev.baton.examples.newsroom.NewsroomRunner;
import dev.baton.examples.router.Router;
import dev.baton.examples.router.RouterExample;
import dev.baton.examples.router.RouterRunner;
import dev.baton.examples.supervisor.Supervisor;
import dev.baton.examples.supervisor.SupervisorExample;
import dev.baton.examples.supervisor.SupervisorRunner;
import dev.baton.examples.support.Support;
import dev.baton.examples.support.SupportExample;
import dev.baton.examples.support.SupportRunner;
import dev.baton.runtime.RunListener;
import org.junit.jupiter.api.Test;

/**
 * The examples' generated runners, unchanged, run as workflows on one worker and give the answers
 * they give in process, each on its own offline script.
 */
class ExamplesOnTemporalTest {
  @Test
  void everyExampleAnswersOnTemporalAsItDoesInProcess() {
    try (Harness h = new Harness()) {
      h.register(SupportRunner.builder().model(SupportExample.script()).build())
          .register(NewsroomRunner.builder().model(NewsroomExample.script()).build())
          .register(AnalystsRunner.builder().model(AnalystsExample.script()).build())
          .register(DebateRunner.builder().model(DebateExample.script()).build())
          .register(AnswersRunner.builder().model(FallbackExample.script()).build())
          .register(InspectionRunner.builder().model(InspectionExample.script()).build())
          .register(RouterRunner.builder().model(RouterExample.script()).build())
          .register(SupervisorRunner.builder().model(SupervisorExample.script()).build())
          .start();

      assertEquals(SupportExample.run(SupportExample.script(), RunListener.NONE),
          h.client(Support.class).agents().frontDesk(SupportExample.MESSAGE));
      assertEquals(NewsroomExample.run(NewsroomExample.script(), RunListener.NONE),
          h.client(Newsroom.class).agents().newsroom(NewsroomExample.TOPIC));
      Results<String> local = AnalystsExample.run(AnalystsExample.script(), RunListener.NONE);
      Results<String> remote = h.client(Analysts.class).agents().analyze(AnalystsExample.QUESTION);
      assertEquals(local.successes(), remote.successes());
      assertEquals(local.timedOut(), remote.timedOut());
      assertEquals(DebateExample.run(DebateExample.script(), RunListener.NONE),
          h.client(Debate.class).agents().debate(DebateExample.MOTION));
      assertEquals(FallbackExample.run(FallbackExample.script(), RunListener.NONE),
          h.client(Answers.class).agents().answer(FallbackExample.QUESTION));
      assertEquals(InspectionExample.run(InspectionExample.script(), RunListener.NONE),
          h.client(Inspection.class).agents().intake(InspectionExample.REQUEST));
      assertEquals(RouterExample.run(RouterExample.script(), RunListener.NONE),
          h.client(Router.class).agents().router(RouterExample.MESSAGE));
      assertEquals(SupervisorExample.run(SupervisorExample.script(), RunListener.NONE),
          h.client(Supervisor.class).agents().supervisor(SupervisorExample.TASK));
    }
  }
}
