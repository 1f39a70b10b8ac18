package dev.baton.jdbc;

import dev.baton.runtime.JournalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on SQLite in a temporary file. */
class SqliteJournalStoreTest extends JournalStoreContract {
  @TempDir
  Path dir;

  @Override
  protected JournalStore newStore() {
    return new JdbcJournalStore(Databases.sqlite(dir.resolve("journal.db")));
  }

  @Override
  protected JournalStore sameDataElsewhere() {
    return new JdbcJournalStore(Databases.sqlite(dir.resolve("journal.db")));
  }
}
