package dev.baton.runtime.internal;

import dev.baton.runtime.ModelCallException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelListener;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.Usage;
import java.time.Duration;

/**
 * One live model call of an invocation, made visible: {@link RunEvent.ModelCallStarted} per
 * attempt, text deltas as they stream, then one {@link RunEvent.ModelCallFinished} with latency,
 * attempts, finish reason and usage (or the error), and the usage counted in the run's tally. The
 * listener the model sees; used by the one thread making the call.
 */
final class ModelCall implements ModelListener {
  private final RunImpl<?> run;
  private final ModelRequest request;
  private int attempts = 1;
  // Bounded at the run level whatever the client does: an answer that never ends fails here.
  private final long maxAnswer;
  private long streamed;

  ModelCall(RunImpl<?> run, ModelRequest request) {
    this.run = run;
    this.request = request;
    this.maxAnswer = run.options().maxAnswerChars();
  }

  /**
   * Makes the call on this thread, once per instance.
   *
   * @param scope the calling invocation's scope: when the call is interrupted, its reason is the
   *     abandoned call's error
   * @throws InterruptedException if the thread was interrupted: the call was abandoned
   */
  ModelResponse respond(Scope scope, Model model, String step) throws InterruptedException {
    String runId = run.id();
    String path = request.path();
    String agent = request.agent();
    String name = request.model();
    run.emit((seq, at) -> new RunEvent.ModelCallStarted(runId, path, seq, at, agent, name, 1, ""));
    long t0 = System.nanoTime();
    ModelResponse response;
    try {
      response = run.execution.callModel(step, model, request, this);
    } catch (InterruptedException e) {
      // The scope's reason names what settled the work ("its fan-out branch timed out after PT2S"),
      // so the event says why whatever order its reader sees it in.
      String reason = scope.reason();
      String why = run.isCancelled() ? "the run was cancelled"
          : reason != null ? reason : "its branch timed out or a sibling failed fast";
      RunLog.abandoned(runId, path, attempts, why);
      failed(t0, "abandoned: " + why);
      throw e;
    } catch (RuntimeException | Error e) {
      if (e instanceof ModelCallException m && m.attempts() > attempts) {
        attempts = m.attempts();
      }
      failed(t0, Engine.describe(e));
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    if (response == null) {
      failed(t0, "the model returned no response");
      return null;
    }
    int n = attempts;
    run.usage.add(path, response.usage());
    run.emit((seq, at) -> new RunEvent.ModelCallFinished(runId, path, seq, at, agent, name, n, took,
        response.finishReason(), response.usage(), response.id(), response.model(), ""));
    return response;
  }

  private void failed(long t0, String error) {
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    int n = attempts;
    String runId = run.id();
    String path = request.path();
    run.usage.add(path, Usage.NONE);
    run.emit((seq, at) -> new RunEvent.ModelCallFinished(runId, path, seq, at, request.agent(),
        request.model(), n, took, "", Usage.NONE, "", "", error));
  }

  @Override
  public void onTextDelta(String delta) {
    String runId = run.id();
    String path = request.path();
    streamed += delta.length();
    if (streamed > maxAnswer) {
      throw new dev.baton.runtime.AnswerTooLargeException(runId, path, maxAnswer);
    }
    run.emit((seq, at) -> new RunEvent.TextDelta(runId, path, seq, at, delta));
  }

  @Override
  public void onRetry(int attempt, String reason) {
    attempts = attempt;
    String why = reason == null ? "" : reason;
    RunLog.retry(run.id(), request.path(), attempt, why);
    run.emit((seq, at) -> new RunEvent.ModelCallStarted(run.id(), request.path(), seq, at,
        request.agent(), request.model(), attempt, why));
  }
}
