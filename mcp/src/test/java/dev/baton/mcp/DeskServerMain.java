package dev.baton.mcp;

/** The desk served over stdio: the child process of the served-stdio test. */
public final class DeskServerMain {
  private DeskServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    McpAgentServer.builder(new DeskFixture().runner()).agent("frontDesk").build().serveStdio();
    // The SDK reads standard input on daemon threads; the client ends this process.
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
