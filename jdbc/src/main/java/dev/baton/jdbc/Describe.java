package dev.baton.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;

/** How stores name their database and its errors in messages: no URL, so no password in it. */
final class Describe {
  private Describe() {}

  /** The data source's class, never its URL or properties, which may hold credentials. */
  static String dataSource(DataSource dataSource) {
    return dataSource.getClass().getSimpleName();
  }

  /** A SQL error: its state and message. */
  static String sql(SQLException e) {
    return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + e.getMessage();
  }
}
