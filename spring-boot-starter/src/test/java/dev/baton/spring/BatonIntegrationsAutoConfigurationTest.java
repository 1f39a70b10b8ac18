package dev.baton.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jdbc.JdbcJournalStore;
import dev.baton.jdbc.JdbcSessionStore;
import dev.baton.opentelemetry.BatonTelemetry;
import dev.baton.runtime.AgentRunner;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunOptions;
import dev.baton.runtime.model.Model;
import dev.baton.runtime.model.ModelResponse;
import dev.baton.runtime.model.ScriptedModel;
import dev.baton.runtime.session.SessionStore;
import dev.baton.spring.desk.Desk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.sqlite.SQLiteDataSource;

/** Model settings, JDBC stores and telemetry, each from what the application has. */
class BatonIntegrationsAutoConfigurationTest {
  private final ApplicationContextRunner contexts = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BatonAutoConfiguration.class,
          BatonJdbcAutoConfiguration.class, BatonTelemetryAutoConfiguration.class));

  private static Model answering(String text) {
    return ScriptedModel.builder().agent("answer", s -> s.otherwise(r -> ModelResponse.text(text))).build();
  }

  @Test
  void defaultModelSettingsComeFromPropertiesAndOnlySetFieldsAreSent() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
          {"id":"c1","object":"chat.completion","created":1,"model":"m",
           "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""")
          .build());
      contexts.withPropertyValues("baton.openai.base-url=" + server.url("/v1"), "baton.openai.streaming=false",
              "baton.openai.settings.temperature=0.2", "baton.openai.settings.seed=7",
              "baton.openai.settings.stop=END,STOP")
          .run(context -> {
            assertThat(context.getBean(Desk.class).answer("hi")).isEqualTo("ok");
            RecordedRequest request = server.takeRequest();
            String body = request.getBody().utf8();
            assertThat(body).contains("\"temperature\":0.2").contains("\"seed\":7")
                .contains("\"stop\":[\"END\",\"STOP\"]").doesNotContain("top_p")
                .doesNotContain("reasoning_effort");
          });
    }
  }

  @Test
  void aDataSourceGivesSessionAndJournalStoresAndRunsJournalToIt(@TempDir Path dir) {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("baton.db"));
    contexts.withBean(DataSource.class, () -> sqlite).withBean(Model.class, () -> answering("stored"))
        .run(context -> {
          assertThat(context).hasSingleBean(JdbcSessionStore.class).hasSingleBean(JdbcJournalStore.class);
          RunOptions options = context.getBean(RunOptions.class);
          assertThat(options.journalStore()).containsSame(context.getBean(JournalStore.class));

          Desk desk = context.getBean(Desk.class);
          assertThat(desk.answer("hi")).isEqualTo("stored");
          JournalStore journal = context.getBean(JournalStore.class);
          assertThat(journal.runIds()).hasSize(1);
          assertThat(journal.load(journal.runIds().get(0))).isNotEmpty();

          // A session from the store continues a conversation through the same runner.
          SessionStore sessions = context.getBean(SessionStore.class);
          @SuppressWarnings("unchecked")
          AgentRunner<Desk> runner = (AgentRunner<Desk>) desk;
          Desk withSession = (Desk) runner.with(options.toBuilder().session(sessions.session("c-1")).build());
          withSession.answer("first");
          assertThat(sessions.sessionIds()).containsExactly("c-1");
        });
  }

  @Test
  void jdbcStoresBackOffWhenSwitchedOffOrDefined(@TempDir Path dir) {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("baton.db"));
    contexts.withBean(DataSource.class, () -> sqlite).withBean(Model.class, () -> answering("x"))
        .withPropertyValues("baton.jdbc.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(SessionStore.class).doesNotHaveBean(JournalStore.class);
          assertThat(context.getBean(RunOptions.class).journalStore()).isEmpty();
        });
    JournalStore own = JournalStore.inMemory();
    contexts.withBean(DataSource.class, () -> sqlite).withBean(Model.class, () -> answering("x"))
        .withBean(JournalStore.class, () -> own)
        .run(context -> assertThat(context.getBean(RunOptions.class).journalStore()).containsSame(own));
    contexts.withBean(Model.class, () -> answering("x"))
        .run(context -> assertThat(context).doesNotHaveBean(SessionStore.class));
  }

  @Test
  void anOpenTelemetryBeanTracesEveryRun() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
    contexts.withBean(OpenTelemetry.class, () -> sdk).withBean(Model.class, () -> answering("traced"))
        .run(context -> {
          assertThat(context).hasSingleBean(BatonTelemetry.class);
          assertThat(context.getBean(Desk.class).answer("hi")).isEqualTo("traced");
          tracing.forceFlush();
          assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
              .contains("invoke_agent answer");
        });
    contexts.withBean(Model.class, () -> answering("untraced"))
        .run(context -> assertThat(context).doesNotHaveBean(BatonTelemetry.class));
    sdk.close();
  }
}
