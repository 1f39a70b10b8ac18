package dev.baton.jdbc;

import dev.baton.runtime.JournalStore;

/** The journal contract on {@link JournalStore#inMemory()}. */
class InMemoryJournalStoreTest extends JournalStoreContract {
  @Override
  protected JournalStore newStore() {
    return JournalStore.inMemory();
  }
}
