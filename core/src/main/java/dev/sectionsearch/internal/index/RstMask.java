package dev.sectionsearch.internal.index;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks reStructuredText markup in a source mask (see {@link SourceMap}), keeping offsets: role
 * names ({@code :func:}) and comments go, so that their words cannot anchor a passage's words in
 * the wrong place; {@code :pep:} and {@code :rfc:} read "PEP" and "RFC", the words the sectioner
 * shows for them, so that those are found where they stand.
 *
 * <p>Internal to the library; stateless and thread-safe.
 */
final class RstMask {
  private static final Pattern COMMENT_LINE =
      Pattern.compile("(?m)^([ \\t]*)\\.\\.(?:[ \\t]+(?![_\\[|])(?![\\w:+.-]+::)[^\\n]*)?$");

  private RstMask() {}

  static void blank(char[] mask) {
    blankComments(mask);
    blankRoles(mask);
    joinEscapedSuffixes(mask);
  }

  /**
   * Joins a word of inline markup to the letters escaped onto it ({@code :class:`str`\s}, {@code
   * ``int``\ s}), which the sectioner shows as one word ("strs"): the word moves right over the
   * backticks and backslash, so that the joined word is found where it ends.
   */
  private static void joinEscapedSuffixes(char[] mask) {
    for (int i = 1; i + 1 < mask.length; i++) {
      if (mask[i] != '\\' || mask[i - 1] != '`') {
        continue;
      }
      int suffixStart = mask[i + 1] == ' ' ? i + 2 : i + 1;
      int suffixEnd = suffixStart;
      while (suffixEnd < mask.length && Character.isLetterOrDigit(mask[suffixEnd])) {
        suffixEnd++;
      }
      int ticks = i;
      while (ticks > 0 && mask[ticks - 1] == '`') {
        ticks--;
      }
      int wordStart = ticks;
      while (wordStart > 0 && Character.isLetterOrDigit(mask[wordStart - 1])) {
        wordStart--;
      }
      if (suffixEnd == suffixStart || wordStart == ticks) {
        continue;
      }
      char[] joined = new char[(ticks - wordStart) + (suffixEnd - suffixStart)];
      System.arraycopy(mask, wordStart, joined, 0, ticks - wordStart);
      System.arraycopy(mask, suffixStart, joined, ticks - wordStart, suffixEnd - suffixStart);
      Arrays.fill(mask, wordStart, suffixEnd, ' ');
      System.arraycopy(joined, 0, mask, suffixEnd - joined.length, joined.length);
      i = suffixEnd;
    }
  }

  private static void blankRoles(char[] mask) {
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] != ':' || (i > 0 && Character.isLetterOrDigit(mask[i - 1]))) {
        continue;
      }
      int end = i + 1;
      while (end < mask.length
          && end - i < 60
          && (Character.isLetterOrDigit(mask[end]) || "_.+-:".indexOf(mask[end]) >= 0)) {
        end++;
      }
      // a role: ":name:" then a backtick, the name's last character a colon
      if (end >= mask.length || mask[end] != '`' || end - i < 3 || mask[end - 1] != ':') {
        continue;
      }
      int nameStart = i + 1;
      for (int k = end - 2; k > i; k--) {
        if (mask[k] == ':') {
          nameStart = k + 1;
          break;
        }
      }
      String name = new String(mask, nameStart, end - 1 - nameStart);
      boolean shown = name.equalsIgnoreCase("pep") || name.equalsIgnoreCase("rfc");
      for (int k = i; k <= end; k++) {
        mask[k] = shown && k >= nameStart && k < end - 1 ? Character.toUpperCase(mask[k]) : ' ';
      }
      i = end;
    }
  }

  private static void blankComments(char[] mask) {
    String text = new String(mask);
    Matcher comment = COMMENT_LINE.matcher(text);
    int from = 0;
    while (from < text.length() && comment.find(from)) {
      int indent = comment.group(1).length();
      int end = comment.end();
      boolean empty = comment.end() - comment.start() - indent == 2;
      // the comment's body: the lines after it indented more than its "..", blank lines between
      int lineStart = end + 1;
      while (!empty && lineStart < text.length()) {
        int lineEnd = text.indexOf('\n', lineStart);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        String line = text.substring(lineStart, lineEnd);
        int lineIndent = 0;
        while (lineIndent < line.length()
            && (line.charAt(lineIndent) == ' ' || line.charAt(lineIndent) == '\t')) {
          lineIndent++;
        }
        if (!line.isBlank() && lineIndent <= indent) {
          break;
        }
        if (!line.isBlank()) {
          end = lineEnd;
        }
        lineStart = lineEnd + 1;
      }
      Arrays.fill(mask, comment.start(), end, ' ');
      from = Math.max(end, comment.end()) + 1;
    }
  }
}
