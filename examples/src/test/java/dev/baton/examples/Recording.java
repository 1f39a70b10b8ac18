package dev.baton.examples;

import dev.baton.runtime.RunEvent;
import dev.baton.runtime.RunEvents;
import dev.baton.runtime.RunListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A listener that keeps every event and the printed timeline, for assertions. */
public final class Recording implements RunListener {
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final RunListener printer =
      RunEvents.printer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

  @Override
  public void onEvent(RunEvent event) {
    events.add(event);
    printer.onEvent(event);
  }

  /** Every event, in the order seen. */
  public List<RunEvent> events() {
    return List.copyOf(events);
  }

  /**
   * The events of one type.
   *
   * @param type the type
   * @param <T> the type
   * @return those events, in order
   */
  public <T extends RunEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The events of one type that match.
   *
   * @param type the type
   * @param test which ones
   * @param <T> the type
   * @return those events, in order
   */
  public <T extends RunEvent> List<T> of(Class<T> type, Predicate<? super T> test) {
    return of(type).stream().filter(test).toList();
  }

  /** The timeline as printed, for failure messages. */
  public String timeline() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return timeline();
  }
}
