package dev.sectionsearch.cli;

import dev.sectionsearch.search.SearchMode;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code --mode} values in lower case, naming the choices when the value is none. */
final class SearchModeConverter implements CommandLine.ITypeConverter<SearchMode> {
  @Override
  public SearchMode convert(String value) {
    try {
      return SearchMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a search mode (expected lexical, semantic or hybrid)");
    }
  }
}
