package org.styleatlas.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.styleatlas.engine.render.AtlasFiles;
import org.styleatlas.engine.render.AtlasSet;
import org.styleatlas.engine.render.ClipRenderer;
import org.styleatlas.engine.render.RenderJob;
import org.styleatlas.engine.render.RenderSettings;
import org.styleatlas.engine.runtime.DjlRuntime;
import org.styleatlas.engine.stylize.scene.EditableScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


/**
 * {@code styleatlas render}: NLA's manual-edit workflow and plain rendering. Exports the decomposition's
 * atlases as PNGs, and renders the clip from the decomposition with the original atlas or an imported,
 * externally painted (or stylized and exported) one, in any output mode and at any size.
 */
@Command(name = "render", description = "Render frames from a decomposition and an atlas; export or import atlas PNGs.")
final class RenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin StylizeCommand.ClipInput clipInput = new StylizeCommand.ClipInput();

  @Option(names = "--atlas", paramLabel = "PNG", description = "A painted or stylized foreground atlas to render (same size as the exported one).")
  Path atlas;

  @Option(names = "--export-atlas", paramLabel = "PNG", description = "Write the original foreground atlas as a PNG and stop.")
  Path exportAtlas;

  @Option(names = "--export-background-atlas", paramLabel = "PNG", description = "Write the background atlas as a PNG too.")
  Path exportBackground;

  @Mixin StylizeCommand.RenderOptions render = new StylizeCommand.RenderOptions();

  @Override
  public Integer call() throws IOException {
    DjlRuntime.forceOffline();
    try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
      try (EditableScene scene = clipInput.scene(render.cache(), progress)) {
        return render(scene, progress);
      }
    }
  }

  private int render(EditableScene scene, TerminalProgress progress) throws IOException {
    Path out = render.output("rendered");
    RenderSettings settings = render.settings(scene);
    if (exportAtlas == null) {
      RenderJob.check(out, settings);
    }
    AtlasSet atlases = scene.atlases();
    if (exportBackground != null) {
      AtlasFiles.write(atlases.background(), exportBackground);
    }
    if (exportAtlas != null) {
      AtlasFiles.write(atlases.foreground(), exportAtlas);
      spec.commandLine().getOut().printf("wrote the foreground atlas (%dx%d) to %s; paint it and render it with"
          + " --atlas%n", atlases.foreground().width(), atlases.foreground().height(), exportAtlas);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    if (atlas != null) {
      atlases = atlases.withStylizedForeground(AtlasFiles.readLike(atlas, atlases.foreground()));
    }
    double seconds = RenderJob.write(new ClipRenderer(scene.maps(), atlases), scene::frame,
        settings, scene.fps(), out, progress);
    progress.close();
    spec.commandLine().getOut().printf("rendered %d frames at %dx%d (%s) to %s in %.1f s%n", scene.frameCount(),
        settings.width(), settings.height(), settings.mode().cliName(), out, seconds);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
