package dev.baton.spring;

import dev.baton.jdbc.JdbcJournalStore;
import dev.baton.jdbc.JdbcSessionStore;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.session.SessionStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Session and journal stores on the application's {@link DataSource}, when {@code baton-jdbc} is
 * on the class path: a {@link SessionStore} for conversations that continue across calls, and a
 * {@link JournalStore} that every run writes to, so a run paused for approval in one instance is
 * resumed in another. Tables are created on first use. Each backs off for a bean of its own type;
 * {@code baton.jdbc.enabled=false} switches both off.
 */
@AutoConfiguration(before = BatonAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({JdbcSessionStore.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "baton.jdbc.enabled", matchIfMissing = true)
public class BatonJdbcAutoConfiguration {
  /** Creates the auto-configuration; Spring Boot does this. */
  public BatonJdbcAutoConfiguration() {}

  /**
   * The session store.
   *
   * @param dataSource the application's data source
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean(SessionStore.class)
  public JdbcSessionStore batonSessionStore(DataSource dataSource) {
    return new JdbcSessionStore(dataSource);
  }

  /**
   * The journal store every run writes to.
   *
   * @param dataSource the application's data source
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean(JournalStore.class)
  public JdbcJournalStore batonJournalStore(DataSource dataSource) {
    return new JdbcJournalStore(dataSource);
  }
}
