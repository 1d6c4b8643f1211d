package dev.sectionsearch.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Extracts a PDF's text as {@link Line}s in one pass, keeping each line's page, font size and
 * weight instead of writing text out. One instance per document; not thread-safe.
 */
final class LineStripper extends PDFTextStripper {
  private final List<Line> lines = new ArrayList<>();
  private final StringBuilder current = new StringBuilder();
  private final Map<Float, Integer> sizeCounts = new HashMap<>();
  private final IdentityHashMap<PDFont, Boolean> boldFonts = new IdentityHashMap<>();
  private final long maxChars;
  private long chars;
  private int boldChars;
  private int lineChars;
  private int page;

  /**
   * @param maxChars the most characters of text to keep: past it the extraction stops with {@link
   *     TooMuchText}, so that a PDF of repeated content cannot fill the heap
   */
  LineStripper(long maxChars) {
    this.maxChars = maxChars;
  }

  /** Thrown when the text passes the limit given. */
  static final class TooMuchText extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMuchText() {
      super(null, null, false, false);
    }
  }

  List<Line> lines() {
    endLine();
    return lines;
  }

  @Override
  protected void startPage(PDPage pdPage) throws IOException {
    endLine();
    page = getCurrentPageNo();
  }

  @Override
  protected void endPage(PDPage pdPage) throws IOException {
    endLine();
  }

  @Override
  protected void writeString(String text, List<TextPosition> positions) {
    current.append(text);
    for (TextPosition position : positions) {
      float size = Math.round(position.getFontSizeInPt() * 2) / 2f;
      sizeCounts.merge(size, 1, Integer::sum);
      if (isBold(position.getFont())) {
        boldChars++;
      }
      lineChars++;
    }
    chars += text.length();
    if (chars > maxChars) {
      throw new TooMuchText();
    }
  }

  @Override
  protected void writeWordSeparator() {
    current.append(' ');
  }

  @Override
  protected void writeLineSeparator() {
    endLine();
  }

  private void endLine() {
    String text = current.toString().strip();
    if (!text.isEmpty()) {
      float size = 0;
      int most = 0;
      for (Map.Entry<Float, Integer> entry : sizeCounts.entrySet()) {
        if (entry.getValue() > most
            || (entry.getValue() == most && entry.getKey().floatValue() > size)) {
          most = entry.getValue();
          size = entry.getKey();
        }
      }
      lines.add(new Line(page, text, size, boldChars * 2 > lineChars, lineChars));
    }
    current.setLength(0);
    sizeCounts.clear();
    boldChars = 0;
    lineChars = 0;
  }

  private boolean isBold(PDFont font) {
    if (font == null) {
      return false;
    }
    return boldFonts.computeIfAbsent(font, LineStripper::boldFont);
  }

  private static boolean boldFont(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600)) {
      return true;
    }
    String name = font.getName() == null ? "" : font.getName().toLowerCase(Locale.ROOT);
    return name.contains("bold") || name.contains("black") || name.contains("heavy");
  }
}
