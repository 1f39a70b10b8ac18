package dev.baton.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.examples.Recording;
import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunEvent.HandedBack;
import dev.baton.runtime.RunEvent.HandoffOccurred;
import dev.baton.runtime.model.ModelRequest;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.model.ToolMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportExampleTest {
  @Test
  void specialistsReportBackAndTheFrontDeskAnswers() {
    ScriptedModel model = SupportExample.script();
    Recording rec = new Recording();

    String answer = SupportExample.run(model, rec);

    assertTrue(answer.startsWith("Sorry about both!"), answer);
    assertTrue(answer.contains("refund R-1: 4999 cents on A-17"), answer);
    assertTrue(answer.contains("4.2.1 fixes it"), answer);

    List<HandoffOccurred> handoffs = rec.of(HandoffOccurred.class);
    assertEquals(2, handoffs.size(), rec::timeline);
    assertTrue(handoffs.stream().allMatch(h -> h.back() && h.from().equals("frontDesk")), rec::timeline);
    assertEquals(List.of("billing", "technical"),
        handoffs.stream().map(HandoffOccurred::to).sorted().toList());
    List<HandedBack> backs = rec.of(HandedBack.class);
    assertEquals(List.of("frontDesk>billing", "frontDesk>technical"),
        backs.stream().map(RunEvent::path).sorted().toList(), rec::timeline);
    assertTrue(backs.stream().allMatch(b -> b.to().equals("frontDesk")));

    // The specialists' outputs answer the front desk's handoff calls; the front desk goes on.
    List<ModelRequest> desk = model.requests("frontDesk");
    assertEquals(2, desk.size());
    List<ToolMessage> reports = desk.get(1).messages().stream()
        .filter(m -> m instanceof ToolMessage).map(m -> (ToolMessage) m).toList();
    assertEquals(2, reports.size());
    assertTrue(reports.stream().anyMatch(r -> r.toolName().equals("transfer_to_billing")
        && r.content().contains("refund R-1")), reports::toString);
    RunEvent.AgentFinished last = rec.of(RunEvent.AgentFinished.class).getLast();
    assertEquals("frontDesk", last.path());
    assertTrue(rec.of(RunEvent.ToolReturned.class).stream().anyMatch(t -> t.tool().equals("refund")
        && t.path().equals("frontDesk>billing") && !t.error()), rec::timeline);
  }

  @Test
  void billingToolsKeepTheirLedger() {
    BillingTools tools = new BillingTools();

    assertEquals(List.of(4_999, 4_999), tools.charges("A-17"));
    assertEquals("refund R-1: 100 cents on B-02", tools.refund("B-02", 100));
    assertEquals(List.of("R-1 B-02 100"), tools.refunds());
  }
}
