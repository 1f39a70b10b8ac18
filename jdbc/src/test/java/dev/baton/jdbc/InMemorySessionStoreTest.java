package dev.baton.jdbc;

import dev.baton.runtime.session.SessionStore;

/** The session contract on {@link SessionStore#inMemory()}. */
class InMemorySessionStoreTest extends SessionStoreContract {
  @Override
  protected SessionStore newStore() {
    return SessionStore.inMemory();
  }
}
