package dev.baton.jdbc;

import static dev.baton.jdbc.Schema.JOURNAL;
import static dev.baton.jdbc.Schema.RUN;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A {@link JournalStore} in a SQL database reached through a {@link DataSource} (SQLite or
 * PostgreSQL; the application brings the driver), so that a run paused or killed in one process is
 * resumed in another that reaches the same database. One row per journal entry, written in its own
 * transaction as the step happens; tables are created on first use.
 *
 * <pre>{@code
 * JournalStore journal = new JdbcJournalStore(dataSource);
 * RunOptions options = RunOptions.builder().journalStore(journal).build();
 * ...                                       // in another process, later:
 * try (JdbcJournalStore.Claim claim = journal.claim(runId)) {
 *   runner.resume(RunState.fromStore(journal, runId)).await();
 * }
 * }</pre>
 *
 * <p><b>Claims.</b> {@link #claim(String)} gives one process the right to execute a run: a lease
 * in the run's row, taken with one conditional update, so of two processes claiming at once exactly
 * one succeeds and the other gets {@link RunClaimedException}. A claim is renewed while held (every
 * third of its lease) and released by {@link Claim#close()}; the claim of a process that died is
 * taken over at once when it ran on this host (its process id is gone), else when its lease runs out.
 *
 * <p>Thread-safe: branches of a run append concurrently; entries of one run are numbered in the
 * order this store writes them.
 */
public final class JdbcJournalStore implements JournalStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CURSORS = 4096;
  /** Who this process is in a claim: {@code pid@host}. */
  private static final String HOST = host();
  private static final String SELF = ProcessHandle.current().pid() + "@" + HOST;

  private final DataSource dataSource;
  private final String name;
  private final Schema schema;
  private final Duration lease;
  private final Clock clock;
  private final ReentrantLock cursorLock = new ReentrantLock();
  // The next sequence number of recently written runs, least recently used first.
  private final Map<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
      return size() > CURSORS;
    }
  };

  private static final class Cursor {
    final ReentrantLock lock = new ReentrantLock();
    long next = -1;
  }

  /**
   * A store on a data source, with claims leased for 30 seconds.
   *
   * @param dataSource where the tables live
   */
  public JdbcJournalStore(DataSource dataSource) {
    this(dataSource, Duration.ofSeconds(30), Clock.systemUTC());
  }

  /**
   * A store on a data source.
   *
   * @param dataSource where the tables live
   * @param lease how long a claim outlives its last renewal; claims are renewed every third of it
   * @param clock the clock of leases
   */
  public JdbcJournalStore(DataSource dataSource, Duration lease, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, not " + lease);
    }
    this.lease = lease;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.name = "JdbcJournalStore(" + Describe.dataSource(dataSource) + ")";
    this.schema = new Schema(dataSource, name);
  }

  @Override
  public void append(String runId, JournalEntry entry) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(entry, "entry");
    schema.ensure();
    Cursor cursor = cursor(runId);
    cursor.lock.lock();
    try (Connection c = dataSource.getConnection()) {
      if (cursor.next < 0) {
        cursor.next = start(c, runId);
      }
      try {
        insert(c, runId, cursor.next, entry);
      } catch (SQLException e) {
        // Another writer numbered past us (a cursor this store forgot, a second process): look
        // again, once.
        cursor.next = last(c, runId) + 1;
        insert(c, runId, cursor.next, entry);
      }
      cursor.next++;
    } catch (SQLException e) {
      cursor.next = -1;
      throw new IllegalStateException(this + " cannot append " + entry.key() + " to the journal"
          + " of run " + runId + ": " + Describe.sql(e), e);
    } finally {
      cursor.lock.unlock();
    }
  }

  private Cursor cursor(String runId) {
    cursorLock.lock();
    try {
      return cursors.computeIfAbsent(runId, k -> new Cursor());
    } finally {
      cursorLock.unlock();
    }
  }

  private long start(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + RUN + " (run_id, created_at)"
        + " VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING")) {
      p.setString(1, runId);
      p.setLong(2, clock.millis());
      if (p.executeUpdate() == 1) {
        return 1; // a new run: nothing to count
      }
    }
    return last(c, runId) + 1;
  }

  private static long last(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM " + JOURNAL
        + " WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void insert(Connection c, String runId, long seq, JournalEntry entry)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + JOURNAL + " (run_id, seq,"
        + " entry_key, entry_value) VALUES (?, ?, ?, ?)")) {
      p.setString(1, runId);
      p.setLong(2, seq);
      p.setString(3, entry.key());
      p.setString(4, entry.value());
      p.executeUpdate();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if a row is corrupt (naming the table, run and sequence number)
   *     or the database cannot be read
   */
  @Override
  public List<JournalEntry> load(String runId) {
    Objects.requireNonNull(runId, "runId");
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT seq, entry_key, entry_value FROM "
            + JOURNAL + " WHERE run_id = ? ORDER BY seq")) {
      p.setString(1, runId);
      List<JournalEntry> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long seq = r.getLong(1);
          String key = r.getString(2);
          String value = r.getString(3);
          if (key == null || key.isEmpty()) {
            throw corrupt(runId, seq, "has no entry_key", null);
          }
          try {
            JSON.readTree(value == null ? "" : value);
          } catch (JacksonException e) {
            throw corrupt(runId, seq, "entry_value of " + key + " is not JSON ("
                + e.getOriginalMessage() + ")", e);
          }
          if (value == null || value.isBlank()) {
            throw corrupt(runId, seq, "entry_value of " + key + " is empty", null);
          }
          out.add(new JournalEntry(key, value));
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot load the journal of run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  private IllegalStateException corrupt(String runId, long seq, String what, Throwable cause) {
    return new IllegalStateException(this + ": table " + JOURNAL + ", run " + runId + ", row seq "
        + seq + " is corrupt: " + what, cause);
  }

  @Override
  public List<String> runIds() {
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT run_id FROM " + RUN + " ORDER BY run_id");
        ResultSet r = p.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (r.next()) {
        ids.add(r.getString(1));
      }
      return List.copyOf(ids);
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot list runs: " + Describe.sql(e), e);
    }
  }

  /**
   * Registers a new run, refusing an id the store already holds.
   *
   * @param runId the run's id
   * @throws RunClaimedException if the store holds a run with this id
   */
  public void create(String runId) {
    Objects.requireNonNull(runId, "runId");
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("INSERT INTO " + RUN + " (run_id, created_at)"
            + " VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING")) {
      p.setString(1, runId);
      p.setLong(2, clock.millis());
      if (p.executeUpdate() == 0) {
        throw new RunClaimedException(runId, this + " already holds a run " + runId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot create run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  /**
   * Takes the exclusive right to execute a run (to resume it) until the claim is closed.
   *
   * @param runId a run the store holds
   * @return the claim; close it when the run has ended
   * @throws RunClaimedException if another live process holds it, or the run has finished
   * @throws IllegalArgumentException if the store holds no such run
   */
  public Claim claim(String runId) {
    Objects.requireNonNull(runId, "runId");
    schema.ensure();
    String token = java.util.UUID.randomUUID().toString();
    try (Connection c = dataSource.getConnection()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        long now = clock.millis();
        try (PreparedStatement p = c.prepareStatement("UPDATE " + RUN + " SET claim_holder = ?,"
            + " claim_token = ?, claimed_until = ? WHERE run_id = ? AND finished = 0 AND"
            + " (claim_token IS NULL OR claimed_until < ?)")) {
          p.setString(1, SELF);
          p.setString(2, token);
          p.setLong(3, now + lease.toMillis());
          p.setString(4, runId);
          p.setLong(5, now);
          if (p.executeUpdate() == 1) {
            return new Claim(runId, token);
          }
        }
        Holder h = holder(c, runId);
        if (h == null) {
          throw new IllegalArgumentException(this + " holds no run " + runId + "; stored runs: "
              + runIds());
        }
        if (h.finished) {
          throw new RunClaimedException(runId, "run " + runId + " has finished; there is nothing"
              + " to resume");
        }
        if (attempt == 0 && h.deadHere() && release(c, runId, h.token)) {
          continue; // its holder died on this host: take it over
        }
        throw new RunClaimedException(runId, "run " + runId + " is claimed by process " + h.holder
            + " until " + java.time.Instant.ofEpochMilli(h.until) + " (lease renewed while it"
            + " runs); only one process may resume a run at a time");
      }
      throw new RunClaimedException(runId, "run " + runId + " was claimed by another process"
          + " at the same moment");
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot claim run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  private record Holder(String holder, String token, long until, boolean finished) {
    boolean deadHere() {
      if (holder == null) {
        return false;
      }
      int at = holder.indexOf('@');
      if (at < 0 || !holder.substring(at + 1).equals(HOST)) {
        return false;
      }
      try {
        long pid = Long.parseLong(holder.substring(0, at));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private static Holder holder(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT claim_holder, claim_token,"
        + " claimed_until, finished FROM " + RUN + " WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? new Holder(r.getString(1), r.getString(2), r.getLong(3), r.getInt(4) != 0)
            : null;
      }
    }
  }

  private static boolean release(Connection c, String runId, String token) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + RUN + " SET claim_holder = NULL,"
        + " claim_token = NULL, claimed_until = NULL WHERE run_id = ? AND claim_token = ?")) {
      p.setString(1, runId);
      p.setString(2, token);
      return p.executeUpdate() == 1;
    }
  }

  /**
   * Marks a run finished: it can no longer be claimed.
   *
   * @param runId the run
   */
  public void finish(String runId) {
    schema.ensure();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("UPDATE " + RUN + " SET finished = 1,"
            + " claim_holder = NULL, claim_token = NULL, claimed_until = NULL WHERE run_id = ?")) {
      p.setString(1, runId);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot finish run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  /**
   * The exclusive right of this process to execute one run, renewed on a virtual thread while
   * held. Closing releases it and stops the renewal.
   */
  public final class Claim implements AutoCloseable {
    private final String runId;
    private final String token;
    private final Thread renewal;

    private Claim(String runId, String token) {
      this.runId = runId;
      this.token = token;
      this.renewal = Thread.ofVirtual().name("baton-claim-" + runId).start(this::renew);
    }

    /** The claimed run. */
    public String runId() {
      return runId;
    }

    private void renew() {
      Duration every = lease.dividedBy(3);
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(every);
        } catch (InterruptedException e) {
          return;
        }
        try (Connection c = dataSource.getConnection();
            PreparedStatement p = c.prepareStatement("UPDATE " + RUN + " SET claimed_until = ?"
                + " WHERE run_id = ? AND claim_token = ?")) {
          p.setLong(1, clock.millis() + lease.toMillis());
          p.setString(2, runId);
          p.setString(3, token);
          p.executeUpdate();
        } catch (SQLException e) {
          // The next renewal tries again; a claim that runs out is taken over, never corrupted.
        }
      }
    }

    /** Releases the claim. */
    @Override
    public void close() {
      renewal.interrupt();
      boolean interrupted = false;
      while (renewal.isAlive()) {
        try {
          renewal.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      try (Connection c = dataSource.getConnection()) {
        release(c, runId, token);
      } catch (SQLException e) {
        throw new IllegalStateException(this + " cannot release the claim of run " + runId + ": "
            + Describe.sql(e), e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /** The store's class and its database's URL (without credentials), once it has connected. */
  @Override
  public String toString() {
    String url = schema.url();
    return url.isEmpty() ? name : "%s(%s)".formatted("JdbcJournalStore", url);
  }
}
