package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates as documents write them in metadata. */
class DateTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-05|2024-03-05",
        "2024-03-05T10:15:30Z|2024-03-05",
        "2024-03-05T23:15:30-05:00|2024-03-05",
        "2024-03-05 10:15|2024-03-05",
        "2024/3/5|2024-03-05",
        "March 5, 2024|2024-03-05",
        "Mar 5, 2024|2024-03-05",
        "5 March 2024|2024-03-05",
        "Tue, 5 Mar 2024|2024-03-05",
        "'  2024-03-05  '|2024-03-05",
        "December, 1958|1958-12-01",
        "March 2024|2024-03-01",
      })
  void readsCommonForms(String text, String expected) {
    assertEquals(Optional.of(LocalDate.parse(expected)), DateText.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "yesterday", "2024-13-01", "2024-02-30", "0001-01-01", "99999-01-01", "3/5"})
  void rejectsWhatIsNotADate(String text) {
    assertEquals(Optional.empty(), DateText.parse(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'Title\n\nCACM December, 1958\n\nAuthors'|December, 1958",
        "'March 5, 2024\nBody text.'|March 5, 2024",
      })
  void findsADatelineNearTheTop(String text, String dateline) {
    assertEquals(Optional.of(dateline), DateText.findDateline(text.replace("\\n", "\n")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "In March 2024 the committee met again and decided many things at length.",
        "No date here",
      })
  void ignoresDatesInsideSentences(String text) {
    assertEquals(Optional.empty(), DateText.findDateline(text));
  }
}
