package dev.baton.spring;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks Baton's secrets in the actuator's {@code /env} and {@code /configprops}, also where an
 * application has chosen to show values ({@code management.endpoint.*.show-values=ALWAYS}): the
 * API key and every header value, by property name ({@code baton.openai.api-key}, {@code
 * baton.openai.headers.*}, and the {@code apiKey} and {@code headers} members of {@link
 * BatonProperties}) and, wherever they appear under another name, by value: a value that is a
 * secret is masked whole, and a secret of {@value #MIN_EMBEDDED} or more characters is also cut
 * out of longer values that quote it (the {@code sun.java.command} system property of an
 * application started with {@code --baton.openai.api-key=...}, or {@code SPRING_APPLICATION_JSON}).
 * Shorter secrets are masked only as whole values, so a short header value does not mask every
 * property that happens to contain it.
 */
final class BatonSecretsSanitizingFunction implements SanitizingFunction {
  /** The shortest secret that is also cut out of longer values. */
  static final int MIN_EMBEDDED = 8;

  private final Set<String> secrets;

  BatonSecretsSanitizingFunction(Set<String> secrets) {
    this.secrets = Set.copyOf(secrets);
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (data.getValue() == null) {
      return data;
    }
    String key = data.getKey() == null ? "" : data.getKey().toLowerCase(Locale.ROOT);
    boolean secretName = key.equals("baton.openai.api-key") || key.equals("apikey") || key.equals("api-key")
        || key.startsWith("baton.openai.headers") || key.equals("headers");
    boolean secretValue = data.getValue() instanceof String s && secrets.contains(s);
    if (secretName || secretValue) {
      return data.withSanitizedValue();
    }
    if (data.getValue() instanceof CharSequence text) {
      String value = text.toString();
      String masked = value;
      for (String secret : secrets) {
        if (secret.length() >= MIN_EMBEDDED) {
          masked = masked.replace(secret, SanitizableData.SANITIZED_VALUE);
        }
      }
      if (!masked.equals(value)) {
        return data.withValue(masked);
      }
    }
    return data;
  }
}
