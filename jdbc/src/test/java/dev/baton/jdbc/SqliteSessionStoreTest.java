package dev.baton.jdbc;

import dev.baton.runtime.session.SessionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The session contract on SQLite in a temporary file. */
class SqliteSessionStoreTest extends SessionStoreContract {
  @TempDir
  Path dir;

  @Override
  protected SessionStore newStore() {
    return new JdbcSessionStore(Databases.sqlite(dir.resolve("sessions.db")));
  }

  @Override
  protected SessionStore sameDataElsewhere() {
    return new JdbcSessionStore(Databases.sqlite(dir.resolve("sessions.db")));
  }
}
