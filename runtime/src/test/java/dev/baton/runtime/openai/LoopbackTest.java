package dev.baton.runtime.openai;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh loopback server and a model pointed at it for every test; subclasses adjust the model
 * with {@link #configure(OpenAiModel.Builder)}.
 */
abstract class LoopbackTest {
  final MockWebServer server = new MockWebServer();
  final Loopback.RecordingSleeper sleeper = new Loopback.RecordingSleeper();
  OpenAiModel model;

  /** Adjusts the model of every test; the default keeps {@link Loopback#model}'s settings. */
  OpenAiModel.Builder configure(OpenAiModel.Builder builder) {
    return builder;
  }

  @BeforeEach
  final void startServer() throws Exception {
    server.start();
    model = configure(Loopback.model(server, sleeper)).build();
  }

  @AfterEach
  final void stopServer() {
    model.close();
    server.close();
  }
}
