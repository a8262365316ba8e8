package org.elasticnetlogistic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The JVM heap in megabytes (2^20 bytes), for the benchmark's report. */
final class HeapMeter {

  private static final double MB = 1 << 20;

  private HeapMeter() {
  }

  /** The heap in use after a full collection: what is really live. */
  static double liveMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
  }

  /** The largest heap the JVM may use ({@code -Xmx}). */
  static double maxMb() {
    return Runtime.getRuntime().maxMemory() / MB;
  }

  /** Forgets the peaks, so that {@link #peakMb()} covers what runs next. */
  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound on the
   * largest heap use, since the pools need not peak together.
   */
  static double peakMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / MB;
  }
}
