package dev.baton.runtime.openai;

import static dev.baton.runtime.openai.Loopback.events;
import static dev.baton.runtime.openai.Loopback.request;
import static dev.baton.runtime.openai.Loopback.sse;
import static dev.baton.runtime.openai.Loopback.textChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.runtime.model.ModelListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** One model serves many threads at once, each getting its own answer and its own deltas. */
class SharingTest {
  @Test
  void concurrentCallsOnOneModelDoNotMix() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      // Answer each request with its own user message, streamed back in two deltas.
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String asked = Loopback.tree(request.getBody().utf8())
              .get("messages").get(0).get("content").asText();
          return sse(events(textChunk("re: "), textChunk(asked)));
        }
      });
      server.start();
      Loopback.RecordingSleeper sleeper = new Loopback.RecordingSleeper();
      try (OpenAiModel model = Loopback.model(server, sleeper).build();
          ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          String question = "question " + i;
          answers.add(threads.submit(() -> {
            List<String> heard = new ArrayList<>();
            String text = model.respond(request(question), heard::add).text();
            heard.add(text);
            return heard;
          }));
        }
        for (int i = 0; i < answers.size(); i++) {
          assertEquals(List.of("re: ", "question " + i, "re: question " + i),
              answers.get(i).get());
        }
        assertEquals(List.of(), sleeper.waits, "nothing failed and was retried");
      }
    }
  }

  @Test
  void derivedModelsShareTheClientAndKeepTheirOwnSettings() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      try (OpenAiModel base = Loopback.model(server, new Loopback.RecordingSleeper()).build()) {
        OpenAiModel other = base.newBuilder().model("other").streaming(false).build();
        server.enqueue(Loopback.json(Loopback.completion("plain")));
        server.enqueue(sse(events(textChunk("streamed"))));

        assertEquals("plain", other.respond(request("a"), ModelListener.NONE).text());
        assertEquals("streamed", base.respond(request("b"), ModelListener.NONE).text());

        assertEquals("other", Loopback.tree(server.takeRequest().getBody().utf8())
            .get("model").asText());
        RecordedRequest second = server.takeRequest();
        assertEquals("test-model", Loopback.tree(second.getBody().utf8()).get("model").asText());
        // One connection for both: the derived model uses the base model's pool, and a finished
        // answer hands its connection back.
        assertEquals(0, second.getConnectionIndex());
        assertEquals(1, second.getExchangeIndex());

        server.enqueue(sse(events(textChunk("again"))));
        base.respond(request("c"), ModelListener.NONE);
        RecordedRequest third = server.takeRequest();
        assertEquals(0, third.getConnectionIndex(), "a finished stream hands its connection back");
        assertEquals(2, third.getExchangeIndex());
      }
    }
  }
}
