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
 * BatonProperties}) and, wherever they appear under another name, by value.
 */
final class BatonSecretsSanitizingFunction implements SanitizingFunction {
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
    return secretName || secretValue ? data.withSanitizedValue() : data;
  }
}
