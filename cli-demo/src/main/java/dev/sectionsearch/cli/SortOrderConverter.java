package dev.sectionsearch.cli;

import dev.sectionsearch.search.SortOrder;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code --sort} values in lower case, naming the choices when the value is none. */
final class SortOrderConverter implements CommandLine.ITypeConverter<SortOrder> {
  @Override
  public SortOrder convert(String value) {
    try {
      return SortOrder.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a sort order (expected relevance, newest or oldest)");
    }
  }
}
