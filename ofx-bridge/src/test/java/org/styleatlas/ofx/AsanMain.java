package org.styleatlas.ofx;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the harness's scenarios in this JVM against the bundle named by -Dstyleatlas.ofx.bundle,
 * which {@link AsanTest} points at the AddressSanitizer build and starts with libasan preloaded.
 * Exit code 0 when every scenario passed, 1 on a failure, 2 when AddressSanitizer is not actually
 * loaded.
 */
public final class AsanMain {
  private static final Logger LOG = LoggerFactory.getLogger(AsanMain.class);

  private AsanMain() {}

  public static void main(String[] args) throws Exception {
    if (!Files.readString(Path.of("/proc/self/maps")).contains("libasan")) {
      LOG.error("libasan is not mapped in this process: the run would not be sanitized");
      System.exit(2);
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                selectClass(DescribeTest.class),
                selectClass(RenderPixelsTest.class),
                selectClass(HostBehaviourTest.class),
                selectClass(FailureTest.class),
                selectClass(BatchHostTest.class))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary
        .getFailures()
        .forEach(
            f -> LOG.error("{} failed", f.getTestIdentifier().getDisplayName(), f.getException()));
    LOG.warn(
        "ASan run: {} tests, {} succeeded, {} failed",
        summary.getTestsFoundCount(),
        summary.getTestsSucceededCount(),
        summary.getTotalFailureCount());
    System.exit(
        summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
