package dev.baton.jdbc;

import dev.baton.runtime.session.SessionStore;
import javax.sql.DataSource;

/** The session contract on a real PostgreSQL server started by the tests. */
class PostgresSessionStoreTest extends SessionStoreContract {
  private DataSource db;

  @Override
  protected SessionStore newStore() {
    db = Databases.postgres();
    return new JdbcSessionStore(db);
  }

  @Override
  protected SessionStore sameDataElsewhere() {
    return new JdbcSessionStore(db);
  }
}
