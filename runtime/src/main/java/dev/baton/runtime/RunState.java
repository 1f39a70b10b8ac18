package dev.baton.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runtime.internal.Json;
import dev.baton.runtime.internal.JournalJson;
import dev.baton.runtime.internal.StoredRecords;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything needed to continue a run: its journal, its entry agent and arguments, the tool calls
 * waiting for approval and the decisions taken on them. Immutable; {@link #approve(String)} and
 * {@link #reject(String, String)} return new states. Serializes to JSON with {@link #toJson()}, so
 * a run can pause for a human and continue in another process.
 *
 * <pre>{@code
 * RunState state = e.state();                       // from ApprovalRequiredException
 * Files.writeString(path, state.toJson());
 * ...
 * RunState later = RunState.fromJson(Files.readString(path)).approve(callId);
 * Object result = runner.resume(later).await();
 * }</pre>
 */
public final class RunState {
  /** The version of the JSON format written by {@link #toJson()}. */
  public static final int FORMAT_VERSION = 1;

  private final String runId;
  private final String graph;
  private final String entryAgent;
  private final String entryArguments;
  private final List<JournalEntry> journal;
  private final List<PendingApproval> approvals;
  private final Map<String, Decision> decisions;
  private final Map<String, String> fingerprint;
  private final boolean graphChangeAllowed;
  // What fromStore read, and from which store: a resume on that store reads only what was
  // appended since (see readFrom). Not part of the state's value: not serialized, not compared.
  private final JournalStore source;
  private final List<JournalEntry> read;

  /**
   * A decision on a pending approval.
   *
   * @param approved whether the call may run
   * @param reason why it was rejected (the model sees it); empty when approved
   */
  public record Decision(boolean approved, String reason) {
    /** Checks the reason. */
    public Decision {
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * Creates a state. Runs create states; use this to restore one from storage.
   *
   * @param runId the run's id
   * @param graph the graph's name
   * @param entryAgent the entry agent's name
   * @param entryArguments the entry arguments as a JSON array text
   * @param journal the journal in the order recorded
   * @param approvals the calls waiting for approval
   * @param decisions the decisions taken, by call id
   */
  public RunState(String runId, String graph, String entryAgent, String entryArguments,
      List<JournalEntry> journal, List<PendingApproval> approvals, Map<String, Decision> decisions) {
    this(runId, graph, entryAgent, entryArguments, journal, approvals, decisions, Map.of(), false,
        null, null);
  }

  /**
   * Creates a state that records the fingerprint of its graph. Runs create states; use this to
   * restore one from storage.
   *
   * @param runId the run's id
   * @param graph the graph's name
   * @param entryAgent the entry agent's name
   * @param entryArguments the entry arguments as a JSON array text
   * @param journal the journal in the order recorded
   * @param approvals the calls waiting for approval
   * @param decisions the decisions taken, by call id
   * @param fingerprint the graph's fingerprint (see {@link #graphFingerprint()}); empty if unknown
   */
  public RunState(String runId, String graph, String entryAgent, String entryArguments,
      List<JournalEntry> journal, List<PendingApproval> approvals, Map<String, Decision> decisions,
      Map<String, String> fingerprint) {
    this(runId, graph, entryAgent, entryArguments, journal, approvals, decisions, fingerprint, false,
        null, null);
  }

  private RunState(String runId, String graph, String entryAgent, String entryArguments,
      List<JournalEntry> journal, List<PendingApproval> approvals, Map<String, Decision> decisions,
      Map<String, String> fingerprint, boolean graphChangeAllowed, JournalStore source,
      List<JournalEntry> read) {
    this.source = source;
    this.read = read;
    this.fingerprint = Map.copyOf(fingerprint);
    this.graphChangeAllowed = graphChangeAllowed;
    this.runId = Objects.requireNonNull(runId, "runId");
    this.graph = Objects.requireNonNull(graph, "graph");
    this.entryAgent = entryAgent == null ? "" : entryAgent;
    this.entryArguments = entryArguments == null ? "[]" : entryArguments;
    this.journal = List.copyOf(journal);
    this.approvals = List.copyOf(approvals);
    this.decisions = Map.copyOf(decisions);
  }

  /** The run's id; a resumed run keeps it. */
  public String runId() {
    return runId;
  }

  /** The name of the graph the run belongs to. */
  public String graph() {
    return graph;
  }

  /** The entry agent's name; empty if the run ended before calling any agent. */
  public String entryAgent() {
    return entryAgent;
  }

  /** The entry arguments as a JSON array text. */
  public String entryArguments() {
    return entryArguments;
  }

  /** The journal, in the order recorded. */
  public List<JournalEntry> journal() {
    return journal;
  }

  /** The tool calls waiting for approval. */
  public List<PendingApproval> approvals() {
    return approvals;
  }

  /** The decisions taken, by call id. */
  public Map<String, Decision> decisions() {
    return decisions;
  }

  /**
   * The fingerprint of the graph the run belongs to: a digest per agent and part ({@code
   * shop.tools}, {@code shop.edges}, {@code shop.inputs}, ...), covering agents, edges, tools and
   * their schemas, not instructions. Resuming on a graph whose fingerprint differs fails with
   * {@link InvalidRunStateException} naming each difference, unless {@link #allowGraphChange()}.
   * Empty for states made without one, which resume only with {@link #allowGraphChange()}.
   *
   * @return the digests by agent and part
   */
  public Map<String, String> graphFingerprint() {
    return fingerprint;
  }

  /**
   * Whether {@link #allowGraphChange()} was called on this state.
   *
   * @return whether a different graph may resume it
   */
  public boolean graphChangeAllowed() {
    return graphChangeAllowed;
  }

  /**
   * The same state, resumable on a graph that differs from the one that wrote it: an explicit
   * migration. Journaled steps still replay by agent path; steps of agents or tools that changed
   * run again or fail as the new graph decides. Not serialized: say it again after reading a state.
   *
   * @return the new state
   */
  public RunState allowGraphChange() {
    return new RunState(runId, graph, entryAgent, entryArguments, journal, approvals, decisions,
        fingerprint, true, source, read);
  }

  /**
   * Approves a pending tool call: on resume it runs.
   *
   * @param callId the call's id
   * @return the new state
   * @throws NoSuchElementException listing the pending calls, if none has that id
   */
  public RunState approve(String callId) {
    return decide(callId, new Decision(true, ""));
  }

  /**
   * Rejects a pending tool call: on resume the model sees {@code reason} as the tool's error result.
   *
   * @param callId the call's id
   * @param reason why, for the model
   * @return the new state
   * @throws NoSuchElementException listing the pending calls, if none has that id
   */
  public RunState reject(String callId, String reason) {
    return decide(callId, new Decision(false, Objects.requireNonNull(reason, "reason")));
  }

  private RunState decide(String requested, Decision decision) {
    String callId = resolve(requested);
    boolean pending = approvals.stream().anyMatch(a -> a.callId().equals(callId));
    if (!pending) {
      throw new NoSuchElementException("no pending approval with call id \"" + callId + "\"; pending: "
          + approvals.stream().map(a -> a.callId() + " (" + a.tool() + ")").toList());
    }
    Map<String, Decision> d = new LinkedHashMap<>(decisions);
    d.put(callId, decision);
    List<PendingApproval> left = approvals.stream().filter(a -> !a.callId().equals(callId)).toList();
    return new RunState(runId, graph, entryAgent, entryArguments, journal, left, d, fingerprint,
        graphChangeAllowed, source, read);
  }

  // Call ids of pending approvals name one call occurrence ("<server id>@<path>#t<turn>.<index>-
  // <digest>"); the server's own id is accepted where exactly one pending approval has it.
  private String resolve(String id) {
    Objects.requireNonNull(id, "callId");
    if (approvals.stream().anyMatch(a -> a.callId().equals(id))) {
      return id;
    }
    List<PendingApproval> byServerId = approvals.stream()
        .filter(a -> a.callId().startsWith(id + "@")).toList();
    if (byServerId.size() > 1) {
      throw new IllegalArgumentException("call id \"" + id + "\" is ambiguous: " + byServerId.size()
          + " pending approvals were sent with it; decide each by its full id: "
          + byServerId.stream().map(PendingApproval::callId).toList());
    }
    return byServerId.size() == 1 ? byServerId.get(0).callId() : id;
  }

  /**
   * The state as a JSON document carrying {@link #FORMAT_VERSION} and a signature: an HMAC-SHA256
   * (RFC 2104) over the document, keyed with {@code key}, which the application holds. Use it when
   * a state travels through hands that must not change it (a browser, a ticket system): {@link
   * #fromSignedJson(String, SecretKey)} then rejects any edit, cut or forged decision. Decisions
   * are taken after verifying, so sign again when storing a decided state.
   *
   * @param key the HMAC key, e.g. {@code new SecretKeySpec(bytes, "HmacSHA256")} with at least 32
   *     random bytes
   * @return the signed document
   */
  public String toSignedJson(SecretKey key) {
    ObjectNode root = document();
    root.put("mac", mac(key, JournalJson.write(root)));
    return JournalJson.writePretty(root);
  }

  /**
   * Reads a state written by {@link #toSignedJson(SecretKey)} and verifies its signature.
   *
   * @param json the document
   * @param key the key it was signed with
   * @return the state
   * @throws InvalidRunStateException if the document has no signature or it does not verify (the
   *     document was changed, or signed with another key)
   * @throws IllegalArgumentException if the document is not a run state
   */
  public static RunState fromSignedJson(String json, SecretKey key) {
    JsonNode root = parse(json);
    JsonNode mac = root.get("mac");
    String runId = root.path("runId").asText("");
    if (mac == null || !mac.isTextual()) {
      throw new InvalidRunStateException(runId, "run state has no signature (\"mac\"); it was not"
          + " written by toSignedJson, or the signature was removed", List.of());
    }
    ObjectNode unsigned = ((ObjectNode) root).deepCopy();
    unsigned.remove("mac");
    byte[] expected = HexFormat.of().parseHex(mac(key, JournalJson.write(unsigned)));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(mac.asText());
    } catch (IllegalArgumentException e) {
      given = new byte[0];
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidRunStateException(runId, "run state signature does not verify: the document"
          + " was changed after it was signed, or signed with another key", List.of());
    }
    return fromTree(unsigned);
  }

  private static String mac(SecretKey key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot compute HmacSHA256 with the given key: " + e, e);
    }
  }

  /** The state as a JSON document carrying {@link #FORMAT_VERSION}. */
  public String toJson() {
    return JournalJson.writePretty(document());
  }

  private ObjectNode document() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("format", "baton-run-state");
    root.put("version", FORMAT_VERSION);
    root.put("runId", runId);
    root.put("graph", graph);
    ObjectNode entry = root.putObject("entry");
    entry.put("agent", entryAgent);
    entry.set("arguments", JournalJson.read(entryArguments));
    ArrayNode j = root.putArray("journal");
    for (JournalEntry e : journal) {
      j.addObject().put("key", e.key()).set("value", JournalJson.read(e.value()));
    }
    ArrayNode a = root.putArray("approvals");
    for (PendingApproval p : approvals) {
      a.addObject().put("callId", p.callId()).put("tool", p.tool()).put("arguments", p.arguments())
          .put("path", p.path());
    }
    ObjectNode d = root.putObject("decisions");
    decisions.forEach((id, dec) -> d.putObject(id).put("approved", dec.approved())
        .put("reason", dec.reason()));
    ObjectNode f = root.putObject("graphFingerprint");
    new java.util.TreeMap<>(fingerprint).forEach(f::put);
    return root;
  }

  /**
   * Reads a state written by {@link #toJson()}.
   *
   * @param json the document
   * @return the state
   * @throws IllegalArgumentException saying what is wrong, if the document is not a run state, has
   *     an unknown version, or is corrupt
   */
  public static RunState fromJson(String json) {
    return fromTree(parse(json));
  }

  private static JsonNode parse(String json) {
    JsonNode root;
    try {
      root = JournalJson.read(Objects.requireNonNull(json, "json"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run state is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("document is not a Baton run state (not a JSON object)");
    }
    return root;
  }

  private static RunState fromTree(JsonNode root) {
    if (!"baton-run-state".equals(root.path("format").asText())) {
      throw new IllegalArgumentException("document is not a Baton run state (no \"format\":"
          + " \"baton-run-state\")");
    }
    JsonNode versionNode = root.get("version");
    // Exactly the versions that exist: an integer, not "1", 1.5 or true.
    int version = versionNode != null && versionNode.isIntegralNumber() && versionNode.canConvertToInt()
        ? versionNode.intValue() : -1;
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("run state has format version " + version
          + "; this Baton reads version " + FORMAT_VERSION);
    }
    try {
      List<JournalEntry> journal = new ArrayList<>();
      for (JsonNode e : required(root, "journal")) {
        journal.add(new JournalEntry(text(e, "key"), JournalJson.write(required(e, "value"))));
      }
      List<PendingApproval> approvals = new ArrayList<>();
      for (JsonNode p : required(root, "approvals")) {
        approvals.add(new PendingApproval(text(p, "callId"), text(p, "tool"), text(p, "arguments"),
            text(p, "path")));
      }
      Map<String, Decision> decisions = new LinkedHashMap<>();
      required(root, "decisions").properties().forEach(f -> decisions.put(f.getKey(),
          new Decision(f.getValue().path("approved").asBoolean(), f.getValue().path("reason").asText())));
      JsonNode entry = required(root, "entry");
      Map<String, String> fingerprint = new LinkedHashMap<>();
      JsonNode f = root.get("graphFingerprint");
      if (f != null && f.isObject()) {
        f.properties().forEach(p -> fingerprint.put(p.getKey(), p.getValue().asText()));
      }
      return new RunState(text(root, "runId"), text(root, "graph"), text(entry, "agent"),
          JournalJson.write(required(entry, "arguments")), journal, approvals, decisions, fingerprint);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("run state is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Rebuilds the state of a run from the journal it wrote to a store (see {@link
   * RunOptions.Builder#journalStore(JournalStore)}): its steps, entry, the tool calls waiting for
   * approval and the decisions already taken. Works whether the run paused, failed, was cancelled,
   * or its process died mid-step; {@code resume} then runs every step the store does not hold.
   *
   * <p>The store stays the authority: a resume through the same store object, once it holds the
   * run's claim, reads what was appended after the entries read here (another process may have
   * resumed the run meanwhile) and replays those too, or refuses if the run has ended. It reads
   * only those entries when the store supports it ({@link JournalStore#load(String, int)}).
   *
   * @param store the store the run wrote to
   * @param runId the run's id
   * @return the state
   * @throws IllegalArgumentException if the store holds no journal for the run, or a corrupt one
   */
  public static RunState fromStore(JournalStore store, String runId) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(runId, "runId");
    List<JournalEntry> stored = store.load(runId);
    if (stored.isEmpty()) {
      throw new IllegalArgumentException("no journal of run " + runId + " in " + store
          + "; stored runs: " + store.runIds());
    }
    StoredRecords.Folded f = StoredRecords.fold(runId, stored);
    return new RunState(runId, f.graph(), f.entryAgent(), f.entryArguments(), f.journal(),
        f.approvals(), f.decisions(), f.fingerprint(), false, store, List.copyOf(stored));
  }

  /**
   * The entries {@link #fromStore} read, if this state was read from {@code store} (the same
   * object), else null. A resume on that store reads only the entries appended after them.
   */
  List<JournalEntry> readFrom(JournalStore store) {
    return store != null && store == source ? read : null;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  @Override
  public String toString() {
    return "RunState[" + runId + " of " + graph + ", entry " + entryAgent + ", " + journal.size()
        + " journal entries, " + approvals.size() + " pending approvals]";
  }
}
