package org.styleatlas.host.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.styleatlas.engine.jobs.Job;
import org.styleatlas.engine.jobs.JobSpec;

/**
 * Event-bus codec for an immutable record type: passed by reference locally, JSON on the wire.
 *
 * @param <T> the record type
 */
public final class JacksonCodec<T> implements MessageCodec<T, T> {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final Class<T> type;

  private JacksonCodec(Class<T> type) {
    this.type = type;
  }

  /** Registers the codecs of every job message type as default codecs. */
  public static void registerAll(Vertx vertx) {
    register(vertx, JobSpec.class);
    register(vertx, Job.class);
    register(vertx, JobId.class);
    register(vertx, JobList.class);
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new JacksonCodec<>(type));
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    try {
      byte[] b = JSON.writeValueAsBytes(t);
      buffer.appendInt(b.length).appendBytes(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int n = buffer.getInt(pos);
    try {
      return JSON.readValue(buffer.getBytes(pos + 4, pos + 4 + n), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return "jackson-" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
