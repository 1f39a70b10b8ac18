package dev.baton.jdbc;

import dev.baton.runtime.JournalStore;
import javax.sql.DataSource;

/** The journal contract on a real PostgreSQL server started by the tests. */
class PostgresJournalStoreTest extends JournalStoreContract {
  private DataSource db;

  @Override
  protected JournalStore newStore() {
    db = Databases.postgres();
    return new JdbcJournalStore(db);
  }

  @Override
  protected JournalStore sameDataElsewhere() {
    return new JdbcJournalStore(db);
  }
}
