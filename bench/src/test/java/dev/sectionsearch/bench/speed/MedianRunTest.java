package dev.sectionsearch.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianRunTest {
  private record Run(String name, double seconds) {}

  @Test
  void keepsTheRunInTheMiddleByTheFigure() {
    List<Run> runs = List.of(new Run("slow", 9), new Run("fast", 4), new Run("middle", 5));
    assertEquals("middle", SpeedComparison.median(runs, Run::seconds).name());
  }

  @Test
  void oneRunIsItsOwnMedian() {
    assertEquals("only", SpeedComparison.median(List.of(new Run("only", 1)), Run::seconds).name());
  }
}
