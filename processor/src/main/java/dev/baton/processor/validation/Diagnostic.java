package dev.baton.processor.validation;

import dev.baton.processor.model.Location;
import javax.tools.Diagnostic.Kind;

/**
 * One diagnostic as data: kind, stable code, message and location.
 *
 * @param kind error or warning
 * @param code the stable code, e.g. {@code UnknownAgent}
 * @param message the message without the code prefix
 * @param location where to report it
 */
public record Diagnostic(Kind kind, String code, String message, Location location) {
  /** The message as printed: {@code [Baton/UnknownAgent] @Handoff target ...}. */
  @Override
  public String toString() {
    return "[Baton/" + code + "] " + message;
  }
}
