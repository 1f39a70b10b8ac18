package dev.baton.jdbc;

import static dev.baton.jdbc.Schema.JOURNAL;
import static dev.baton.jdbc.Schema.RUN;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
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
 * JournalStore journal = new JdbcJournalStore(pooledDataSource);
 * RunOptions options = RunOptions.builder().journalStore(journal).build();
 * ...                                       // in another process, later:
 * runner.with(options).resume(RunState.fromStore(journal, runId).approve(callId)).await();
 * }</pre>
 *
 * <p><b>Claims.</b> Runs {@link #create(String) create} their id and {@link #claim(String) claim}
 * the run before they execute or resume. A claim is a lease in the run's row, taken with one
 * conditional update, so of two processes resuming one run at once exactly one proceeds and the
 * other gets {@link RunConflictException} ({@code ALREADY_RUNNING}). It is renewed every third of
 * the lease while held and released when the run ends or pauses. The claim of a process that died
 * is taken over at once when that process ran on this host (its process id is gone), otherwise
 * when its lease runs out. A run whose {@value JournalStore#END_KEY} record is stored can no longer
 * be claimed ({@code FINISHED}).
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
  /** Tokens of the claims this process holds, across store instances. */
  private static final java.util.Set<String> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
      if (entry.key().equals(END_KEY)) {
        markFinished(c, runId);
      }
    } catch (SQLException e) {
      cursor.next = -1;
      throw new IllegalStateException(this + " cannot append " + entry.key() + " to the journal"
          + " of run " + runId + ": " + Describe.sql(e), e);
    } finally {
      cursor.lock.unlock();
    }
  }

  // A run that ended can no longer be claimed; the end record itself is already stored.
  private static void markFinished(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + RUN + " SET finished = 1,"
        + " claim_holder = NULL, claim_token = NULL, claimed_until = NULL WHERE run_id = ?")) {
      p.setString(1, runId);
      p.executeUpdate();
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
    return Schema.scalar(c, "SELECT COALESCE(MAX(seq), 0) FROM " + JOURNAL + " WHERE run_id = ?", runId);
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
   * Loads a run's journal: every entry appended for it, in the order of appending.
   *
   * @param runId the run's id
   * @return the entries; empty if the database holds nothing for the run
   * @throws IllegalStateException if a row is corrupt (naming the table, run and sequence number)
   *     or the database cannot be read
   */
  @Override
  public List<JournalEntry> load(String runId) {
    return load(runId, 0);
  }

  /**
   * Loads a run's journal from the {@code from}-th entry on (counting from 0), in the order of
   * appending: the rows before it are skipped in the query ({@code OFFSET}), not read.
   *
   * @param runId the run's id
   * @param from the index of the first entry wanted, at least 0
   * @return the entries; empty if the database holds at most {@code from} entries for the run
   * @throws IllegalArgumentException if {@code from} is negative
   * @throws IllegalStateException if a row is corrupt (naming the table, run and sequence number)
   *     or the database cannot be read
   */
  @Override
  public List<JournalEntry> load(String runId, int from) {
    Objects.requireNonNull(runId, "runId");
    if (from < 0) {
      throw new IllegalArgumentException("from must be at least 0, not " + from);
    }
    schema.ensure();
    // LIMIT with the largest value: both SQLite and PostgreSQL take OFFSET only after a LIMIT.
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT seq, entry_key, entry_value FROM "
            + JOURNAL + " WHERE run_id = ? ORDER BY seq"
            + (from == 0 ? "" : " LIMIT " + Long.MAX_VALUE + " OFFSET ?"))) {
      p.setString(1, runId);
      if (from > 0) {
        p.setInt(2, from);
      }
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
   * Registers a new run with one {@code INSERT ... ON CONFLICT DO NOTHING}: atomic against every
   * process sharing the database.
   *
   * @param runId the run's id
   * @throws RunConflictException with {@link RunConflictException.Reason#ID_IN_USE} if the store
   *     holds a run with this id
   */
  @Override
  public void create(String runId) {
    Objects.requireNonNull(runId, "runId");
    schema.ensure();
    try (Connection c = dataSource.getConnection()) {
      if (!insertRun(c, runId)) {
        throw new RunConflictException(runId, RunConflictException.Reason.ID_IN_USE, this
            + " already holds a run " + runId + "; a new run needs an id the store has never held");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot create run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  private boolean insertRun(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + RUN + " (run_id, created_at)"
        + " VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING")) {
      p.setString(1, runId);
      p.setLong(2, clock.millis());
      return p.executeUpdate() == 1;
    }
  }

  /**
   * Takes the exclusive right to execute a run: a lease in the run's row, set by one conditional
   * update, renewed while held. A run the store does not hold yet (a state from JSON resumed into
   * an empty database) is registered first.
   *
   * @param runId the run's id
   * @return the claim; close it when the run ends or pauses
   * @throws RunConflictException with {@link RunConflictException.Reason#ALREADY_RUNNING} if a live
   *     process holds it, or {@link RunConflictException.Reason#FINISHED} if it has ended
   */
  @Override
  public Claim claim(String runId) {
    Objects.requireNonNull(runId, "runId");
    schema.ensure();
    String token = java.util.UUID.randomUUID().toString();
    try (Connection c = dataSource.getConnection()) {
      for (int attempt = 0; attempt < 3; attempt++) {
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
            return new Lease(runId, token);
          }
        }
        Holder h = holder(c, runId);
        if (h == null) {
          insertRun(c, runId);
          continue;
        }
        if (h.finished) {
          throw new RunConflictException(runId, RunConflictException.Reason.FINISHED, "run " + runId
              + " has finished (" + this + "); a run continues at most once");
        }
        if (h.stale() && release(c, runId, h.token)) {
          continue; // its holder is gone: take it over
        }
        throw new RunConflictException(runId, RunConflictException.Reason.ALREADY_RUNNING, "run "
            + runId + " is claimed by process " + h.holder + " until "
            + java.time.Instant.ofEpochMilli(h.until) + " (renewed while it runs); only one process"
            + " may execute a run at a time");
      }
      throw new RunConflictException(runId, RunConflictException.Reason.ALREADY_RUNNING, "run "
          + runId + " was claimed by another process at the same moment");
    } catch (SQLException e) {
      throw new IllegalStateException(this + " cannot claim run " + runId + ": "
          + Describe.sql(e), e);
    }
  }

  private record Holder(String holder, String token, long until, boolean finished) {
    // A claim whose holder is known to be gone: a process of this host that has exited, or this
    // process with a claim it no longer holds (released while the database was away).
    boolean stale() {
      if (holder == null) {
        return false;
      }
      if (holder.equals(SELF)) {
        return !LIVE.contains(token);
      }
      int at = holder.indexOf('@');
      if (at < 0 || !holder.substring(at + 1).equals(HOST)) {
        return false;
      }
      try {
        return ProcessHandle.of(Long.parseLong(holder.substring(0, at))).isEmpty();
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

  /** A claim: a lease renewed on a virtual thread while held. */
  private final class Lease implements Claim {
    private final String runId;
    private final String token;
    private final Thread renewal;
    private final java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);

    private Lease(String runId, String token) {
      this.runId = runId;
      this.token = token;
      LIVE.add(token);
      this.renewal = Thread.ofVirtual().name("baton-claim-" + runId).start(this::renew);
    }

    @Override
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
          // The next renewal tries again; a lease that runs out is taken over, never corrupted.
        }
      }
    }

    /** Releases the claim; idempotent, never throws (a lease the database missed runs out). */
    @Override
    public void close() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      renewal.interrupt();
      boolean interrupted = Thread.interrupted();
      while (renewal.isAlive()) {
        try {
          renewal.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      LIVE.remove(token);
      try (Connection c = dataSource.getConnection()) {
        release(c, runId, token);
      } catch (SQLException | RuntimeException e) {
        // The database is away: the row still names this process, with a token no live claim of
        // it holds, so the next claim from here takes it over, and others once the lease runs out.
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
