package org.styleatlas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and subcommand, found by walking the command tree, answers {@code --help} and
 * {@code -h}.
 */
class HelpOptionTest {

  @TestFactory
  Stream<DynamicTest> everySubcommandAnswersHelp() {
    List<List<String>> paths = new ArrayList<>();
    collect(StyleAtlasCli.commandLine(), new ArrayList<>(), paths);
    assertTrue(paths.size() > 10, "the command tree looks too small: " + paths);
    return paths.stream()
        .flatMap(
            path ->
                Stream.of("--help", "-h")
                    .map(
                        flag ->
                            DynamicTest.dynamicTest(
                                "styleatlas " + String.join(" ", path) + " " + flag,
                                () -> assertAnswersHelp(path, flag))));
  }

  @Test
  void subcommandVersionMatchesTheRoot() {
    CapturedCli root = new CapturedCli();
    assertEquals(0, root.run("--version"));
    CapturedCli sub = new CapturedCli();
    assertEquals(0, sub.run("stylize", "--version"));
    assertFalse(root.out().isBlank());
    assertEquals(root.out(), sub.out());
  }

  private static void assertAnswersHelp(List<String> path, String flag) {
    CapturedCli cli = new CapturedCli();
    List<String> args = new ArrayList<>(path);
    args.add(flag);
    int code = cli.run(args.toArray(String[]::new));
    String usage = "Usage: styleatlas " + String.join(" ", path);
    assertEquals(0, code, "exit code of " + args + "; stderr: " + cli.err());
    assertTrue(cli.out().startsWith(usage), args + " printed:\n" + cli.out() + cli.err());
    assertTrue(cli.err().isEmpty(), args + " wrote to stderr: " + cli.err());
    String rootDescription =
        StyleAtlasCli.commandLine().getCommandSpec().usageMessage().description()[0];
    assertFalse(
        cli.out().contains(rootDescription), args + " shows the root's description, not its own");
  }

  /**
   * Every command path below {@code cli} (not the built-in {@code help} command, which has its
   * own).
   */
  private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().helpCommand() || !name.equals(sub.getCommandName())) {
                return; // the help command, or an alias
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              out.add(p);
              collect(sub, p, out);
            });
  }
}
