package dev.baton.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.History;
import dev.baton.Results;
import dev.baton.graph.AgentSpec;
import dev.baton.runtime.AnswerTooLargeException;
import dev.baton.runtime.IncompleteAnswerException;
import dev.baton.runtime.MaxTurnsExceededException;
import dev.baton.runtime.ModelBehaviorException;
import dev.baton.runtime.ModelRefusalException;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunSetupException;
import dev.baton.runtime.model.AssistantMessage;
import dev.baton.runtime.model.Message;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ToolCall;
import dev.baton.runtime.model.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation of an LLM agent: model turns until a final answer, running the tool calls of each
 * turn, following a one-way handoff if the model takes one. Streaming and blocking runs both come
 * through here.
 */
final class LlmInvocation {
  private final Engine engine;
  private final Frame frame;
  private final PreparedAgent agent;
  private final Object[] args;
  private final RunImpl<?> run;

  LlmInvocation(Engine engine, Frame frame, PreparedAgent agent, Object[] args) {
    this.engine = engine;
    this.frame = frame;
    this.agent = agent;
    this.args = args;
    this.run = frame.run;
  }

  Object run() {
    AgentSpec spec = agent.spec;
    String input = Inputs.render(spec, args);
    if (spec.forks()) {
      Results<Object> results = new Fork(engine, frame, agent, args).run();
      input = input + "\n\n" + Inputs.outcomes(results);
    }
    List<Message> base = spec.history() == History.NONE ? List.of() : frame.conversation.snapshot();
    UserMessage user = new UserMessage(input);
    frame.conversation.append(user);
    List<Message> turns = new ArrayList<>();
    boolean repaired = false;
    for (int turn = 1; ; turn++) {
      if (turn > spec.maxTurns()) {
        throw new MaxTurnsExceededException(run.id(), frame.path, spec.maxTurns(), "\"" + spec.name()
            + "\" made " + spec.maxTurns() + " model calls without a final answer; raise"
            + " @Agent(maxTurns) or give it clearer instructions");
      }
      List<Message> messages = new ArrayList<>(base.size() + turns.size() + 2);
      messages.add(agent.system);
      messages.addAll(base);
      messages.add(user);
      messages.addAll(turns);
      ToolMenu menu = ToolMenu.of(engine, agent, run.execution, frame.path + "#m" + turn);
      ModelResponse response = callModel(messages, turn, menu);
      checkComplete(response);
      if (response.hasToolCalls()) {
        AssistantMessage said = AssistantMessage.of(response);
        turns.add(said);
        ToolCalls.Turn outcome = new ToolCalls(engine, frame, agent, turn, menu)
            .execute(said.toolCalls());
        turns.addAll(outcome.results());
        if (outcome.handoff() != null) {
          return outcome.handoff().get();
        }
        continue;
      }
      try {
        Object output = agent.parseOutput(response.text());
        frame.conversation.appendAnswer(new AssistantMessage(Json.text(output)), spec.name());
        return output;
      } catch (IllegalArgumentException e) {
        if (repaired) {
          throw new ModelBehaviorException(run.id(), frame.path, "the answer of \"" + spec.name()
              + "\" does not parse as " + spec.output().displayName() + " even after a repair request: "
              + Json.shortMessage(e), e);
        }
        repaired = true;
        String expected = spec.output().displayName();
        String problem = Json.shortMessage(e);
        run.emit((seq, at) -> new RunEvent.OutputRepairRequested(run.id(), frame.path, seq, at,
            spec.name(), expected, problem));
        turns.add(new AssistantMessage(response.text()));
        turns.add(new UserMessage("Your answer could not be read as " + spec.output().displayName()
            + ": " + Json.shortMessage(e) + ". Reply again with only JSON that matches the schema."));
      }
    }
  }

