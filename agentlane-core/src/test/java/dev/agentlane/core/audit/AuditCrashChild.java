package dev.agentlane.core.audit;

import java.nio.file.Path;

/**
 * The child JVM of {@link AuditCrashTest}: appends records in SYNC mode forever and prints each
 * acknowledged sequence number, until it is killed.
 */
public final class AuditCrashChild {
  private AuditCrashChild() {}

  public static void main(String[] args) {
    JsonLinesAuditSink sink = AuditLogs.jsonLines(Path.of(args[0]), AuditDurability.SYNC);
    for (long i = 1; ; i++) {
      sink.append(AuditFixture.entry("crash-" + i));
      System.out.println(sink.head().seq());
      System.out.flush();
    }
  }
}
