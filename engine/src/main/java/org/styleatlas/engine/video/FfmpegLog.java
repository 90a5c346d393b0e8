package org.styleatlas.engine.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's own log lines to SLF4J at debug level, so that a bad file gives the user one line
 * (our {@link org.styleatlas.engine.InputException}) instead of native chatter on stderr.
 */
final class FfmpegLog extends LogCallback {
  private static final Logger LOG = LoggerFactory.getLogger("org.styleatlas.engine.video.ffmpeg");

  /** FFmpeg logs a line in pieces; they are gathered per thread until the line ends. */
  private static final ThreadLocal<StringBuilder> LINE =
      ThreadLocal.withInitial(StringBuilder::new);

  /** Kept reachable for the life of the process: FFmpeg calls it from native code. */
  private static final FfmpegLog INSTANCE = new FfmpegLog();

  static {
    av_log_set_level(AV_LOG_INFO);
    setLogCallback(INSTANCE);
  }

  private FfmpegLog() {}

  /** Installs the routing once; call before any FFmpeg use. */
  static void install() {
    // The static initialiser does the work.
  }

  @Override
  public void call(int level, BytePointer msg) {
    if (!LOG.isDebugEnabled() || msg == null || msg.isNull()) {
      return;
    }
    StringBuilder line = LINE.get();
    line.append(msg.getString());
    if (line.length() > 0 && line.charAt(line.length() - 1) == '\n') {
      LOG.debug("[{}] {}", level, line.toString().strip());
      line.setLength(0);
    }
  }
}
