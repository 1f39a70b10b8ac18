package dev.baton.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Standard input of a stdio MCP server, one newline-delimited JSON-RPC message at a time, passed
 * through a filter before the SDK reads it.
 */
final class LineFilterInputStream extends InputStream {
  private final BufferedReader lines;
  private final UnaryOperator<String> filter;
  private byte[] current = new byte[0];
  private int position;

  LineFilterInputStream(InputStream in, UnaryOperator<String> filter) {
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.filter = filter;
  }

  private boolean fill() throws IOException {
    while (position >= current.length) {
      String line = lines.readLine();
      if (line == null) {
        return false;
      }
      current = (filter.apply(line) + "\n").getBytes(StandardCharsets.UTF_8);
      position = 0;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
