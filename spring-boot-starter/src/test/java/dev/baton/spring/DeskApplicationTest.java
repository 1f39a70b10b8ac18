package dev.baton.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spring.desk.Desk;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The application end to end: an injected runner answers through a loopback OpenAI-compatible
 * server speaking the Chat Completions wire format, calling a tool bean with an injected
 * dependency; the canary key reaches the server and nothing else.
 */
@SpringBootTest(classes = DeskApplication.class)
@ExtendWith(OutputCaptureExtension.class)
class DeskApplicationTest {
  private static final String CANARY = "sk-canary-5f0c2e9a7b";
  private static final MockWebServer SERVER = start();

  private static MockWebServer start() {
    MockWebServer server = new MockWebServer();
    try {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return server;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("baton.openai.base-url", () -> SERVER.url("/v1").toString());
    registry.add("baton.openai.api-key", () -> CANARY);
    registry.add("baton.openai.model", () -> "test-model");
    registry.add("baton.openai.streaming", () -> "false");
    registry.add("logging.level.dev.baton", () -> "TRACE");
    // How the key appears when an application is started with it on the command line: inside the
    // sun.java.command system property (or SPRING_APPLICATION_JSON), under a name that is no secret.
    registry.add("desk.launch.command", () -> "desk.jar --baton.openai.api-key=" + CANARY + " --server.port=0");
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @Autowired
  Desk desk;

  @Autowired
  ApplicationContext context;

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void answersThroughTheServerWithTheToolBean(CapturedOutput output) throws Exception {
    SERVER.enqueue(json("""
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"call_1","type":"function",
             "function":{"name":"lookupOrder","arguments":"{\\"orderId\\":\\"A-17\\"}"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}"""));
    SERVER.enqueue(json("""
        {"id":"chatcmpl-2","object":"chat.completion","created":2,"model":"test-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":"A-17 was shipped on Monday."},
           "finish_reason":"stop"}],
         "usage":{"prompt_tokens":30,"completion_tokens":7,"total_tokens":37}}"""));

    String answer = desk.answer("Where is order A-17?");

    assertThat(answer).isEqualTo("A-17 was shipped on Monday.");
    RecordedRequest first = SERVER.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + CANARY);
    assertThat(first.getBody().utf8()).contains("\"lookupOrder\"").contains("Where is order A-17?");
    RecordedRequest second = SERVER.takeRequest();
    // The tool bean answered with its injected repository's data.
    assertThat(second.getBody().utf8()).contains("A-17: shipped on Monday");

    assertThat(output.getAll()).doesNotContain(CANARY);
  }

  @Test
  void actuatorEndpointsNeverShowTheKeyEvenWhenValuesAreShown() throws Exception {
    List<SanitizingFunction> functions = context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
    assertThat(functions).isNotEmpty();
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    EnvironmentEndpoint env = new EnvironmentEndpoint(context.getBean(Environment.class), functions, Show.ALWAYS);
    String envJson = mapper.writeValueAsString(env.environment(null));
    assertThat(envJson).contains("baton.openai.api-key").doesNotContain(CANARY);
    assertThat(mapper.writeValueAsString(env.environmentEntry("baton.openai.api-key"))).doesNotContain(CANARY);

    ConfigurationPropertiesReportEndpoint configprops = new ConfigurationPropertiesReportEndpoint(functions, Show.ALWAYS);
    configprops.setApplicationContext(context);
    String propsJson = mapper.writeValueAsString(configprops.configurationProperties());
    assertThat(propsJson).contains("apiKey").contains("test-model").doesNotContain(CANARY);

    // A value that quotes the key keeps its other words and loses the key.
    String quoted = mapper.writeValueAsString(env.environmentEntry("desk.launch.command"));
    assertThat(quoted).doesNotContain(CANARY).contains("desk.jar --baton.openai.api-key=******");

    // Without the function, showing values would show the key: the function is what masks it.
    EnvironmentEndpoint unsanitized = new EnvironmentEndpoint(context.getBean(Environment.class), List.of(), Show.ALWAYS);
    assertThat(mapper.writeValueAsString(unsanitized.environmentEntry("baton.openai.api-key"))).contains(CANARY);
  }

  @Test
  void theHealthIndicatorListsModelsWithoutSpendingTokens() throws Exception {
    SERVER.enqueue(json("{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\"}]}"));
    HealthIndicator indicator = context.getBean("batonModelHealthIndicator", HealthIndicator.class);
    Health health = indicator.health(true);
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    RecordedRequest request = SERVER.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(health.toString()).doesNotContain(CANARY);

    SERVER.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key " + CANARY + "\"}}").build());
    Health down = indicator.health(true);
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsEntry("status", 401);
    assertThat(down.toString()).doesNotContain(CANARY);
    SERVER.takeRequest();
    assertThat(Map.copyOf(down.getDetails())).doesNotContainValue(CANARY);
  }
}
