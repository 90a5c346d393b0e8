package org.styleatlas.engine.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.cache.AtomicFiles;

/**
 * Job records on disk, one JSON file per job, each written atomically; survives restarts. A single
 * engine's {@link LocalJobBoard} keeps its records in one; each host of a render farm keeps its
 * copy of the farm's records in one (the host's cluster board).
 */
public class JobStore {
  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path dir;

  /** Records in {@code dir} (created private when missing). */
  public JobStore(Path dir) {
    this.dir = dir;
    try {
      org.styleatlas.engine.cache.PrivateFolders.create(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create job folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Saves a record (a failure is logged: the record stays in memory). */
  public synchronized void save(Job job) {
    try {
      AtomicFiles.write(dir.resolve(job.id() + ".json"), out -> JSON.writeValue(out, job));
    } catch (IOException e) {
      LOG.warn("cannot save job {} to {}: {}", job.id(), dir, e.getMessage());
    }
  }

  /** Deletes a job's record; a missing one is fine. */
  public synchronized void delete(String id) {
    try {
      Files.deleteIfExists(dir.resolve(id + ".json"));
    } catch (IOException e) {
      LOG.warn("cannot delete job record {} in {}: {}", id, dir, e.getMessage());
    }
  }

  /** Every readable record, oldest first; unreadable ones are logged and skipped. */
  public List<Job> loadAll() {
    List<Job> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          (Iterable<Path>) s.filter(f -> f.getFileName().toString().endsWith(".json"))::iterator) {
        try {
          out.add(JSON.readValue(p.toFile(), Job.class));
        } catch (IOException | RuntimeException e) {
          LOG.warn("skipping unreadable job record {}: {}", p, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list job folder " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingLong(Job::createdMs).thenComparing(Job::id));
    return out;
  }
}
