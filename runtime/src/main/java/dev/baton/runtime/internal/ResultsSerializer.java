package dev.baton.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.baton.Durations;
import dev.baton.Outcome;
import dev.baton.Results;
import java.io.IOException;

/**
 * Writes fan-out results as a model or a log should read them: one object per branch with its
 * status and its value, error or timeout.
 */
@SuppressWarnings("rawtypes")
final class ResultsSerializer extends StdSerializer<Results> {
  private static final long serialVersionUID = 1L;

  ResultsSerializer() {
    super(Results.class);
  }

  @Override
  public void serialize(Results results, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartArray();
    for (Object o : results) {
      Outcome<?> outcome = (Outcome<?>) o;
      gen.writeStartObject();
      gen.writeStringField("agent", outcome.agent());
      switch (outcome) {
        case Outcome.Success<?> s -> {
          gen.writeStringField("status", "succeeded");
          provider.defaultSerializeField("value", s.value(), gen);
        }
        case Outcome.Failed<?> f -> {
          gen.writeStringField("status", "failed");
          gen.writeStringField("error", Engine.describe(f.error()));
        }
        case Outcome.TimedOut<?> t -> {
          gen.writeStringField("status", "timed out");
          gen.writeStringField("after", Durations.format(t.after()));
        }
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }
}
