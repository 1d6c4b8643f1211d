package dev.sectionsearch.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads {@code YYYY-MM-DD} option values, with an error naming the value otherwise. */
final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
  @Override
  public LocalDate convert(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a date (expected YYYY-MM-DD)");
    }
  }
}
