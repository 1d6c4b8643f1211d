package dev.sectionsearch.document;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * <p>Labels map to charsets as in the WHATWG Encoding standard, not as Java names them: {@code
 * iso-8859-1} and {@code us-ascii} pages are decoded as {@code windows-1252}, which is what their
 * authors meant when they wrote curly quotes, a {@code utf-16} label in bytes that could be read as
 * ASCII means UTF-8, and a label the standard does not have ({@code IBM037}, {@code utf-32}) is
 * ignored, as browsers ignore it.
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

  /**
   * The WHATWG Encoding Standard's labels, by the Java charset that decodes them. A label outside
   * it (IBM037, UTF-32, a typo) is ignored, as browsers ignore it: an EBCDIC label on an ASCII page
   * decoded it to control characters. UTF-16 labels in a {@code <meta>} mean UTF-8 (the bytes of
   * the declaration itself were ASCII); the "replacement" and x-user-defined encodings, which exist
   * to make a browser show nothing, are ignored too.
   */
  private static final Map<String, String> WHATWG_LABELS = labels();

  private static Map<String, String> labels() {
    String[][] table = {
      {"UTF-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
      {"UTF-8", "unicodefffe utf-16be csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16"},
      {"UTF-8", "utf-16le"},
      {"IBM866", "866 cp866 csibm866 ibm866"},
      {"ISO-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2"},
      {"ISO-8859-2", "iso_8859-2:1987 l2 latin2"},
      {"ISO-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3"},
      {"ISO-8859-3", "iso_8859-3:1988 l3 latin3"},
      {"ISO-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4"},
      {"ISO-8859-4", "iso_8859-4:1988 l4 latin4"},
      {"ISO-8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595"},
      {"ISO-8859-5", "iso_8859-5 iso_8859-5:1988"},
      {"ISO-8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114"},
      {"ISO-8859-6", "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596"},
      {"ISO-8859-6", "iso_8859-6 iso_8859-6:1987"},
      {"ISO-8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126"},
      {"ISO-8859-7", "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
      {"ISO-8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138"},
      {"ISO-8859-8", "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
      {"ISO-8859-8", "csiso88598i iso-8859-8-i logical"},
      {"ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
      {"ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
      {"ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
      {"ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
      {"ISO-8859-16", "iso-8859-16"},
      {"KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
      {"KOI8-U", "koi8-ru koi8-u"},
      {"x-MacRoman", "csmacintosh mac macintosh x-mac-roman"},
      {"x-windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
      {"windows-1250", "cp1250 windows-1250 x-cp1250"},
      {"windows-1251", "cp1251 windows-1251 x-cp1251"},
      {"windows-1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1"},
      {"windows-1252", "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1"},
      {"windows-1252", "us-ascii windows-1252 x-cp1252"},
      {"windows-1253", "cp1253 windows-1253 x-cp1253"},
      {"windows-1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599"},
      {"windows-1254", "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
      {"windows-1255", "cp1255 windows-1255 x-cp1255"},
      {"windows-1256", "cp1256 windows-1256 x-cp1256"},
      {"windows-1257", "cp1257 windows-1257 x-cp1257"},
      {"windows-1258", "cp1258 windows-1258 x-cp1258"},
      {"x-MacCyrillic", "x-mac-cyrillic x-mac-ukrainian"},
      {"GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58"},
      {"GB18030", "x-gbk gb18030"},
      {"Big5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
      {"EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
      {"ISO-2022-JP", "csiso2022jp iso-2022-jp"},
      {"windows-31j", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
      {"x-windows-949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987"},
      {"x-windows-949", "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    };
    Map<String, String> labels = new HashMap<>();
    for (String[] row : table) {
      for (String label : row[1].split(" ", -1)) {
        labels.put(label, row[0]);
      }
    }
    return Map.copyOf(labels);
  }

  private HtmlCharset() {}

  /** The charset the page declares, if any. */
  static Optional<Charset> declared(byte[] bytes, String name) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher meta = META.matcher(COMMENT.matcher(head).replaceAll(""));
    while (meta.find()) {
      // as in the prescan, a declaration with a label the standard does not know is passed over
      Optional<Charset> charset = labelOf(meta.group(1)).flatMap(HtmlCharset::forLabel);
      if (charset.isPresent()) {
        return charset;
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

  private static Optional<Charset> forLabel(String label) {
    String key = label.strip().toLowerCase(Locale.ROOT);
    String canonical = WHATWG_LABELS.get(key);
    if (canonical == null || !Charset.isSupported(canonical)) {
      return Optional.empty();
    }
    return Optional.of(Charset.forName(canonical));
  }
}
