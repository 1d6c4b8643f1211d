package dev.sectionsearch.internal.index;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The library's default analysis: Lucene's English analysis (standard tokenizer, possessives, lower
 * case, English stop words, Porter stemming) after Unicode normalisation (NFKC, format characters
 * removed; see {@link UnicodeNormalizingCharFilter}). The same analysis applies to indexed text,
 * query words and prefixes, so a word is found whichever way either spells it in Unicode; stored
 * text is left as it was.
 *
 * <p>Thread-safe, like every Lucene {@link Analyzer}.
 */
public final class SectionAnalyzer extends Analyzer {
  /** Creates the analyzer. */
  public SectionAnalyzer() {}

  /**
   * The text as this analyzer's tokenizer sees it, after Unicode normalisation: what a backend that
   * analyses on a server without that normalisation (OpenSearch's {@code english} chain) is given
   * to index and search, so that both make the same terms.
   */
  public static String normalizedText(String text) {
    StringBuilder normalized = new StringBuilder(text.length());
    char[] buffer = new char[4096];
    try (Reader reader = new UnicodeNormalizingCharFilter(new java.io.StringReader(text))) {
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        normalized.append(buffer, 0, read);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a string reader does not fail
    }
    return normalized.toString();
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new UnicodeNormalizingCharFilter(reader);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return new UnicodeNormalizingCharFilter(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    result = new PorterStemFilter(result);
    return new TokenStreamComponents(source, result);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
