package dev.baton.jdbc;

import static dev.baton.jdbc.Schema.EXCHANGE;
import static dev.baton.jdbc.Schema.SESSION;

import dev.baton.runtime.model.Message;
import dev.baton.runtime.session.Exchange;
import dev.baton.runtime.session.MessagesJson;
import dev.baton.runtime.session.SessionConflictException;
import dev.baton.runtime.session.SessionHistory;
import dev.baton.runtime.session.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in a SQL database reached through a {@link DataSource}: SQLite (an
 * embedded file, {@code org.xerial:sqlite-jdbc}) or PostgreSQL ({@code org.postgresql:postgresql});
 * the application brings the driver. Tables are created on first use (see {@code
 * docs/architecture.md}, "Store schema"); a SQLite database is switched to write-ahead logging.
 *
 * <pre>{@code
 * SQLiteDataSource db = new SQLiteDataSource();
 * db.setUrl("jdbc:sqlite:" + file);
 * SessionStore store = new JdbcSessionStore(db);
 * Session session = store.session("customer-42");
 * }</pre>
 *
 * <p>Version checks are conditional updates of the session's row in the same transaction as the
 * write, so writers in different processes sharing the database exclude each other exactly as
 * threads in one process do. Each method takes one connection from the data source and returns it;
 * thread-safe as the data source is.
 */
public final class JdbcSessionStore implements SessionStore {
  private final DataSource dataSource;
  private final String name;
  private final Schema schema;

  /**
   * A store on a data source.
   *
   * @param dataSource where the tables live
   */
  public JdbcSessionStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.name = "JdbcSessionStore(" + Describe.dataSource(dataSource) + ")";
    this.schema = new Schema(dataSource, name);
  }

  @Override
  public SessionHistory load(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT s.version, e.position, e.run_id, e.agent,"
            + " e.messages, e.created_at FROM " + SESSION + " s LEFT JOIN " + EXCHANGE
            + " e ON e.session_id = s.session_id WHERE s.session_id = ? ORDER BY e.position")) {
      p.setString(1, sessionId);
      long version = 0;
      List<Exchange> exchanges = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          version = r.getLong(1);
          long position = r.getLong(2);
          if (r.wasNull()) {
            continue; // a session without exchanges
          }
          exchanges.add(exchange(sessionId, position, r));
        }
      }
      return new SessionHistory(sessionId, version, exchanges);
    } catch (SQLException e) {
      throw failed("load session \"" + sessionId + "\"", e);
    }
  }

  private Exchange exchange(String sessionId, long position, ResultSet r) throws SQLException {
    String runId = r.getString(3);
    String json = r.getString(5);
    List<Message> messages;
    try {
      messages = MessagesJson.read(json == null ? "" : json);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(this + ": table " + EXCHANGE + ", session \"" + sessionId
          + "\", row at position " + position + " (run " + runId + ") is corrupt: messages are "
          + e.getMessage(), e);
    }
    return new Exchange(runId, r.getString(4), messages, Instant.ofEpochMilli(r.getLong(6)));
  }

  @Override
  public void append(String sessionId, long expectedVersion, Exchange exchange) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(exchange, "exchange");
    schema.ensure();
    try (Connection c = dataSource.getConnection()) {
      // Outside the transaction: only the run itself ever writes its exchange.
      if (holds(c, sessionId, exchange.runId())) {
        return;
      }
      c.setAutoCommit(false);
      try {
        bump(c, sessionId, expectedVersion, exchange.runId());
        insert(c, sessionId, next(c, sessionId), exchange);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("append to session \"" + sessionId + "\"", e);
    }
  }

  @Override
  public void replace(String sessionId, long expectedVersion, List<Exchange> exchanges) {
    Objects.requireNonNull(sessionId, "sessionId");
    List<Exchange> all = List.copyOf(exchanges);
    schema.ensure();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        bump(c, sessionId, expectedVersion, "");
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + EXCHANGE
            + " WHERE session_id = ?")) {
          p.setString(1, sessionId);
          p.executeUpdate();
        }
        long position = 1;
        for (Exchange e : all) {
          insert(c, sessionId, position++, e);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("replace session \"" + sessionId + "\"", e);
    }
  }

  // Moves the session from expectedVersion to the next, or throws the conflict. The conditional
  // update is the first statement, so the transaction holds the write lock before it reads.
  private void bump(Connection c, String sessionId, long expectedVersion, String runId)
      throws SQLException {
    long now = System.currentTimeMillis();
    if (expectedVersion > 0) {
      try (PreparedStatement p = c.prepareStatement("UPDATE " + SESSION + " SET version ="
          + " version + 1, updated_at = ? WHERE session_id = ? AND version = ?")) {
        p.setLong(1, now);
        p.setString(2, sessionId);
        p.setLong(3, expectedVersion);
        if (p.executeUpdate() == 1) {
          return;
        }
      }
    } else {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SESSION + " (session_id,"
          + " version, updated_at) VALUES (?, 1, ?) ON CONFLICT (session_id) DO NOTHING")) {
        p.setString(1, sessionId);
        p.setLong(2, now);
        if (p.executeUpdate() == 1) {
          return;
        }
      }
    }
    long actual = version(c, sessionId);
    c.rollback();
    throw new SessionConflictException(runId, sessionId, expectedVersion, actual);
  }

  private static long version(Connection c, String sessionId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + SESSION
        + " WHERE session_id = ?")) {
      p.setString(1, sessionId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private static boolean holds(Connection c, String sessionId, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + EXCHANGE
        + " WHERE session_id = ? AND run_id = ?")) {
      p.setString(1, sessionId);
      p.setString(2, runId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  private static long next(Connection c, String sessionId) throws SQLException {
    return Schema.scalar(c, "SELECT COALESCE(MAX(position), 0) + 1 FROM " + EXCHANGE
        + " WHERE session_id = ?", sessionId);
  }

  private static void insert(Connection c, String sessionId, long position, Exchange e)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + EXCHANGE + " (session_id,"
        + " position, run_id, agent, messages, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, sessionId);
      p.setLong(2, position);
      p.setString(3, e.runId());
      p.setString(4, e.agent());
      p.setString(5, MessagesJson.write(e.messages()));
      p.setLong(6, e.at().toEpochMilli());
      p.executeUpdate();
    }
  }

  @Override
  public boolean delete(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    schema.ensure();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int deleted;
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + SESSION
            + " WHERE session_id = ?")) {
          p.setString(1, sessionId);
          deleted = p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + EXCHANGE
            + " WHERE session_id = ?")) {
          p.setString(1, sessionId);
          p.executeUpdate();
        }
        c.commit();
        return deleted > 0;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("delete session \"" + sessionId + "\"", e);
    }
  }

  @Override
  public List<String> sessionIds() {
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT session_id FROM " + SESSION
            + " ORDER BY session_id");
        ResultSet r = p.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (r.next()) {
        ids.add(r.getString(1));
      }
      return List.copyOf(ids);
    } catch (SQLException e) {
      throw failed("list sessions", e);
    }
  }

  private IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException(this + " cannot " + what + ": " + Describe.sql(e), e);
  }

  /** The store's class and its database's URL (without credentials), once it has connected. */
  @Override
  public String toString() {
    String url = schema.url();
    return url.isEmpty() ? name : "%s(%s)".formatted("JdbcSessionStore", url);
  }
}
