package dev.baton.runtime.internal;

import dev.baton.graph.AgentGraph;
import dev.baton.graph.AgentSpec;
import dev.baton.graph.Edge;
import dev.baton.graph.Input;
import dev.baton.graph.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run state's journal depends on in its graph, as digests per agent and part: {@code
 * <agent>.inputs}, {@code .output}, {@code .tools} (names, schemas, approval), {@code .edges}
 * (handoffs, delegates, calls), {@code .parallel} (branches and their settings). Instructions,
 * descriptions and model names are left out: changing a prompt does not invalidate a paused run.
 * Each digest is the first 64 bits of SHA-256 over a canonical text of the part, in hex.
 */
public final class GraphFingerprint {
  private GraphFingerprint() {}

  /** The fingerprint of a graph, sorted by key. */
  public static Map<String, String> of(AgentGraph graph) {
    Map<String, String> out = new TreeMap<>();
    for (AgentSpec a : graph.agents()) {
      String n = a.name();
      StringBuilder inputs = new StringBuilder(a.kind().name()).append('|');
      for (Input i : a.inputs()) {
        inputs.append(i.name()).append(':').append(i.type()).append(';');
      }
      inputs.append('|').append(a.inputSchema());
      out.put(n + ".inputs", digest(inputs.toString()));
      out.put(n + ".output", digest(a.output() + "|" + a.outputSchema()));
      List<String> tools = new ArrayList<>();
      for (ToolSpec t : a.tools()) {
        tools.add(t.name() + "|" + t.approval() + "|" + t.owner() + "|" + t.parametersSchema());
      }
      tools.sort(null);
      out.put(n + ".tools", digest(String.join("\n", tools)));
      TreeSet<String> edges = new TreeSet<>();
      for (Edge e : graph.edgesFrom(n)) {
        edges.add(e.kind() + "|" + e.to() + "|" + e.tool());
      }
      out.put(n + ".edges", digest(String.join("\n", edges)));
      out.put(n + ".parallel", digest(String.valueOf(a.parallel())));
    }
    return out;
  }

  /**
   * What differs between a recorded fingerprint and a graph's, in words; empty if nothing does.
   */
  public static List<String> differences(Map<String, String> recorded, Map<String, String> now) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(recorded.keySet());
    keys.addAll(now.keySet());
    TreeSet<String> agentsAdded = new TreeSet<>();
    TreeSet<String> agentsRemoved = new TreeSet<>();
    for (String k : keys) {
      String agent = k.substring(0, k.lastIndexOf('.'));
      String part = k.substring(k.lastIndexOf('.') + 1);
      String was = recorded.get(k);
      String is = now.get(k);
      if (was == null) {
        agentsAdded.add(agent);
      } else if (is == null) {
        agentsRemoved.add(agent);
      } else if (!was.equals(is)) {
        out.add("agent \"" + agent + "\" has different " + part);
      }
    }
    agentsRemoved.forEach(a -> out.add("agent \"" + a + "\" is no longer in the graph"));
    agentsAdded.forEach(a -> out.add("agent \"" + a + "\" is new in the graph"));
    return out;
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The first 64 bits of SHA-256 of {@code text}, in hex: for ids derived from content. */
  static String shortDigest(String text) {
    return digest(text);
  }
}