  // An answer cut off or refused is not an answer: neither the text nor a repair round-trip would
  // help, since the same request would end the same way.
  private void checkComplete(ModelResponse response) {
    String name = agent.spec.name();
    if (!response.refusal().isEmpty()) {
      throw new ModelRefusalException(run.id(), frame.path, response.refusal(), "the model refused"
          + " to answer for \"" + name + "\": " + response.refusal());
    }
    if (ModelResponse.LENGTH.equals(response.finishReason())) {
      throw new IncompleteAnswerException(run.id(), frame.path, response.finishReason(),
          "the answer of \"" + name + "\" was cut off at the token limit (finish_reason \"length\")"
              + " after " + response.usage().outputTokens() + " output tokens: raise maxTokens in"
              + " the model settings (RunOptions.Builder.agentModelSettings or modelSettings, or the"
              + " model's defaults), or ask for a shorter answer");
    }
    if (ModelResponse.CONTENT_FILTER.equals(response.finishReason())) {
      throw new IncompleteAnswerException(run.id(), frame.path, response.finishReason(),
          "the answer of \"" + name + "\" was stopped by the provider's content filter"
              + " (finish_reason \"content_filter\"): change the input or the instructions");
    }
    if (ModelResponse.INSUFFICIENT_SYSTEM_RESOURCE.equals(response.finishReason())) {
      throw new IncompleteAnswerException(run.id(), frame.path, response.finishReason(),
          "the answer of \"" + name + "\" was stopped early because the server ran out of"
              + " resources (finish_reason \"insufficient_system_resource\"): the text is partial;"
              + " try again later");
    }
  }

  private ModelResponse callModel(List<Message> messages, int turn, ToolMenu menu) {
    String key = frame.path + "#m" + turn;
    JsonNode recorded = run.journal.recorded(key);
    if (recorded != null) {
      return Json.convert(recorded, ModelResponse.class);
    }
    run.check(frame);
    if (Thread.currentThread().isInterrupted()) {
      throw run.stopped(frame);
    }
    int calls = run.modelCalls.incrementAndGet();
    int limit = run.options().maxModelCalls();
    if (calls > limit) {
      throw new MaxTurnsExceededException(run.id(), frame.path, limit, "run " + run.id()
          + " reached its limit of " + limit + " model calls; raise RunOptions.maxModelCalls");
    }
    ModelRequest request = new ModelRequest(run.id(), frame.path, agent.spec.name(),
        agent.spec.model(), messages, menu.definitions(), agent.outputSchema,
        run.options().modelSettingsFor(agent.spec.name()));
    String path = frame.path;
    ModelResponse response;
    long maxAnswer = run.options().maxAnswerChars();
    try {
      response = new ModelCall(run, request).respond(frame.scope, engine.model, key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw run.stopped(frame);
    } catch (RunSetupException e) {
      run.stop(e); // fails the run even inside a branch, a delegate or a caught call
      throw e;
    } catch (RuntimeException e) {
      if (frame.scope.isCancelled()) {
        throw run.stopped(frame); // a failure caused by the cancellation is no failure of the model
      }
      throw e;
    }
    run.check(frame); // settled while the model answered: the late answer is dropped
    if (Thread.currentThread().isInterrupted()) {
      // Interrupted while the model answered and the model returned anyway: the interrupt is a
      // cancellation on its way (the caller's thread running a branch of its own fan-out learns
      // of it before the branch's scope does), so the answer is dropped as above.
      throw run.stopped(frame);
    }
    if (response == null) {
      throw new ModelBehaviorException(run.id(), path, "the model returned no response", null);
    }
    if (response.answerChars() > maxAnswer) {
      throw new AnswerTooLargeException(run.id(), path, maxAnswer);
    }
    // The calls of one response are told apart whatever ids the model chose: results, events and
    // the journal are keyed by them (approvals also by turn and position, in ToolCalls).
    ModelResponse distinct = !response.hasToolCalls() ? response : new ModelResponse(
        response.text(), ToolCall.distinctIds(response.toolCalls(), "t" + turn, java.util.Set.of()),
        response.usage(), response.finishReason(), response.refusal(), response.providerFields(),
        response.id(), response.model());
    run.journal.record(key, () -> Json.toTree(distinct));
    return distinct;
  }
}
