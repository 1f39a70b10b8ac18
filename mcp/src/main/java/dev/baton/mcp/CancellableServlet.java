package dev.baton.mcp;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The SDK's streamable HTTP servlet behind a {@link CancelInterceptor}: POSTed messages pass
 * through it before the SDK reads them, keyed by the {@code Mcp-Session-Id} header.
 */
final class CancellableServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient HttpServlet delegate;
  private final transient CancelInterceptor interceptor;

  CancellableServlet(HttpServlet delegate, CancelInterceptor interceptor) {
    this.delegate = delegate;
    this.interceptor = interceptor;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    delegate.init(config);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (!"POST".equals(request.getMethod())) {
      delegate.service(request, response);
      return;
    }
    String session = request.getHeader("Mcp-Session-Id");
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    byte[] filtered = interceptor.inbound(session == null ? "" : session, body)
        .getBytes(StandardCharsets.UTF_8);
    delegate.service(new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() {
        return new BytesInputStream(filtered);
      }

      @Override
      public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(filtered),
            StandardCharsets.UTF_8));
      }

      @Override
      public int getContentLength() {
        return filtered.length;
      }

      @Override
      public long getContentLengthLong() {
        return filtered.length;
      }
    }, response);
  }

  @Override
  public void destroy() {
    delegate.destroy();
    super.destroy();
  }

  private static final class BytesInputStream extends ServletInputStream {
    private final ByteArrayInputStream in;

    BytesInputStream(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
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
      throw new IllegalStateException("the body was already read");
    }
  }
}
