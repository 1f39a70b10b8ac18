package dev.baton.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/**
 * JSON text of journals and run states: what is written must read back exactly, through any
 * UTF-8 channel, and what is read is bounded by limits chosen on purpose.
 *
 * <p>Writing: every UTF-16 surrogate is written as a {@code \\uXXXX} escape, so a lone surrogate
 * (which UTF-8 cannot carry; encoders replace it with {@code ?}) survives files, databases and
 * {@code Files.writeString} exactly; valid pairs come back as the same pair.
 *
 * <p>Reading: Jackson's stream read constraints, set from system properties so an application can
 * raise them: {@code baton.json.maxStringLength} (characters in one string value, default
 * 200,000,000), {@code baton.json.maxNestingDepth} (default 1,000), {@code
 * baton.json.maxNumberLength} (default 1,000). A document over a limit fails with an error naming
 * the limit and its property, not as "not JSON".
 */
public final class JournalJson {
  /** Default of {@code baton.json.maxStringLength}: 200 million characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 200_000_000;
  /** Default of {@code baton.json.maxNestingDepth}. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 1_000;
  /** Default of {@code baton.json.maxNumberLength}. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;

  private static final class Holder {
    static final int MAX_STRING = Integer.getInteger("baton.json.maxStringLength",
        DEFAULT_MAX_STRING_LENGTH);
    static final int MAX_DEPTH = Integer.getInteger("baton.json.maxNestingDepth",
        DEFAULT_MAX_NESTING_DEPTH);
    static final int MAX_NUMBER = Integer.getInteger("baton.json.maxNumberLength",
        DEFAULT_MAX_NUMBER_LENGTH);
    static final ObjectMapper READER = Json.mapper().copy();
    static final ObjectWriter WRITER;
    static final ObjectWriter PRETTY;

    static {
      READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING).maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER)
          .build());
      ObjectMapper w = Json.mapper().copy();
      w.getFactory().setCharacterEscapes(new SurrogateEscapes());
      WRITER = w.writer();
      PRETTY = w.writerWithDefaultPrettyPrinter();
    }
  }

  private JournalJson() {}

  // Escapes surrogates; everything else as Jackson's standard escapes do.
  private static final class SurrogateEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  /** Compact JSON text of a tree, surrogates escaped. */
  public static String write(JsonNode node) {
    try {
      return Holder.WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** Indented JSON text of a tree, surrogates escaped. */
  public static String writePretty(JsonNode node) {
    try {
      return Holder.PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses journal or state JSON within the read limits.
   *
   * @throws IllegalArgumentException if it is not JSON, or exceeds a limit (the message names the
   *     limit and the property that raises it)
   */
  public static JsonNode read(String text) {
    try {
      return Holder.READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw failure(e);
    }
  }

  /**
   * Checks that {@code text} is what {@link #read(String)} accepts (its first JSON value, or
   * nothing), without building a tree: the tokens are read and dropped.
   *
   * @throws IllegalArgumentException as {@link #read(String)} does
   */
  public static void check(String text) {
    try (JsonParser p = parser(text)) {
      JsonToken t = p.nextToken();
      if (t != null) {
        skipValue(p);
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /**
   * A streaming parser over {@code text} within the read limits, for readers that need no tree;
   * turn its {@link IOException}s into this class's errors with {@link #failure(IOException)}.
   */
  static JsonParser parser(String text) throws IOException {
    return Holder.READER.getFactory().createParser(text);
  }

  /**
   * Moves {@code p}, positioned on the first token of a value, past its last: containers are
   * skipped to their end, a scalar is read whole (Jackson may read a string's characters lazily).
   * Afterwards {@code p.currentLocation()} is just after the value.
   */
  static void skipValue(JsonParser p) throws IOException {
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
    } else {
      p.finishToken();
    }
  }

  /** The error {@link #read(String)} throws for a parser's failure. */
  static IllegalArgumentException failure(IOException e) {
    if (e instanceof StreamConstraintsException c) {
      return new IllegalArgumentException("JSON exceeds a read limit of Baton's journal and state"
          + " reader (" + c.getOriginalMessage() + "); the limits are baton.json.maxStringLength="
          + Holder.MAX_STRING + ", baton.json.maxNestingDepth=" + Holder.MAX_DEPTH
          + ", baton.json.maxNumberLength=" + Holder.MAX_NUMBER + " (system properties)", e);
    }
    if (e instanceof JsonProcessingException j) {
      return new IllegalArgumentException(j.getOriginalMessage(), e);
    }
    return new IllegalArgumentException(e.toString(), e);
  }
}
