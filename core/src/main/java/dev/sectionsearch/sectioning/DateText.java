package dev.sectionsearch.sectioning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates documents carry in their metadata: ISO dates and timestamps, and the common
 * written forms ("March 5, 2024", "5 March 2024", "2024/03/05"); a month and year alone ("December
 * 1958") is the first of the month.
 *
 * <p>Stateless and thread-safe.
 */
final class DateText {
  /** Dates outside these years are taken as mistakes, not as dates. */
  private static final int MIN_YEAR = 1000;

  private static final int MAX_YEAR = 9999;

  private static final List<DateTimeFormatter> WRITTEN_FORMS =
      List.of(
          strict("uuuu-M-d"),
          strict("uuuu/M/d"),
          strict("uuuu.M.d"),
          strict("MMMM d, uuuu"),
          strict("MMM d, uuuu"),
          strict("MMM. d, uuuu"),
          strict("d MMMM uuuu"),
          strict("d MMM uuuu"),
          strict("EEE, d MMM uuuu"),
          strict("EEEE, MMMM d, uuuu"),
          monthOnly("MMMM, uuuu"),
          monthOnly("MMMM uuuu"),
          monthOnly("MMM uuuu"));

  /**
   * A month and year written as a line of its own near the top of a text, as newspapers and
   * journals print them ("CACM December, 1958", "March 5, 2024"); group 1 is the date.
   */
  private static final Pattern DATELINE =
      Pattern.compile(
          "^[\\p{L}\\p{N} .,&-]{0,24}?\\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
              + "[a-z]*\\.?(?: \\d{1,2})?,? \\d{4})$");

  /** Lines from the top of a text searched for a dateline. */
  private static final int DATELINE_LINES = 30;

  private DateText() {}

  /**
   * Parses a date written in one of the forms the library knows.
   *
   * @return the date, or empty when the text is not a date or is out of range
   */
  static Optional<LocalDate> parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.length() > 64) {
      return Optional.empty();
    }
    Optional<LocalDate> timestamp = parseTimestamp(trimmed);
    if (timestamp.isPresent()) {
      return inRange(timestamp.get());
    }
    for (DateTimeFormatter form : WRITTEN_FORMS) {
      try {
        return inRange(LocalDate.from(form.parse(trimmed)));
      } catch (DateTimeParseException e) {
        // not this form; try the next
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> parseTimestamp(String text) {
    if (text.length() < 11 || (text.charAt(10) != 'T' && text.charAt(10) != ' ')) {
      return Optional.empty();
    }
    String iso = text.replace(' ', 'T');
    for (DateTimeFormatter format :
        List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
      try {
        TemporalAccessor parsed = format.parse(iso);
        if (format == DateTimeFormatter.ISO_OFFSET_DATE_TIME) {
          return Optional.of(OffsetDateTime.from(parsed).toLocalDate());
        }
        if (format == DateTimeFormatter.ISO_ZONED_DATE_TIME) {
          return Optional.of(ZonedDateTime.from(parsed).toLocalDate());
        }
        return Optional.of(LocalDate.from(parsed));
      } catch (DateTimeParseException e) {
        // not this form; try the next
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> inRange(LocalDate date) {
    return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR
        ? Optional.of(date)
        : Optional.empty();
  }

  /**
   * The text of a dateline in the first lines of a text: a short line that ends in a month (and
   * day) and year. Used when a document carries no date in its metadata.
   */
  static Optional<String> findDateline(String text) {
    int lineStart = 0;
    for (int line = 0; line < DATELINE_LINES && lineStart < text.length(); line++) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      String candidate = text.substring(lineStart, lineEnd).strip();
      if (candidate.length() <= 48) {
        Matcher matcher = DATELINE.matcher(candidate);
        if (matcher.find() && parse(matcher.group(1)).isPresent()) {
          return Optional.of(matcher.group(1));
        }
      }
      lineStart = lineEnd + 1;
    }
    return Optional.empty();
  }

  private static DateTimeFormatter monthOnly(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static DateTimeFormatter strict(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }
}
