package org.styleatlas.host.bridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A reply to the plugin (docs/PROTOCOL.md). {@code type} is always the first field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface BridgeReply {
  String type();

  long id();

  record Hello(String type, long id, int protocol, String engine) implements BridgeReply {}

  record Frame(String type, long id, String status, String clip, int collected, double progress)
      implements BridgeReply {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Render(
      String type,
      long id,
      String status,
      String clip,
      String stage,
      double progress,
      String message,
      Boolean blocked,
      Long payloadBytes)
      implements BridgeReply {}

  record JobSummary(
      String id, String kind, String state, double progress, String stage, String message) {}

  record Status(String type, long id, List<JobSummary> jobs) implements BridgeReply {}

  record Error(String type, long id, ErrorCode code, String message) implements BridgeReply {
    public static Error of(long id, ErrorCode code, String message) {
      return new Error("error", id, code, message);
    }
  }
}
