package dev.baton.runtime.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Collects the secrets of a model's configuration for its {@link SecretScrubber}: the API key,
 * every configured header value (all of them: a header is how proxies and gateways take keys, and
 * names vary), the token part of a {@code Scheme token} value, the base URL's password and the
 * values of its key-like query parameters (a name containing {@code key}, {@code token}, {@code
 * secret}, {@code sig}, {@code auth}, {@code pass} or {@code code}, e.g. Gemini's {@code ?key=} or
 * an Azure SAS {@code sig}).
 */
final class Secrets {
  private static final List<String> KEY_LIKE =
      List.of("key", "token", "secret", "sig", "auth", "pass", "code");

  private Secrets() {}

  static List<String> of(String apiKey, Map<String, String> headers, HttpUrl base) {
    List<String> secrets = new ArrayList<>();
    if (apiKey != null) {
      secrets.add(apiKey);
    }
    headers.values().forEach(value -> addHeaderValue(secrets, value));
    if (base != null) {
      if (!base.password().isEmpty()) {
        secrets.add(base.password());
      }
      for (int i = 0; i < base.querySize(); i++) {
        String name = base.queryParameterName(i).toLowerCase(Locale.ROOT);
        String value = base.queryParameterValue(i);
        if (value != null && KEY_LIKE.stream().anyMatch(name::contains)) {
          secrets.add(value);
        }
      }
    }
    return secrets;
  }

  /** A header value, and its token if it reads {@code Scheme token} ({@code Bearer sk-...}). */
  static void addHeaderValue(List<String> secrets, String value) {
    secrets.add(value);
    int space = value.strip().indexOf(' ');
    if (space > 0) {
      secrets.add(value.strip().substring(space + 1));
    }
  }
}
