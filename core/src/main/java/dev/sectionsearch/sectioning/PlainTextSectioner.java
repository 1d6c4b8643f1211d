package dev.sectionsearch.sectioning;

import java.util.List;
import java.util.Optional;

/** Placeholder. */
final class PlainTextSectioner implements Sectioner {
  @Override
  public Outline split(String text) {
    return new Outline(
        Optional.empty(),
        Optional.empty(),
        List.of(Sectioning.section(List.of(), 0, text, 0, text.length())),
        0,
        List.of());
  }
}
