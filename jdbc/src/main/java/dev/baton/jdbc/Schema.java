package dev.baton.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The tables of both stores, created on first use and versioned in {@value #SCHEMA_TABLE}. The SQL
 * is the subset SQLite and PostgreSQL share; nothing depends on the dialect except that a SQLite
 * database is switched to write-ahead logging.
 */
final class Schema {
  /** The schema version this code writes and reads. */
  static final int VERSION = 1;
  static final String SCHEMA_TABLE = "baton_schema";
  static final String COMPONENT = "baton";
  static final String SESSION = "baton_session";
  static final String EXCHANGE = "baton_session_exchange";
  static final String RUN = "baton_run";
  static final String JOURNAL = "baton_journal";

  private static final String[] TABLES = {
      "CREATE TABLE IF NOT EXISTS " + SESSION + " ("
          + "session_id VARCHAR(255) NOT NULL PRIMARY KEY, "
          + "version BIGINT NOT NULL, "
          + "updated_at BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS " + EXCHANGE + " ("
          + "session_id VARCHAR(255) NOT NULL, "
          + "position BIGINT NOT NULL, "
          + "run_id VARCHAR(255) NOT NULL, "
          + "agent VARCHAR(255) NOT NULL, "
          + "messages TEXT NOT NULL, "
          + "created_at BIGINT NOT NULL, "
          + "PRIMARY KEY (session_id, position), "
          + "UNIQUE (session_id, run_id))",
      "CREATE TABLE IF NOT EXISTS " + RUN + " ("
          + "run_id VARCHAR(255) NOT NULL PRIMARY KEY, "
          + "created_at BIGINT NOT NULL, "
          + "claim_holder VARCHAR(255), "
          + "claim_token VARCHAR(64), "
          + "claimed_until BIGINT, "
          + "finished INTEGER NOT NULL DEFAULT 0)",
      "CREATE TABLE IF NOT EXISTS " + JOURNAL + " ("
          + "run_id VARCHAR(255) NOT NULL, "
          + "seq BIGINT NOT NULL, "
          + "entry_key TEXT NOT NULL, "
          + "entry_value TEXT NOT NULL, "
          + "PRIMARY KEY (run_id, seq))",
  };

  private final DataSource dataSource;
  private final String store;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean ready;
  private volatile String url = "";

  Schema(DataSource dataSource, String store) {
    this.dataSource = dataSource;
    this.store = store;
  }

  /**
   * Creates the tables if the database has none, once per store.
   *
   * @throws IllegalStateException if the database holds a newer or unknown schema, or cannot be
   *     reached
   */
  void ensure() {
    if (ready) {
      return;
    }
    lock.lock();
    try {
      if (!ready) {
        try {
          create();
        } catch (SQLException first) {
          // Another process may have created the tables at the same moment: look again.
          try {
            create();
          } catch (SQLException e) {
            e.addSuppressed(first);
            throw new IllegalStateException(store + " cannot create its tables: " + e.getMessage(), e);
          }
        }
        ready = true;
      }
    } finally {
      lock.unlock();
    }
  }

  private void create() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      url = Describe.url(c.getMetaData().getURL());
      if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("sqlite")) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
        }
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA_TABLE
            + " (component VARCHAR(64) NOT NULL PRIMARY KEY, version INTEGER NOT NULL)");
        Integer found = version(c);
        if (found == null) {
          for (String table : TABLES) {
            s.execute(table);
          }
          try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SCHEMA_TABLE
              + " (component, version) VALUES (?, ?)")) {
            p.setString(1, COMPONENT);
            p.setInt(2, VERSION);
            p.executeUpdate();
          }
        } else if (found > VERSION) {
          c.rollback();
          throw new IllegalStateException(store + ": the database holds Baton schema version "
              + found + " (table " + SCHEMA_TABLE + "), written by a newer Baton; this Baton reads"
              + " version " + VERSION + ". Upgrade Baton, or use another database.");
        } else if (found < 1) {
          c.rollback();
          throw new IllegalStateException(store + ": table " + SCHEMA_TABLE + " holds schema"
              + " version " + found + " for \"" + COMPONENT + "\", which no Baton writes; the"
              + " table belongs to something else or is corrupt");
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The database's URL without credentials, once a connection was made; else empty. */
  String url() {
    return url;
  }

  private static Integer version(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + SCHEMA_TABLE
        + " WHERE component = ?")) {
      p.setString(1, COMPONENT);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getInt(1) : null;
      }
    }
  }

  /**
   * Runs a query that yields one number for one key, e.g. the highest sequence number of a run.
   *
   * @param sql a query with one {@code ?} parameter and one numeric column in one row
   */
  static long scalar(java.sql.Connection c, String sql, String key) throws java.sql.SQLException {
    try (java.sql.PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, key);
      try (java.sql.ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
