package dev.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The databases of the JDBC workloads: SQLite files in WAL mode, and a throwaway PostgreSQL
 * server made with the machine's server binaries ({@code /usr/lib/postgresql/<v>/bin} or {@code
 * BATON_PG_BIN}; as root, run as the {@code postgres} user) on a free loopback port.
 */
final class Databases {
  private Databases() {}

  /** SQLite in {@code file}: WAL, synchronous NORMAL (durable when a process dies), busy timeout. */
  static SQLiteDataSource sqlite(Path file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    ds.setJournalMode("WAL");
    ds.setSynchronous("NORMAL");
    ds.setBusyTimeout(30_000);
    return ds;
  }

  /**
   * A pool over a data source, as production code would give the stores: at most four
   * connections, kept open.
   */
  static com.zaxxer.hikari.HikariDataSource pooled(javax.sql.DataSource dataSource) {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-pool");
    return new com.zaxxer.hikari.HikariDataSource(config);
  }

  /** A running throwaway PostgreSQL server; close it to stop it and delete its files. */
  static final class Postgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private Postgres(Path bin, Path dir, int port, boolean asPostgres) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.asPostgres = asPostgres;
    }

    /** Starts one, or says why not. */
    static Optional<Postgres> start() throws IOException, InterruptedException {
      Optional<Path> bin = binaries();
      if (bin.isEmpty()) {
        return Optional.empty();
      }
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("bench-pg-");
      if (root) {
        Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName("postgres"));
      }
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Postgres pg = new Postgres(bin.get(), dir, port, root);
      pg.run("initdb", "-D", dir.resolve("data").toString(), "-U", "baton", "--auth=trust", "-E",
          "UTF8", "--no-instructions");
      pg.run("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-l",
          dir.resolve("server.log").toString(), "-o", "-p " + port
              + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir, "start");
      return Optional.of(pg);
    }

    private static Optional<Path> binaries() throws IOException {
      String env = System.getenv("BATON_PG_BIN");
      if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
        return Optional.of(Path.of(env));
      }
      Path root = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(root)) {
        return Optional.empty();
      }
      try (Stream<Path> versions = Files.list(root)) {
        return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(b -> b.getParent().getFileName().toString()));
      }
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>();
      if (asPostgres) {
        cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      cmd.add(bin.resolve(tool).toString());
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
      }
    }

    /** A data source on the {@code postgres} database. */
    PGSimpleDataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setServerNames(new String[] {"127.0.0.1"});
      ds.setPortNumbers(new int[] {port});
      ds.setDatabaseName("postgres");
      ds.setUser("baton");
      return ds;
    }

    @Override
    public void close() throws IOException, InterruptedException {
      try {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
      } finally {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
