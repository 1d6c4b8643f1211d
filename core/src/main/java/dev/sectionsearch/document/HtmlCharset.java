package dev.sectionsearch.document;

import dev.sectionsearch.DocumentException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset an HTML page declares in its first 1024 bytes, as browsers find it (the HTML
 * standard's prescan): {@code <meta charset>}, else {@code <meta http-equiv="Content-Type"
 * content="...; charset=...">}, the first such {@code <meta>} outside comments winning.
 *
 * <p>Labels map to charsets as in the WHATWG Encoding standard where it differs from Java: {@code
 * iso-8859-1} and {@code us-ascii} pages are decoded as {@code windows-1252}, which is what their
 * authors meant when they wrote curly quotes, and a {@code utf-16} label in bytes that could be
 * read as ASCII means UTF-8.
 *
 * <p>Stateless and thread-safe.
 */
final class HtmlCharset {
  /** How far into a page browsers look for a declaration. */
  private static final int PRESCAN_BYTES = 1024;

  private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);
  private static final Pattern META =
      Pattern.compile("<meta[\\s/]([^>]*)(?:>|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([^\\s=/>\"']+)\\s*=\\s*(\"[^\"]*\"?|'[^']*'?|[^\\s>]*)");

  /** A charset label as the standard reads it; only printable ASCII is kept for messages. */
  private static final Pattern CHARSET_IN_CONTENT =
      Pattern.compile("charset\\s*=\\s*[\"']?([!-~&&[^\"';]]+)", Pattern.CASE_INSENSITIVE);

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final Map<String, String> WHATWG_LABELS =
      Map.ofEntries(
          Map.entry("iso-8859-1", "windows-1252"),
          Map.entry("iso8859-1", "windows-1252"),
          Map.entry("iso_8859-1", "windows-1252"),
          Map.entry("latin1", "windows-1252"),
          Map.entry("l1", "windows-1252"),
          Map.entry("us-ascii", "windows-1252"),
          Map.entry("ascii", "windows-1252"),
          Map.entry("iso-8859-9", "windows-1254"),
          Map.entry("latin5", "windows-1254"),
          Map.entry("iso-8859-11", "x-windows-874"),
          Map.entry("tis-620", "x-windows-874"),
          Map.entry("gb2312", "GB18030"),
          Map.entry("gbk", "GB18030"),
          Map.entry("shift_jis", "windows-31j"),
          Map.entry("sjis", "windows-31j"),
          Map.entry("euc-kr", "x-windows-949"),
          Map.entry("utf-16", "UTF-8"),
          Map.entry("utf-16le", "UTF-8"),
          Map.entry("utf-16be", "UTF-8"));

  private HtmlCharset() {}

  /**
   * The charset the page declares, if any.
   *
   * @throws DocumentException naming the file when the declared charset is unknown
   */
  static Optional<Charset> declared(byte[] bytes, String name) {
    return label(bytes).map(label -> forLabel(label, name));
  }

  private static Optional<String> label(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher meta = META.matcher(COMMENT.matcher(head).replaceAll(""));
    while (meta.find()) {
      Optional<String> label = labelOf(meta.group(1));
      if (label.isPresent()) {
        return label;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> labelOf(String attributes) {
    String content = null;
    boolean contentType = false;
    Matcher attribute = ATTRIBUTE.matcher(attributes);
    while (attribute.find()) {
      String key = attribute.group(1).toLowerCase(Locale.ROOT);
      String value = unquote(attribute.group(2)).strip();
      if (key.equals("charset")) {
        Matcher printable = CHARSET_IN_CONTENT.matcher("charset=" + value);
        return Optional.of(printable.find() ? printable.group(1) : value);
      } else if (key.equals("http-equiv")) {
        contentType = value.equalsIgnoreCase("content-type");
      } else if (key.equals("content")) {
        content = value;
      }
    }
    if (contentType && content != null) {
      Matcher charset = CHARSET_IN_CONTENT.matcher(content);
      if (charset.find()) {
        return Optional.of(charset.group(1));
      }
    }
    return Optional.empty();
  }

  private static String unquote(String value) {
    if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      int end = value.length() > 1 && value.endsWith(value.substring(0, 1)) ? 1 : 0;
      return value.substring(1, value.length() - end);
    }
    return value;
  }

  private static Charset forLabel(String label, String name) {
    String key = label.strip().toLowerCase(Locale.ROOT);
    String canonical = WHATWG_LABELS.getOrDefault(key, key);
    try {
      Charset charset = Charset.forName(canonical);
      boolean latin1 =
          charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII);
      return latin1 ? WINDOWS_1252 : charset;
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new DocumentException(
          name, "unknown charset \"" + printable(label) + "\" declared in the page's <meta>", e);
    }
  }

  /** The label as it may be shown on a terminal: control and non-ASCII characters replaced. */
  private static String printable(String label) {
    StringBuilder out = new StringBuilder();
    label.codePoints().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
    return out.toString();
  }
}
