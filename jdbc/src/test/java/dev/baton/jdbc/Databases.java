package dev.baton.jdbc;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Data sources for the tests: SQLite files and databases of the shared PostgreSQL cluster. Public
 * for the bench module, whose JDBC workloads use the same SQLite settings (this module's test-jar).
 */
public final class Databases {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private Databases() {}

  /**
   * SQLite in {@code file}, as the README recommends: WAL, synchronous NORMAL (durable when a
   * process dies), a busy timeout of 30 s.
   *
   * @param file the database file, created on first connection
   * @return a new data source
   */
  public static SQLiteDataSource sqlite(Path file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    ds.setJournalMode("WAL");
    ds.setSynchronous("NORMAL");
    ds.setBusyTimeout(30_000);
    return ds;
  }

  /** A new, empty database on the shared PostgreSQL cluster. */
  static DataSource postgres() {
    String name = "baton_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    PostgresCluster cluster = PostgresCluster.shared();
    cluster.createDatabase(name);
    return cluster.dataSource(name);
  }
}
