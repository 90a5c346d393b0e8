package org.styleatlas.engine.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over typed parts, each prefixed with a tag and its length, so different part sequences
 * never collide by concatenation. Not thread-safe; one hasher per key. Video content is fed in by
 * {@code video.VideoHashing} (cache is below video).
 */
public final class ContentHasher {
  private final MessageDigest digest;
  private final ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  public ContentHasher() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public ContentHasher putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    header('s', b.length);
    digest.update(b);
    return this;
  }

  public ContentHasher putLong(long v) {
    header('l', v);
    return this;
  }

  public ContentHasher putDouble(double v) {
    header('d', Double.doubleToLongBits(v));
    return this;
  }

  /** Hashes the remaining bytes of {@code bytes} (its position is left unchanged). */
  public ContentHasher putBytes(ByteBuffer bytes) {
    header('b', bytes.remaining());
    digest.update(bytes.duplicate());
    return this;
  }

  /** Hashes float32 values exactly, bit for bit. */
  public ContentHasher putFloats(float[] values) {
    header('f', values.length);
    for (int i = 0; i < values.length; ) {
      scratch.clear();
      while (i < values.length && scratch.remaining() >= 4) {
        scratch.putFloat(values[i++]);
      }
      scratch.flip();
      digest.update(scratch);
    }
    return this;
  }

  /** The hex digest; the hasher must not be used afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The key of a {@code kind} artifact for everything hashed so far. */
  public CacheKey key(String kind) {
    return new CacheKey(kind, hex());
  }

  private void header(char tag, long value) {
    scratch.clear();
    scratch.put((byte) tag).putLong(value).flip();
    digest.update(scratch);
  }
}
