package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.styleatlas.engine.studio.AtlasExport;
import org.styleatlas.engine.studio.PreparedClip;
import org.styleatlas.engine.studio.RenderOutcome;
import org.styleatlas.engine.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styleatlas render}: NLA's manual-edit workflow and plain rendering. Exports the
 * decomposition's atlases as PNGs, and renders the clip from the decomposition with the original
 * atlas or an imported, externally painted (or stylized and exported) one, in any output mode and
 * at any size.
 */
@Command(
    name = "render",
    description = "Render frames from a decomposition and an atlas; export or import atlas PNGs.")
final class RenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin StylizeCommand.ClipInput clipInput = new StylizeCommand.ClipInput();

  @Option(
      names = "--atlas",
      paramLabel = "PNG",
      description =
          "A painted or stylized foreground atlas to render (same size as the exported one).")
  Path atlas;

  @Option(
      names = "--export-atlas",
      paramLabel = "PNG",
      description = "Write the original foreground atlas as a PNG and stop.")
  Path exportAtlas;

  @Option(
      names = "--export-background-atlas",
      paramLabel = "PNG",
      description = "Write the background atlas as a PNG too.")
  Path exportBackground;

  @Mixin StylizeCommand.RenderOptions render = new StylizeCommand.RenderOptions();

  @Override
  public Integer call() throws IOException {
    Studio studio = render.studio();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        PreparedClip clip = clipInput.prepare(studio, progress)) {
      Optional<AtlasExport> exported =
          studio.exportAtlases(
              clip, Optional.ofNullable(exportAtlas), Optional.ofNullable(exportBackground));
      if (exported.isPresent()) {
        AtlasExport atlas = exported.get();
        progress.close();
        spec.commandLine()
            .getOut()
            .printf(
                "wrote the foreground atlas (%dx%d) to %s; paint it and render it with"
                    + " --atlas%n",
                atlas.width(), atlas.height(), exportAtlas);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      RenderOutcome done =
          studio.renderClip(
              clip,
              render.request(),
              Optional.ofNullable(atlas),
              render.output("rendered"),
              progress);
      progress.close();
      spec.commandLine()
          .getOut()
          .printf(
              "rendered %d frames at %dx%d (%s) to %s in %.1f s%n",
              done.frames(), done.width(), done.height(), done.mode(), done.out(), done.seconds());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
