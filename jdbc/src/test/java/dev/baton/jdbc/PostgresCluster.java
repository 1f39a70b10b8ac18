package dev.baton.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL server for tests: a new cluster in a temporary directory, started with the
 * server binaries installed on the machine (Debian's {@code postgresql} package: {@code
 * /usr/lib/postgresql/<version>/bin}, or {@code BATON_PG_BIN}) on a free loopback port, trusted
 * local connections only. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * {@code postgres} user and its commands run through {@code runuser}. {@link #shared()} is started
 * once per test JVM and stopped when the JVM exits; {@link #start()} makes one a test can stop.
 *
 * <p>Public for the bench module, which starts its PostgreSQL workload's server with it (it comes
 * in this module's test-jar). Thread-safe.
 */
public final class PostgresCluster implements AutoCloseable {
  private static final ReentrantLock SHARED = new ReentrantLock();
  private static PostgresCluster shared;

  private final ReentrantLock lock = new ReentrantLock();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;
  private boolean stopped;

  private PostgresCluster(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /**
   * The JVM's shared cluster, started on first use.
   *
   * @throws IllegalStateException if the server binaries are missing or the server does not start
   */
  public static PostgresCluster shared() {
    SHARED.lock();
    try {
      if (shared == null) {
        PostgresCluster c = start();
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        shared = c;
      }
      return shared;
    } finally {
      SHARED.unlock();
    }
  }

  /**
   * Whether the machine has the server binaries a cluster needs.
   *
   * @return true if {@link #start()} can find {@code initdb} and {@code pg_ctl}
   */
  public static boolean available() {
    return findBinaries() != null;
  }

  /**
   * A new cluster; close it to stop it and delete its files.
   *
   * @throws IllegalStateException if the server binaries are missing or the server does not start
   */
  public static PostgresCluster start() {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("baton-pg-");
      if (root) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
      }
      int port = freePort();
      PostgresCluster c = new PostgresCluster(bin, dir, port, root);
      c.run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "baton",
          "--auth=trust", "-E", "UTF8", "--no-instructions");
      c.startServer();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a PostgreSQL cluster", e);
    }
  }

  private void startServer() {
    run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
        "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
            + " -c max_connections=60", "start");
  }

  /** Starts a server {@link #kill() killed} before on the same files and port. */
  void restart() {
    lock.lock();
    try {
      startServer();
      stopped = false;
    } finally {
      lock.unlock();
    }
  }

  private static Path binaries() {
    Path found = findBinaries();
    if (found == null) {
      throw new IllegalStateException("the PostgreSQL tests need the PostgreSQL server binaries"
          + " (initdb, pg_ctl): install Debian's postgresql package, or set BATON_PG_BIN to their"
          + " directory");
    }
    return found;
  }

  // The directory of initdb and pg_ctl: BATON_PG_BIN, else the newest installed version; null if none.
  private static Path findBinaries() {
    String env = System.getenv("BATON_PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        List<Path> found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .sorted(Comparator.comparing(b -> version(b.getParent().getFileName().toString())))
            .toList();
        if (!found.isEmpty()) {
          return found.get(found.size() - 1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out + log());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", cmd) + " could not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + cmd, e);
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("server.log");
      return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Creates a database.
   *
   * @param name its name, a plain SQL identifier
   * @return its JDBC URL
   * @throws IllegalStateException if the server refuses
   */
  public String createDatabase(String name) {
    try (var c = dataSource("postgres").getConnection(); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return url(name);
  }

  /**
   * The JDBC URL of a database of this cluster, as user {@code baton}.
   *
   * @param database the database's name
   * @return the URL
   */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=baton";
  }

  /**
   * A data source on a database of this cluster ({@code postgres} always exists), as user {@code
   * baton}, trusted.
   *
   * @param database the database's name
   * @return a new data source
   */
  public PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(database);
    ds.setUser("baton");
    ds.setConnectTimeout(10);
    return ds;
  }

  /** Stops the server at once, as if its machine failed; its files stay until {@link #close()}. */
  void kill() {
    lock.lock();
    try {
      if (!stopped) {
        stopped = true;
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
            "immediate", "-w", "stop");
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the server and deletes its files. */
  @Override
  public void close() {
    try {
      kill();
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory; the OS cleans up what is left
    }
  }
}
