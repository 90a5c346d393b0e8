package org.styleatlas.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = StyleAtlasCli.class.getPackage().getImplementationVersion();
    return new String[] {"styleatlas " + (v == null ? "development build" : v)};
  }
}
