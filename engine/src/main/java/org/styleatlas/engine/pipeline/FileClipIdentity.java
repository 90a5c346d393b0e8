package org.styleatlas.engine.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.styleatlas.engine.jobs.ClipIdentity;
import org.styleatlas.engine.jobs.JobSpec;
import org.styleatlas.engine.video.ClipRequest;

/**
 * The identity of a job's clip on files, the same as the CLI's preparation of those files gives:
 * {@code clip:<id>} with the id of the frames' hashes ({@link FileClipReader}), so a clip the CLI
 * prepared from a folder or a video is found by an HTTP job on the same files, and the reverse.
 * Reading every frame once per distinct file listing (names, sizes, modification times: {@link
 * ClipIdentity#of}), remembered in memory after that; an edited file has a new listing and is read
 * again. Files that cannot be read keep the listing's identity ({@link ClipIdentity#of}, found by
 * nothing else), so the job on them fails with the reader's own message.
 */
final class FileClipIdentity {
  private static final Logger LOG = LoggerFactory.getLogger(FileClipIdentity.class);

  private final Map<String, String> byListing = new ConcurrentHashMap<>();

  /**
   * The identity of {@code spec}'s clip: {@link ClipIdentity#ofClip} of its id, read from its files
   * when the spec names files.
   *
   * @param longEdge the working resolution, as the job reads the files (the hashes are at source
   *     size)
   */
  String of(JobSpec spec, int longEdge) {
    if (spec.clip() != null) {
      return ClipIdentity.ofClip(spec.clip());
    }
    String listing = ClipIdentity.of(spec) + "/" + spec.decompose().matteSource();
    String known = byListing.get(listing);
    if (known != null) {
      return ClipIdentity.ofClip(known);
    }
    String id;
    try {
      id =
          FileClipReader.read(
                  new ClipRequest(
                      spec.sourcePath(), Optional.ofNullable(spec.mattePath()), longEdge),
                  spec.decompose().matteSource())
              .clipId();
    } catch (RuntimeException e) {
      // unreadable or gone: an address no preparation shares; the job itself reports the reason
      LOG.warn("cannot read {} to identify its clip: {}", spec.sourcePath(), e.getMessage());
      return ClipIdentity.of(spec);
    }
    byListing.put(listing, id);
    LOG.info("files {} recognised as clip {}", spec.sourcePath(), id.substring(0, 12));
    return ClipIdentity.ofClip(id);
  }
}
