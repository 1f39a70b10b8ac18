package dev.baton.examples.invoice;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.examples.invoice.Invoices.LineItem;
import dev.baton.examples.invoice.Invoices.Verdict;
import dev.baton.runtime.RunListener;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.Models;
import dev.baton.runtime.model.ScriptedModel;
import java.time.Duration;
import java.util.List;

/** Runs the {@link Invoices} check: a fan-out over the invoice's line items. */
public final class InvoiceExample {
  /** The expense policy. */
  public static final String POLICY = "Travel and meals up to 50 EUR a day are allowed;"
      + " alcohol and personal items are not.";

  /** The invoice. */
  public static final List<LineItem> ITEMS = List.of(
      new LineItem("Train ticket Berlin-Hamburg", 4990),
      new LineItem("Dinner with client, two mains", 4200),
      new LineItem("Bottle of wine", 3500),
      new LineItem("Hotel minibar", 1200),
      new LineItem("Taxi to the station", 1850));

  private InvoiceExample() {}

  /**
   * The offline script: one answer per element, scripted by the element's path.
   *
   * @return a fresh scripted model
   */
  public static ScriptedModel script() {
    return ScriptedModel.builder()
        .path("checkAll/checkItem[0]", s -> s.delay(Duration.ofMillis(120))
            .reply("{\"allowed\":true,\"reason\":\"Travel is allowed.\"}"))
        .path("checkAll/checkItem[1]", s -> s.delay(Duration.ofMillis(200))
            .reply("{\"allowed\":true,\"reason\":\"A client dinner under 50 EUR is a meal.\"}"))
        .path("checkAll/checkItem[2]", s -> s.delay(Duration.ofMillis(80))
            .reply("{\"allowed\":false,\"reason\":\"Alcohol is not allowed.\"}"))
        .path("checkAll/checkItem[3]", s -> s.delay(Duration.ofMillis(150))
            .reply("{\"allowed\":false,\"reason\":\"The minibar is personal consumption.\"}"))
        .path("checkAll/checkItem[4]", s -> s.delay(Duration.ofMillis(60))
            .reply("{\"allowed\":true,\"reason\":\"Travel is allowed.\"}"))
        .build();
  }

  /**
   * Checks the invoice on a model.
   *
   * @param model the model
   * @param listener sees every event, e.g. a {@link RunEvents} printer
   * @return one outcome per line item
   */
  public static Results<Verdict> run(Model model, RunListener listener) {
    Invoices invoices = InvoicesRunner.builder()
        .model(model)
        .options(RunOptions.builder().listener(listener).build())
        .build();
    return invoices.checkAll(ITEMS, POLICY);
  }

  /**
   * The outcomes as one line per item, in the invoice's order.
   *
   * @param results the outcomes
   * @return the lines
   */
  public static String summary(Results<Verdict> results) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ITEMS.size(); i++) {
      String line = switch (results.outcome(i)) {
        case Outcome.Success<Verdict> s -> (s.value().allowed() ? "allowed  " : "rejected ")
            + s.value().reason();
        case Outcome.Failed<Verdict> f -> "failed   " + f.error().getMessage();
        case Outcome.TimedOut<Verdict> t -> "timed out after " + t.after().toMillis() + " ms";
      };
      out.append(ITEMS.get(i).description()).append(": ").append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * Runs offline, or against the model configured by {@code OPENAI_API_KEY} or {@code
   * OPENAI_BASE_URL}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Results<Verdict> results = run(Models.fromEnvOr(script()), RunEvents.printer(System.out));
    System.out.println();
    System.out.print(summary(results));
  }
}
