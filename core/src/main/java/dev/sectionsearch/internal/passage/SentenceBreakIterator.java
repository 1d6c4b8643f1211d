package dev.sectionsearch.internal.passage;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries found by looking only at the characters around each candidate: a boundary is
 * the start of a word that follows a line break, or that follows white space after {@code .},
 * {@code !} or {@code ?} (closing quotes and brackets allowed between) and does not start with a
 * lower-case letter (so "e.g. the" stays one sentence).
 *
 * <p>The JDK's rule-based sentence iterator re-reads text through a {@link CharacterIterator} for
 * every move; passages ask for boundaries around every match of every hit, and that came to most of
 * a search's time. This one works on the string directly, from the offset asked about.
 *
 * <p>Not thread-safe, like every {@link BreakIterator}.
 */
final class SentenceBreakIterator extends BreakIterator {
  private String text = "";
  private int current;

  @Override
  public int first() {
    current = 0;
    return current;
  }

  @Override
  public int last() {
    current = text.length();
    return current;
  }

  @Override
  public int next(int n) {
    int result = current;
    for (int i = 0; i < n && result != DONE; i++) {
      result = next();
    }
    for (int i = 0; i > n && result != DONE; i--) {
      result = previous();
    }
    return result;
  }

  @Override
  public int next() {
    return current >= text.length() ? DONE : following(current);
  }

  @Override
  public int previous() {
    return current <= 0 ? DONE : preceding(current);
  }

  @Override
  public int following(int offset) {
    checkOffset(offset);
    for (int b = offset + 1; b < text.length(); b++) {
      if (isBoundaryAt(b)) {
        current = b;
        return b;
      }
    }
    current = text.length();
    return offset >= text.length() ? DONE : current;
  }

  @Override
  public int preceding(int offset) {
    checkOffset(offset);
    for (int b = offset - 1; b > 0; b--) {
      if (isBoundaryAt(b)) {
        current = b;
        return b;
      }
    }
    current = 0;
    return offset <= 0 ? DONE : current;
  }

  @Override
  public boolean isBoundary(int offset) {
    checkOffset(offset);
    boolean boundary = offset == 0 || offset == text.length() || isBoundaryAt(offset);
    if (boundary) {
      current = offset;
    } else {
      following(offset);
    }
    return boundary;
  }

  @Override
  public int current() {
    return current;
  }

  @Override
  public CharacterIterator getText() {
    return new StringCharacterIterator(text);
  }

  @Override
  public void setText(String newText) {
    text = newText;
    current = 0;
  }

  @Override
  public void setText(CharacterIterator newText) {
    StringBuilder copy = new StringBuilder();
    for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
      copy.append(c);
    }
    setText(copy.toString());
  }

  private void checkOffset(int offset) {
    if (offset < 0 || offset > text.length()) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + text.length());
    }
  }

  private boolean isBoundaryAt(int b) {
    char at = text.charAt(b);
    if (Character.isWhitespace(at) || !Character.isWhitespace(text.charAt(b - 1))) {
      return false;
    }
    int i = b - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      if (text.charAt(i) == '\n') {
        return true;
      }
      i--;
    }
    while (i >= 0 && isCloser(text.charAt(i))) {
      i--;
    }
    return i >= 0 && isTerminator(text.charAt(i)) && !Character.isLowerCase(at);
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
  }
}
