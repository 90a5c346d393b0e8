package org.styleatlas.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.stream.Collectors;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.jobs.JobSpec;

/**
 * Parses the body of {@code POST /v1/jobs} into a {@link JobSpec}: every bad body is a {@link
 * BadRequest} whose message names the field and the problem in the API's words (no Java class
 * names); any other exception is a bug (the fuzz tests look for them).
 */
public final class JobRequestParser {
  /**
   * Job requests: an unknown field is a mistake (a misspelt "priority" would be ignored), so it is
   * refused.
   */
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private JobRequestParser() {}

  /** A job request body the API refuses with {@code 400} and this message. */
  public static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /**
   * The job a body asks for.
   *
   * @throws BadRequest when the body is empty, not JSON, not a job request, or a value is invalid
   */
  public static JobSpec parse(byte[] body) throws BadRequest {
    if (body == null || body.length == 0) {
      throw new BadRequest("request body: a JSON job request is required");
    }
    try {
      JobRequest request = STRICT_JSON.readValue(body, JobRequest.class);
      if (request == null) {
        throw new BadRequest("request body: must be a JSON object (a job request), got null");
      }
      return request.toSpec();
    } catch (UnrecognizedPropertyException e) {
      throw new BadRequest(
          "request body: unknown field '"
              + e.getPropertyName()
              + "'; known fields: "
              + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      InputException input = ApiError.inputCause(e);
      throw new BadRequest(input != null ? input.getMessage() : problem(e));
    } catch (InputException e) {
      throw new BadRequest(e.getMessage());
    } catch (IOException e) {
      throw new BadRequest("request body: not a valid job request");
    }
  }

  /** What is wrong with a job request body, in the API's words (no Java class names). */
  private static String problem(JsonProcessingException e) {
    if (e instanceof JsonMappingException m) {
      String field =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return field.isEmpty()
          ? "request body: must be a JSON object (a job request)"
          : "request body: " + field + ": wrong type or value";
    }
    String original = e.getOriginalMessage();
    return "request body: not valid JSON: "
        + (original == null ? "unreadable" : original.split("\n", -1)[0]);
  }
}
