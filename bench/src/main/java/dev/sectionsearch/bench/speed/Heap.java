package dev.sectionsearch.bench.speed;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Measures of this JVM's heap. */
final class Heap {
  private Heap() {}

  /**
   * The heap the program's live data takes now: collects all garbage first (a full collection,
   * which takes time; callers leave it out of what they time).
   */
  static long liveBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Starts counting {@link #peakUsedBytes()} from now. */
  static void resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The most heap in use at any moment since the last reset, garbage included. */
  static long peakUsedBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
