package dev.baton.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.JournalEntry;
import dev.baton.runtime.JournalStore;
import dev.baton.runtime.RunConflictException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link JournalStore#file(Path)}: one JSON-lines file per run. Writes go through {@link
 * FileOutputStream} on purpose: NIO channels close themselves when the writing thread is
 * interrupted, and runs interrupt their threads when they are cancelled, while the step being
 * recorded at that moment must still reach the file.
 */
public final class FileJournalStore implements JournalStore {
  /** The {@code format} of the header line. */
  static final String FORMAT = "baton-journal";
  /** The version of the file format written. */
  static final int VERSION = 1;
  private static final String SUFFIX = ".jsonl";
  private static final String LOCK_SUFFIX = ".lock";
  private static final int MARKS = 256;
  // Run ids become file names: nothing that could leave the directory or hide the file.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  private final Path directory;
  private final boolean force;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<String> checked = new HashSet<>();
  // Where the last load of each recently loaded run ended (see load(String, int)); by lock.
  private final Map<String, Mark> marks = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Mark> eldest) {
      return size() > MARKS;
    }
  };

  /**
   * A store on {@code directory}, created if missing.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public FileJournalStore(Path directory) {
    this(directory, false);
  }

  /**
   * A store on {@code directory}, created if missing.
   *
   * @param force whether each append and each new file is forced to the storage device ({@link
   *     java.io.FileDescriptor#sync()}, the directory with {@link FileChannel#force(boolean)})
   *     before the call returns
   * @throws UncheckedIOException if it cannot be created
   */
  public FileJournalStore(Path directory, boolean force) {
    this.force = force;
    this.directory = Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create journal directory " + directory, e);
    }
  }

  private Path file(String runId) {
    Objects.requireNonNull(runId, "runId");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run id \"" + runId + "\" cannot name a journal file; use"
          + " letters, digits, '.', '_' and '-'");
    }
    return directory.resolve(runId + SUFFIX);
  }

  @Override
  public void append(String runId, JournalEntry entry) {
    Path file = file(runId);
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("key", entry.key());
    line.set("value", JournalJson.read(entry.value()));
    lock.lock();
    try {
      StringBuilder out = new StringBuilder();
      if (checked.add(runId) && cutTornTail(file) == 0) {
        out.append(header(runId)).append('\n');
      }
      out.append(JournalJson.write(line)).append('\n');
      // One write per line, so a kill leaves at most the last line torn.
      try (FileOutputStream stream = new FileOutputStream(file.toFile(), true)) {
        stream.write(out.toString().getBytes(StandardCharsets.UTF_8));
        if (force) {
          stream.getFD().sync();
        }
      }
    } catch (IOException e) {
      checked.remove(runId);
      throw new UncheckedIOException("cannot append to journal " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Creates the run's file with its header line in one atomic step ({@code CREATE_NEW}), so two
   * processes sharing the directory can never both create a run under one id.
   */
  @Override
  public void create(String runId) {
    Path file = file(runId);
    lock.lock();
    try (FileOutputStream out = newFile(file)) {
      out.write((header(runId) + "\n").getBytes(StandardCharsets.UTF_8));
      if (force) {
        out.getFD().sync();
        // The new file's name lives in the directory: forced too, or a power cut may lose the file.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
          dir.force(true);
        }
      }
      checked.add(runId);
    } catch (FileAlreadyExistsException e) {
      throw new RunConflictException(runId, RunConflictException.Reason.ID_IN_USE, "run id " + runId
          + " is already in " + this + " (" + file.getFileName() + " exists); a new run needs an id"
          + " the store has never held");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create journal " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Locks {@code <runId>.lock} in the directory with an OS file lock ({@link FileChannel#tryLock()}),
   * which excludes every other process and every other store object on the same directory in this
   * JVM. The operating system releases the lock if the process dies. The lock file is left in
   * place (deleting it would let two holders lock different files of one name).
   */
  @Override
  public Claim claim(String runId) {
    Path lockFile = directory.resolve(checkedId(runId) + LOCK_SUFFIX);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open lock file " + lockFile, e);
    }
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + lockFile, e);
    }
    if (held == null) {
      closeQuietly(channel);
      throw new RunConflictException(runId, RunConflictException.Reason.ALREADY_RUNNING, "run "
          + runId + " is already being executed or resumed (" + lockFile.getFileName() + " is locked"
          + " by this or another process); wait for it to end, then resume from the store");
    }
    FileLock lockHeld = held;
    AtomicBoolean open = new AtomicBoolean(true);
    return new Claim() {
      @Override
      public String runId() {
        return runId;
      }

      @Override
      public void close() {
        if (open.compareAndSet(true, false)) {
          try {
            lockHeld.release();
          } catch (IOException | RuntimeException e) {
            // closing the channel below releases it as well
          }
          closeQuietly(channel);
        }
      }
    };
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  private String checkedId(String runId) {
    file(runId);
    return runId;
  }

  private static String header(String runId) {
    ObjectNode h = Json.mapper().createObjectNode();
    h.put("format", FORMAT).put("version", VERSION).put("runId", runId);
    return JournalJson.write(h);
  }

  // A process killed mid-write leaves a last line without its newline; the next line must not be
  // glued to it. Returns the length kept (0: the file is new or held only a torn header).
  private static long cutTornTail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long end = raf.length();
      long keep = end;
      while (keep > 0) {
        raf.seek(keep - 1);
        if (raf.read() == '\n') {
          break;
        }
        keep--;
      }
      if (keep != end) {
        raf.setLength(keep);
      }
      return keep;
    }
  }

  @Override
  public List<JournalEntry> load(String runId) {
    Path file = file(runId);
    Object fileKey;
    byte[] bytes;
    lock.lock();
    try {
      if (!Files.exists(file)) {
        marks.remove(runId);
        return List.of();
      }
      // The file's identity first: if the file is replaced after this, the mark below names the
      // old file and is never used for the new one.
      fileKey = fileKey(file);
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    } finally {
      lock.unlock();
    }
    Lines read = parse(file, bytes, 1);
    remember(runId, fileKey, 0, 0, read, bytes);
    return read.entries();
  }

  /**
   * Reads only the lines after the ones the last load of this run (through this store object)
   * read, when that is the question: a resume loads the journal, then, once it holds the claim,
   * asks from the last entry it read on. The file is append-only, so those lines are where they
   * were; that the file is the same one (its {@link BasicFileAttributes#fileKey()}) and still
   * holds the same last line at the same place is checked, and anything else reads the whole file.
   */
  @Override
  public List<JournalEntry> load(String runId, int from) {
    if (from < 0) {
      throw new IllegalArgumentException("from must be at least 0, not " + from);
    }
    Path file = file(runId);
    byte[] tail = null;
    Mark mark;
    lock.lock();
    try {
      mark = marks.get(runId);
      if (mark != null && mark.entries() > 0 && (from == mark.entries() - 1 || from == mark.entries())
          && Files.exists(file) && mark.fileKey().equals(fileKey(file))) {
        tail = readFrom(file, mark);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file, e);
    } finally {
      lock.unlock();
    }
    if (tail == null) {
      List<JournalEntry> all = load(runId);
      return from >= all.size() ? List.of() : all.subList(from, all.size());
    }
    // The tail starts with the last line the mark read: entry mark.entries() - 1, file line
    // mark.entries() + 1 (the header is line 1).
    Lines read = parse(file, tail, mark.entries() + 1);
    remember(runId, mark.fileKey(), mark.entries() - 1, mark.lastStart(), read, tail);
    List<JournalEntry> entries = read.entries();
    return from == mark.entries() ? entries.subList(1, entries.size()) : entries;
  }

  // The bytes from the mark's last line to the end, if that line is still there whole; else null.
  private static byte[] readFrom(Path file, Mark mark) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long size = length - mark.lastStart();
      if (length < mark.end() || size > Integer.MAX_VALUE - 16) {
        return null;
      }
      byte[] bytes = new byte[(int) size];
      raf.seek(mark.lastStart());
      raf.readFully(bytes);
      byte[] last = mark.lastLine();
      return Arrays.equals(bytes, 0, last.length, last, 0, last.length) ? bytes : null;
    }
  }

  private static Object fileKey(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    // Without a key from the file system a replaced file cannot be told apart: never reuse a mark.
    return key == null ? new Object() : key;
  }

  /**
   * Where a load ended, so that the next one can start there.
   *
   * @param entries the entries up to and including the last complete line
   * @param lastStart the byte offset of the last complete entry line
   * @param end the byte offset just after it
   * @param lastLine its bytes, newline included
   */
  private record Mark(Object fileKey, int entries, long lastStart, long end, byte[] lastLine) {}

  /** Complete lines read from a part of a file. */
  private record Lines(List<JournalEntry> entries, int lastStart, int end) {}

  // before: the entries of the file before the part read; base: the part's byte offset in the file.
  private void remember(String runId, Object fileKey, int before, long base, Lines read,
      byte[] bytes) {
    if (read.entries().isEmpty()) {
      return;
    }
    Mark m = new Mark(fileKey, before + read.entries().size(), base + read.lastStart(),
        base + read.end(), Arrays.copyOfRange(bytes, read.lastStart(), read.end()));
    lock.lock();
    try {
      marks.put(runId, m);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The complete lines of a part of a journal file that starts at a line's start: file line
   * {@code firstLine} first (line 1 is the header, checked, not an entry).
   */
  private static Lines parse(Path file, byte[] bytes, int firstLine) {
    // Everything after the last newline byte is a line the writer did not finish, possibly cut
    // inside a multi-byte character: not a step. Only the complete lines are decoded, strictly.
    // (A newline byte never occurs inside a multi-byte UTF-8 character.)
    int end = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        end = i + 1;
        break;
      }
    }
    int lastStart = 0;
    for (int i = end - 2; i >= 0; i--) {
      if (bytes[i] == '\n') {
        lastStart = i + 1;
        break;
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("journal " + file + " is corrupt: its complete lines are not"
          + " UTF-8 (" + e + ")", e);
    }
    String[] lines = text.split("\n", -1);
    List<JournalEntry> entries = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length - 1; i++) {
      int number = firstLine + i;
      if (number == 1) {
        JsonNode node;
        try {
          node = JournalJson.read(lines[i]);
        } catch (IllegalArgumentException e) {
          throw corrupt(file, number, "not JSON (" + Json.shortMessage(e) + ")", e);
        }
        checkHeader(file, node);
        continue;
      }
      entries.add(entry(file, number, lines[i]));
    }
    return new Lines(List.copyOf(entries), lastStart, end);
  }

  /**
   * One entry line, {@code {"key":...,"value":...}}, read without a tree: the key is decoded, the
   * value is checked token by token and kept as the text the line holds (which, for lines this
   * store wrote, is the compact text {@link JournalJson#write} made of the appended value).
   */
  private static JournalEntry entry(Path file, int number, String line) {
    String key = null;
    String value = null;
    try (JsonParser p = JournalJson.parser(line)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("value")) {
            int start = (int) p.currentTokenLocation().getCharOffset();
            JournalJson.skipValue(p);
            value = line.substring(start, (int) p.currentLocation().getCharOffset());
          } else {
            if (field.equals("key")) {
              key = t == JsonToken.VALUE_STRING ? p.getText() : null;
            }
            JournalJson.skipValue(p);
          }
        }
      }
    } catch (IOException e) {
      IllegalArgumentException failure = JournalJson.failure(e);
      throw corrupt(file, number, "not JSON (" + Json.shortMessage(failure) + ")", failure);
    }
    if (key == null || value == null) {
      throw corrupt(file, number, "not a journal entry (needs \"key\" and \"value\")", null);
    }
    return new JournalEntry(key, value);
  }

  private static void checkHeader(Path file, JsonNode node) {
    if (!FORMAT.equals(node.path("format").asText())) {
      throw corrupt(file, 1, "not a Baton journal (no \"format\": \"" + FORMAT + "\" header)", null);
    }
    JsonNode version = node.get("version");
    // Exactly the versions that exist: an integer 1, not "1", 1.5 or true.
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
        || version.intValue() != VERSION) {
      throw new IllegalArgumentException("journal " + file + " has format version " + version
          + "; this Baton reads version " + VERSION);
    }
  }

  private static IllegalArgumentException corrupt(Path file, int line, String what, Throwable cause) {
    return new IllegalArgumentException("journal " + file + " is corrupt at line " + line + ": "
        + what, cause);
  }

  @Override
  public List<String> runIds() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
          .map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journals in " + directory, e);
    }
  }

  // CREATE_NEW semantics (atomic, fails if the file exists) on a FileOutputStream, which survives
  // an interrupt of the writing thread.
  private static FileOutputStream newFile(Path file) throws IOException {
    Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return new FileOutputStream(file.toFile(), true);
  }

  @Override
  public String toString() {
    return "JournalStore.file(" + directory + (force ? ", force" : "") + ")";
  }
}
