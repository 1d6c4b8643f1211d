package dev.sectionsearch.sectioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The open headings while a document is walked in order: a heading of level n closes every open
 * heading of level n or deeper. A heading that serves as the document's title stays out of the
 * paths of the sections below it. Used by one sectioner run at a time.
 */
final class HeadingPath {
  private record Level(int level, String heading, boolean isTitle) {}

  private final Deque<Level> open = new ArrayDeque<>();

  /**
   * Opens a heading and returns the heading path of the section it starts; empty when the heading
   * has no text.
   */
  List<String> enter(int level, String heading, boolean isTitle) {
    while (!open.isEmpty() && open.peekLast().level >= level) {
      open.removeLast();
    }
    open.addLast(new Level(level, heading, isTitle));
    if (heading.isEmpty()) {
      return List.of();
    }
    List<String> path = new ArrayList<>();
    for (Level entry : open) {
      if (!entry.isTitle || isTitle) {
        path.add(entry.heading);
      }
    }
    return path;
  }
}
