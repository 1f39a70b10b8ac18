package dev.baton.examples.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Outcome;
import dev.baton.Results;
import dev.baton.examples.Recording;
import dev.baton.examples.invoice.Invoices.Verdict;
import dev.baton.runtime.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceExampleTest {
  @Test
  void everyLineItemIsItsOwnBranchAndTheOutcomesKeepTheInvoicesOrder() {
    Recording rec = new Recording();

    Results<Verdict> results = InvoiceExample.run(InvoiceExample.script(), rec);

    assertTrue(results.isComplete(), results::toString);
    List<Boolean> allowed = java.util.stream.IntStream.range(0, InvoiceExample.ITEMS.size())
        .mapToObj(i -> ((Outcome.Success<Verdict>) results.outcome(i)).value().allowed()).toList();
    assertEquals(List.of(true, true, false, false, true), allowed);
    assertEquals(List.of("checkAll/checkItem[0]", "checkAll/checkItem[1]", "checkAll/checkItem[2]",
        "checkAll/checkItem[3]", "checkAll/checkItem[4]"),
        rec.of(RunEvent.BranchStarted.class).stream().map(RunEvent::path).sorted().toList());
    assertTrue(InvoiceExample.summary(results).contains("Bottle of wine: rejected Alcohol is not allowed."),
        () -> InvoiceExample.summary(results));
  }
}
