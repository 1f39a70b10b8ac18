package dev.baton.jdbc;

import dev.baton.runtime.JournalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on {@link JournalStore#file(Path)}. */
class FileJournalStoreTest extends JournalStoreContract {
  @TempDir
  Path dir;

  @Override
  protected JournalStore newStore() {
    return JournalStore.file(dir.resolve("journals"));
  }

  @Override
  protected JournalStore sameDataElsewhere() {
    return JournalStore.file(dir.resolve("journals"));
  }
}
