package org.styleatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.styleatlas.engine.InputException;
import org.styleatlas.engine.studio.Artifact;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas artifacts}: what the cache the CLI and the host share holds (frames, clips,
 * decompositions, stylized atlases, maps at output sizes, flow), and removing some of it.
 */
@Command(
    name = "artifacts",
    description = "List and evict the cached artifacts (shared by the CLI and the host).",
    subcommands = {ArtifactsCommand.ListArtifacts.class, ArtifactsCommand.Evict.class})
final class ArtifactsCommand {

  /** One artifact as {@code --json} writes it. */
  record Row(String kind, String hash, long bytes, String lastUsed) {
    static Row of(Artifact a) {
      return new Row(a.kind(), a.hash(), a.bytes(), a.lastUsed().toString());
    }
  }

  /** {@code styleatlas artifacts list}. */
  @Command(name = "list", description = "List the artifacts, least recently used first.")
  static final class ListArtifacts implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CacheOption cache;

    @Option(names = "--json", description = "Write a JSON array (whole hashes) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      List<Artifact> all = cache.studio().artifacts();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(all.stream().map(Row::of).toList()));
      } else {
        print(out, all);
        out.printf(
            Locale.ROOT,
            "%d artifacts, %s%n",
            all.size(),
            mib(all.stream().mapToLong(Artifact::bytes).sum()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code styleatlas artifacts evict}. */
  @Command(
      name = "evict",
      description =
          "Remove artifacts: one by KEY (KIND/HASH, a unique hash prefix of 6+ digits), a clip's"
              + " (--clip ID), or those unused for a while (--older-than). What depends on them is"
              + " computed again when needed.")
  static final class Evict implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CacheOption cache;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
      @Parameters(
          paramLabel = "KEY",
          arity = "0..1",
          description = "KIND/HASH as 'artifacts list' shows it.")
      String key;

      @Option(
          names = "--clip",
          paramLabel = "ID",
          description =
              "A recognised clip: its record, frames no other clip uses, and its decomposition at"
                  + " this engine's settings.")
      String clip;

      @Option(
          names = "--older-than",
          paramLabel = "AGE",
          description = "Not used for longer than AGE: a number and a unit, s, m, h or d (7d).")
      String olderThan;
    }

    @Override
    public Integer call() {
      Studio studio = cache.studio();
      List<Artifact> evicted;
      if (selection.clip != null) {
        evicted = studio.evictClip(selection.clip);
      } else if (selection.olderThan != null) {
        evicted = studio.evictOlderThan(age(selection.olderThan));
      } else if (selection.key != null) {
        evicted = List.of(studio.evict(selection.key));
      } else {
        throw new InputException("give KEY, --clip ID or --older-than AGE");
      }
      PrintWriter out = spec.commandLine().getOut();
      print(out, evicted);
      out.printf(
          Locale.ROOT,
          "evicted %d artifacts, %s%n",
          evicted.size(),
          mib(evicted.stream().mapToLong(Artifact::bytes).sum()));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd])");

  /** Parses {@code --older-than}: a whole number and a unit, s, m, h or d. */
  static Duration age(String text) {
    Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InputException(
          "--older-than: expected a number and a unit (s, m, h or d), such as 7d, got '"
              + text
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static void print(PrintWriter out, List<Artifact> artifacts) {
    out.printf("%-40s %12s  %s%n", "KEY", "SIZE", "LAST USED");
    for (Artifact a : artifacts) {
      out.printf("%-40s %12s  %s%n", a.shortKey(), mib(a.bytes()), a.lastUsed());
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private ArtifactsCommand() {}
}
