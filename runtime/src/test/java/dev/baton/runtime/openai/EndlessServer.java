package dev.baton.runtime.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers every request with a stream that never ends: the same event
 * over and over, as fast as the client reads, until the client goes away. MockWebServer cannot
 * send an endless body.
 */
final class EndlessServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] event;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  EndlessServer(String eventData) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.event = ("data: " + eventData + "\n\n").getBytes(StandardCharsets.UTF_8);
    threads.add(Thread.ofVirtual().name("endless-accept").start(this::accept));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  private void accept() {
    try {
      while (true) {
        Socket connection = socket.accept();
        connections.add(connection);
        threads.add(Thread.ofVirtual().name("endless-conn").start(() -> serve(connection)));
      }
    } catch (IOException closed) {
      // The server was closed.
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      readRequest(in);
      OutputStream out = connection.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write(event);
      }
    } catch (IOException gone) {
      // The client went away: the attempt is over.
    }
  }

  /** Reads the head and a Content-Length body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.readNBytes(length);
  }

  @Override
  public void close() throws Exception {
    socket.close();
    for (Socket s : connections) {
      s.close();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
