package org.styleatlas.host.status;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may see the status page: one-time tokens (printed by {@code styleatlas status}) and the
 * browser sessions they turn into. A token is redeemed at most once, within {@link #TOKEN_TTL_MS};
 * the session it becomes lives as long as the host. Tokens and sessions are 32 random bytes in hex;
 * lookups compare whole strings in a hash set, so a guess learns nothing from timing beyond a miss.
 */
final class PageSessions {
  /** How long a printed link may wait before its first use, in milliseconds. */
  static final long TOKEN_TTL_MS = 10 * 60 * 1000;

  /** At most this many unredeemed tokens are kept; the oldest are dropped first. */
  private static final int MAX_TOKENS = 64;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> tokens = new LinkedHashMap<>();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();

  /** A new one-time token. */
  synchronized String mintToken() {
    String t = secret();
    tokens.put(t, System.currentTimeMillis() + TOKEN_TTL_MS);
    while (tokens.size() > MAX_TOKENS) {
      tokens.remove(tokens.keySet().iterator().next());
    }
    return t;
  }

  /**
   * Redeems a token once: the new session id, or empty when the token is unknown, used or expired.
   */
  synchronized Optional<String> redeem(String token) {
    Long expires = token == null ? null : tokens.remove(token);
    if (expires == null || expires < System.currentTimeMillis()) {
      return Optional.empty();
    }
    String session = secret();
    sessions.add(session);
    return Optional.of(session);
  }

  /** Whether a cookie value is a live session. */
  boolean valid(String session) {
    return session != null && sessions.contains(session);
  }

  private String secret() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
