package dev.sectionsearch.document;

/**
 * Limits on titles and headings: they are stored with every section and shown with every hit, so a
 * 1 MB front matter {@code title:} or {@code # heading} made a 246 MB index of 200 sections. A
 * longer one is cut at a word boundary with an ellipsis; control characters become spaces.
 */
final class Labels {
  /** The longest title kept, in UTF-16 units. */
  static final int MAX_TITLE = 1_000;

  /** The longest heading kept, in UTF-16 units, each level of a heading path alike. */
  static final int MAX_HEADING = 500;

  private Labels() {}

  static String shorten(String text, int max) {
    String clean = withoutControlCharacters(text);
    if (clean.length() <= max) {
      return clean;
    }
    int cut = max - 1;
    if (Character.isLowSurrogate(clean.charAt(cut))) {
      cut--;
    }
    int space = clean.lastIndexOf(' ', cut);
    if (space > max / 2) {
      cut = space;
    }
    return clean.substring(0, cut).stripTrailing() + "\u2026";
  }

  private static String withoutControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        StringBuilder out = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
          char c = text.charAt(k);
          out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
      }
    }
    return text;
  }
}
