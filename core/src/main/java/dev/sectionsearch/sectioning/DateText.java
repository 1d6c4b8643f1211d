package dev.sectionsearch.sectioning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the dates documents carry in their metadata: ISO dates and timestamps, and the common
 * written forms ("March 5, 2024", "5 March 2024", "2024/03/05").
 *
 * <p>Stateless and thread-safe.
 */
public final class DateText {
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
          strict("EEEE, MMMM d, uuuu"));

  private DateText() {}

  /**
   * Parses a date written in one of the forms the library knows.
   *
   * @return the date, or empty when the text is not a date or is out of range
   */
  public static Optional<LocalDate> parse(String text) {
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

  private static DateTimeFormatter strict(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }
}
