package dev.sectionsearch.sectioning;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reStructuredText inline markup shown as a reader sees it: roles by their text, references by
 * their names, emphasis without its stars, literals as code. Quantifiers are bounded, so that a
 * long run of markup characters costs linear time.
 *
 * <p>Stateless and thread-safe.
 */
final class RstInline {
  private static final String ROLE_NAME = "[A-Za-z][\\w.+-]{0,40}";

  private static final Pattern INLINE =
      Pattern.compile(
          "``(?<literal>[^`]{1,4000})``"
              + "|(?<role>:"
              + ROLE_NAME
              + "(?::"
              + ROLE_NAME
              + ")?:)?`(?<text>[^`]{1,4000})`(?<suffix>__?(?![\\w`])|:"
              + ROLE_NAME
              + ":)?"
              + "|(?<footnote>\\[(?:#[\\w.-]{0,60}|\\d{1,6}|\\*|[A-Za-z][\\w.-]{0,60})\\]_)(?![\\w`])"
              + "|\\*\\*(?<strong>[^*\\s](?:[^*]{0,1000}[^*\\s])?)\\*\\*"
              + "|(?<![\\w*])\\*(?<emphasis>[^*\\s](?:[^*]{0,1000}[^*\\s])?)\\*(?![\\w*])"
              + "|(?<![\\w`|])\\|(?<substitution>[\\w][\\w .-]{0,60})\\|(?:__?)?(?![\\w|])");

  /** A role's or reference's text with an explicit target: {@code Title <target>}. */
  private static final Pattern TITLE_AND_TARGET = Pattern.compile("(?s)^(.*?)\\s*<([^<>]*)>$");

  private static final Pattern ESCAPED_SPACE = Pattern.compile("\\\\\\s+");

  private RstInline() {}

  /** The text of inline markup, code included, as a plain string (for titles and headings). */
  static String plain(String markup) {
    SectionText out = new SectionText();
    render(markup, out);
    return TextCleanup.foldSpace(out.toString());
  }

  /** Appends the text of inline markup to {@code out}, literals as code. */
  static void render(String markup, SectionText out) {
    Matcher matcher = INLINE.matcher(markup);
    int last = 0;
    while (matcher.find()) {
      out.append(unescape(markup.substring(last, matcher.start())));
      if (matcher.group("literal") != null) {
        out.appendCode(matcher.group("literal"));
      } else if (matcher.group("text") != null) {
        String suffix = matcher.group("suffix");
        String role = matcher.group("role");
        if (role == null && suffix != null && suffix.startsWith(":")) {
          role = suffix;
        }
        String text = roleText(role, matcher.group("text"));
        if (role == null && suffix == null) {
          // `text` alone is the default role: code in Sphinx, emphasis in docutils
          out.appendCode(text);
        } else if (role != null && isCodeRole(role)) {
          out.appendCode(text);
        } else {
          out.append(text);
        }
      } else if (matcher.group("footnote") != null) {
        // a footnote reference: a mark, not text
      } else if (matcher.group("strong") != null) {
        out.append(unescape(matcher.group("strong")));
      } else if (matcher.group("emphasis") != null) {
        out.append(unescape(matcher.group("emphasis")));
      } else {
        out.append(matcher.group("substitution"));
      }
      last = matcher.end();
    }
    out.append(unescape(markup.substring(last)));
  }

  /**
   * Drops the underscores that make a word a reference ({@code word_}, {@code word__}): scanned by
   * hand, where a regular expression tried at every word start cost most of the sectioning time.
   */
  private static String withoutReferenceMarks(String text) {
    int underscore = text.indexOf('_');
    if (underscore < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    for (int i = underscore; i >= 0; i = text.indexOf('_', i + 1)) {
      int marks = i + 1 < text.length() && text.charAt(i + 1) == '_' ? 2 : 1;
      int after = i + marks;
      if (i == 0
          || !Character.isLetterOrDigit(text.charAt(i - 1))
          || (after < text.length()
              && (isWordChar(text.charAt(after)) || text.charAt(after) == '`'))) {
        i = after - 1;
        continue;
      }
      int wordStart = i;
      while (wordStart > 0
          && (isWordChar(text.charAt(wordStart - 1))
              || ".-".indexOf(text.charAt(wordStart - 1)) >= 0)) {
        wordStart--;
      }
      if (!Character.isLetterOrDigit(text.charAt(wordStart))
          || (wordStart > 0 && text.charAt(wordStart - 1) == '`')) {
        i = after - 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, i);
      copied = after;
      i = after - 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Roles that name code: shown as code, so that cleanup keeps their brackets. */
  private static boolean isCodeRole(String role) {
    String name = roleName(role);
    return name.equals("code")
        || name.equals("literal")
        || name.equals("samp")
        || name.equals("file")
        || name.equals("func")
        || name.equals("meth")
        || name.equals("attr")
        || name.equals("data")
        || name.equals("c:func")
        || name.equals("c:expr")
        || name.equals("c:macro")
        || name.equals("c:type")
        || name.equals("c:data")
        || name.equals("c:member")
        || name.equals("envvar");
  }

  private static String roleName(String role) {
    return role.substring(1, role.length() - 1).toLowerCase(Locale.ROOT);
  }

  /** What a role (or reference) shows for its text. */
  static String roleText(String role, String text) {
    String shown = text.replace('\n', ' ');
    if (shown.indexOf('\\') >= 0) {
      // an escaped space is none: a target broken over two lines reads as one word
      shown = ESCAPED_SPACE.matcher(shown).replaceAll("");
    }
    shown = shown.strip();
    Matcher titled = TITLE_AND_TARGET.matcher(shown);
    if (titled.matches()) {
      String title = titled.group(1).strip();
      return title.isEmpty() ? titled.group(2).strip() : unescape(title);
    }
    if (shown.startsWith("!")) {
      shown = shown.substring(1);
    } else if (shown.startsWith("~")) {
      shown = shown.substring(1);
      int dot = shown.lastIndexOf('.', shown.endsWith("()") ? shown.length() - 3 : shown.length());
      shown = shown.substring(dot + 1);
    }
    if (role != null) {
      String name = roleName(role);
      int hash = shown.indexOf('#');
      String number = hash > 0 ? shown.substring(0, hash) : shown;
      if (name.equals("pep")) {
        return "PEP " + number;
      }
      if (name.equals("rfc")) {
        return "RFC " + number;
      }
    }
    return shown;
  }

  /**
   * Prose with its escaping backslashes dropped ({@code \*} is a star, {@code \ } nothing) and its
   * references shown by name ({@code Python_} reads "Python").
   */
  private static String unescape(String text) {
    text = withoutReferenceMarks(text);
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        if (!Character.isWhitespace(next)) {
          out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
