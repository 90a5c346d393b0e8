package org.styleatlas.engine.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.styleatlas.engine.InputException;

/** Lists the image files of a frame or matte folder, in natural (numeric-aware) name order. */
public final class ImageFiles {
  private static final List<String> EXTENSIONS =
      List.of(".png", ".jpg", ".jpeg", ".exr", ".tif", ".tiff");

  private ImageFiles() {}

  /** Whether the file name has an image extension this engine reads. */
  public static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  /** The image files of a folder, sorted naturally; fails clearly when the folder has none. */
  public static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw InputException.of(
          folder, Files.exists(folder) ? "is not a folder" : "no such file or folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(ImageFiles::isImage)
              .sorted(ImageFiles::naturalOrder)
              .toList();
    } catch (IOException e) {
      throw InputException.of(folder, "cannot list folder: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw InputException.of(folder, "folder holds no image frames (.png, .jpg, .exr)");
    }
    return files;
  }

  /** Compares file names so that "frame2" sorts before "frame10". */
  static int naturalOrder(Path a, Path b) {
    String x = a.getFileName().toString();
    String y = b.getFileName().toString();
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      char cx = x.charAt(i);
      char cy = y.charAt(j);
      if (Character.isDigit(cx) && Character.isDigit(cy)) {
        int si = i;
        int sj = j;
        while (i < x.length() && Character.isDigit(x.charAt(i))) {
          i++;
        }
        while (j < y.length() && Character.isDigit(y.charAt(j))) {
          j++;
        }
        String nx = x.substring(si, i).replaceFirst("^0+(?=.)", "");
        String ny = y.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c =
            nx.length() != ny.length()
                ? Integer.compare(nx.length(), ny.length())
                : nx.compareTo(ny);
        if (c != 0) {
          return c;
        }
      } else {
        if (cx != cy) {
          return Character.compare(cx, cy);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }
}
