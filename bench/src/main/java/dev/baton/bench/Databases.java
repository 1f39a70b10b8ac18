package dev.baton.bench;

import java.nio.file.Path;
import org.sqlite.SQLiteDataSource;

/**
 * The databases of the JDBC workloads, from the jdbc tests' fixtures (their test-jar): SQLite files
 * in WAL mode, the throwaway PostgreSQL cluster ({@code dev.baton.jdbc.PostgresCluster}); and
 * pools over them.
 */
final class Databases {
  private Databases() {}

  /** SQLite in {@code file}, set up as the jdbc tests and the README set it up. */
  static SQLiteDataSource sqlite(Path file) {
    return dev.baton.jdbc.Databases.sqlite(file);
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
}
