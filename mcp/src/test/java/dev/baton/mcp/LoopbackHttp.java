package dev.baton.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat on 127.0.0.1 hosting one servlet at {@code /mcp}, recording every request body
 * that reaches it (so tests can see what an MCP client sent).
 */
final class LoopbackHttp implements AutoCloseable {
  final List<String> bodies = new CopyOnWriteArrayList<>();
  private final Tomcat tomcat = new Tomcat();
  private final Connector connector = new Connector();
  private final File base;
  private volatile Consumer<String> onBody = b -> { };
  private boolean closed;
  // Tomcat logs its lifecycle through java.util.logging; the tests' output needs none of it.
  private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

  static {
    TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  LoopbackHttp(HttpServlet servlet) throws IOException, LifecycleException {
    base = Files.createTempDirectory("baton-mcp-tomcat").toFile();
    tomcat.setBaseDir(base.getAbsolutePath());
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "mcp", servlet).setAsyncSupported(true);
    context.addServletMappingDecoded("/mcp", "mcp");
    FilterDef recorder = new FilterDef();
    recorder.setFilterName("recorder");
    recorder.setFilter(recordingFilter());
    recorder.setAsyncSupported("true");
    context.addFilterDef(recorder);
    FilterMap map = new FilterMap();
    map.setFilterName("recorder");
    map.addURLPattern("/mcp");
    context.addFilterMap(map);
    tomcat.start();
  }

  void onBody(Consumer<String> listener) {
    this.onBody = listener;
  }

  String url() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/mcp";
  }

  private Filter recordingFilter() {
    return (request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      if (!"POST".equals(http.getMethod())) {
        chain.doFilter(request, response);
        return;
      }
      byte[] body = http.getInputStream().readAllBytes();
      String text = new String(body, StandardCharsets.UTF_8);
      bodies.add(text);
      onBody.accept(text);
      chain.doFilter(new HttpServletRequestWrapper(http) {
        @Override
        public ServletInputStream getInputStream() {
          ByteArrayInputStream in = new ByteArrayInputStream(body);
          return new ServletInputStream() {
            @Override
            public int read() {
              return in.read();
            }

            @Override
            public boolean isFinished() {
              return in.available() == 0;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
              throw new UnsupportedOperationException();
            }
          };
        }

        @Override
        public BufferedReader getReader() {
          return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
      }, response);
    };
  }

  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    tomcat.stop();
    tomcat.destroy();
    try (var files = Files.walk(base.toPath())) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
