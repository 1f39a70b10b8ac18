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

  /**
   * A JDBC URL without what may hold credentials: user info, query parameters and properties
   * after {@code ;} are cut off.
   */
  static String url(String url) {
    if (url == null) {
      return "";
    }
    String out = url;
    for (char cut : new char[] {'?', ';', '&'}) {
      int i = out.indexOf(cut);
      if (i >= 0) {
        out = out.substring(0, i);
      }
    }
    return out.replaceAll("//[^/@]*@", "//");
  }

  /** A SQL error: its state and message. */
  static String sql(SQLException e) {
    return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + e.getMessage();
  }
}
