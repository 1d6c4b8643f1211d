package dev.sectionsearch.search;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to search for and how to return it. Start with {@link #of(String)} (or {@link #browse()} to
 * list sections without a query) and refine with the {@code with...} methods, each of which returns
 * a new request: a call whose result is dropped changes nothing.
 *
 * <p>The query syntax is safe for untrusted input: words (any of them may match; sections with more
 * of them rank higher), {@code "quoted phrases"}, {@code +required} words, {@code -excluded} words
 * or phrases, {@code OR} and {@code AND} between words, and {@code prefix*}. A sign before a digit
 * belongs to the number ({@code +1}, {@code -40}). Other punctuation is ignored; no input makes the
 * parser fail. A query with no words, or with only excluded words, browses: it matches every
 * section (less the excluded ones) and lists them newest first unless another order is asked for.
 *
 * <p>Immutable and thread-safe.
 */
public final class SearchRequest {
  /** The largest page a request may ask for. */
  public static final int MAX_LIMIT = 10_000;

  /** Hits returned when no limit is given. */
  public static final int DEFAULT_LIMIT = 10;

  /** Passages per hit when no number is given. */
  public static final int DEFAULT_MAX_PASSAGES = 2;

  /** The most passages per hit a request may ask for. */
  public static final int MAX_PASSAGES = 10;

  /**
   * The facet key that counts matches by the year of their date, beside the metadata keys; a
   * document's metadata cannot use it as a key.
   */
  public static final String DATE_FACET = "date";

  /** The most metadata keys a request may filter on or count. */
  public static final int MAX_KEYS = 32;

  private final String query;
  private final int limit;
  private final LocalDate since;
  private final LocalDate until;
  private final SortOrder sort;
  private final boolean collapse;
  private final String after;
  private final int maxPassages;
  private final boolean exactTotal;
  private final boolean sectionText;
  private final boolean explain;
  private final Map<String, Set<String>> filters;
  private final List<String> facets;
  private final SearchMode mode;
  private final Boolean typoTolerance;
  private final Synonyms synonyms;
  private final Duration recency;

  private SearchRequest(Copy copy) {
    this.query = copy.query;
    this.limit = copy.limit;
    this.since = copy.since;
    this.until = copy.until;
    this.sort = copy.sort;
    this.collapse = copy.collapse;
    this.after = copy.after;
    this.maxPassages = copy.maxPassages;
    this.exactTotal = copy.exactTotal;
    this.sectionText = copy.sectionText;
    this.explain = copy.explain;
    this.filters = copy.filters;
    this.facets = copy.facets;
    this.mode = copy.mode;
    this.typoTolerance = copy.typoTolerance;
    this.synonyms = copy.synonyms;
    this.recency = copy.recency;
  }

  /**
   * {@return a request for the query's top {@value #DEFAULT_LIMIT} sections by relevance}
   *
   * @param query the words to search for, in the query syntax the class describes; blank browses
   */
  public static SearchRequest of(String query) {
    Copy copy = new Copy();
    copy.query = Objects.requireNonNull(query, "query");
    return new SearchRequest(copy);
  }

  /**
   * {@return a request for every section, newest first: narrow it with filters and a date range,
   * page through it with cursors} The same as {@code of("")}.
   */
  public static SearchRequest browse() {
    return of("");
  }

  /** {@return the query text; blank when the request browses} */
  public String query() {
    return query;
  }

  /** {@return whether the request has no words to search for and lists sections instead} */
  public boolean isBrowse() {
    return query.isBlank();
  }

  /** {@return the most hits to return, 1 to {@value #MAX_LIMIT}} */
  public int limit() {
    return limit;
  }

  /**
   * {@return the first day sections may be dated, if any} Sections without a date are left out when
   * it is set.
   */
  public Optional<LocalDate> since() {
    return Optional.ofNullable(since);
  }

  /**
   * {@return the last day sections may be dated, if any} Sections without a date are left out when
   * it is set.
   */
  public Optional<LocalDate> until() {
    return Optional.ofNullable(until);
  }

  /** {@return the order of hits} */
  public SortOrder sort() {
    return sort;
  }

  /** {@return whether only the best section of each document is returned} */
  public boolean collapse() {
    return collapse;
  }

  /** {@return the cursor from a previous page's {@link SearchResults#nextCursor()}, if any} */
  public Optional<String> after() {
    return Optional.ofNullable(after);
  }

  /** {@return the most passages per hit, 0 to {@value #MAX_PASSAGES}} */
  public int maxPassages() {
    return maxPassages;
  }

  /**
   * {@return whether every match is counted for the total; when false, counting stops at 1,000
   * matches and the total is a lower bound past that (see {@link SearchResults#totalHitsExact()})}
   */
  public boolean exactTotal() {
    return exactTotal;
  }

  /** {@return whether each hit carries its section's whole text ({@link SearchHit#text()})} */
  public boolean sectionText() {
    return sectionText;
  }

  /**
   * {@return whether each hit carries why it matched and ranked ({@link SearchHit#explanation()})}
   */
  public boolean explain() {
    return explain;
  }

  /**
   * {@return the metadata filters: a section matches when, for every key, its document has at least
   * one of the key's values}
   */
  public Map<String, Set<String>> filters() {
    return filters;
  }

  /**
   * {@return the keys whose values are counted over all matches ({@link SearchResults#facets()})}
   */
  public List<String> facets() {
    return facets;
  }

  /**
   * {@return a copy of this request returning at most {@code limit} hits, 1 to {@value #MAX_LIMIT}}
   *
   * @param limit the most hits, 1 to {@value #MAX_LIMIT}
   */
  public SearchRequest withLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
    Copy copy = copy();
    copy.limit = limit;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request restricted to sections dated on or after a day}
   *
   * @param since the first day sections may be dated
   */
  public SearchRequest withSince(LocalDate since) {
    Objects.requireNonNull(since, "since");
    checkRange(since, until);
    Copy copy = copy();
    copy.since = since;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request restricted to sections dated on or before a day}
   *
   * @param until the last day sections may be dated
   */
  public SearchRequest withUntil(LocalDate until) {
    Objects.requireNonNull(until, "until");
    checkRange(since, until);
    Copy copy = copy();
    copy.until = until;
    return new SearchRequest(copy);
  }

  private static void checkRange(LocalDate since, LocalDate until) {
    if (since != null && until != null && since.isAfter(until)) {
      throw new IllegalArgumentException("since (" + since + ") is after until (" + until + ")");
    }
  }

  /**
   * {@return how this request searches: the mode it {@linkplain #withMode asked for}, or empty for
   * the index's default ({@link SearchMode#HYBRID} on an index with vectors, else {@link
   * SearchMode#LEXICAL})}
   */
  public Optional<SearchMode> mode() {
    return Optional.ofNullable(mode);
  }

  /**
   * {@return a copy of this request searching by words, by meaning, or both} A semantic or hybrid
   * request on an index without vectors fails with a {@link dev.sectionsearch.QueryException}.
   *
   * @param mode lexical, semantic or hybrid
   */
  public SearchRequest withMode(SearchMode mode) {
    Copy copy = copy();
    copy.mode = Objects.requireNonNull(mode, "mode");
    return new SearchRequest(copy);
  }

  /**
   * {@return whether misspelt query words also match the indexed words nearest them: as {@linkplain
   * #withTypoTolerance asked}, or empty for the index's default (on for the embedded index; the
   * OpenSearch backend does not correct typos)}
   */
  public Optional<Boolean> typoTolerance() {
    return Optional.ofNullable(typoTolerance);
  }

  /**
   * {@return a copy of this request tolerating typos, or not} With typo tolerance, a query word of
   * 5 letters or more that is in no section (or in one or two, while a word one typo away is in
   * fifty times as many) is corrected to the indexed words one typo away (two from 9 letters; a
   * typo is a letter inserted, deleted, replaced, or two neighbours swapped) and the results offer
   * the corrected query ({@link SearchResults#didYouMean()}). When at least half the query's words
   * were corrected, they also match the corrections, ranked below exact matches; otherwise the
   * query is searched as typed, so that a query of real words keeps its ranking. Words in the index
   * are never corrected; phrases, prefixes, excluded words, words with digits and words with
   * capitals after the first letter (acronyms) are taken as typed. A backend that cannot correct
   * typos refuses a request that asks for it with a {@link dev.sectionsearch.QueryException}.
   *
   * @param typoTolerance whether misspelt words also match the indexed words nearest them
   */
  public SearchRequest withTypoTolerance(boolean typoTolerance) {
    Copy copy = copy();
    copy.typoTolerance = typoTolerance;
    return new SearchRequest(copy);
  }

  /** {@return the synonyms the query's words also match, if any ({@link #withSynonyms})} */
  public Optional<Synonyms> synonyms() {
    return Optional.ofNullable(synonyms);
  }

  /**
   * {@return a copy of this request matching the query's words and their synonyms: a word also
   * finds its synonyms' words and phrases (analysed as the index analyses text, so stems match),
   * ranked below the word itself; words that together are a synonym's entry ({@code united states})
   * find its other entries} See {@link Synonyms} for the file format and what is expanded.
   *
   * @param synonyms the synonyms to expand the query's words with
   */
  public SearchRequest withSynonyms(Synonyms synonyms) {
    Copy copy = copy();
    copy.synonyms = Objects.requireNonNull(synonyms, "synonyms");
    return new SearchRequest(copy);
  }

  /** {@return the half-life of the boost of newer sections, if any ({@link #withRecency})} */
  public Optional<Duration> recency() {
    return Optional.ofNullable(recency);
  }

  /**
   * This request ranking newer sections higher: a section's relevance score is multiplied by {@code
   * 1 + 0.5^(age / halfLife)}, its age the days between its date and today (UTC), so a section of
   * today counts twice, one a half-life old one and a half, and old ones close to once. Sections
   * without a date are neither boosted nor left out. Relevance still decides among sections of
   * similar age; for an order by date, use {@link #withSort}. Applies to searches that rank by
   * relevance.
   *
   * @param halfLife the age at which the boost is halved, at least a day (whole days count)
   * @return a copy of this request with the recency boost
   */
  public SearchRequest withRecency(Duration halfLife) {
    Objects.requireNonNull(halfLife, "halfLife");
    if (halfLife.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "the recency half-life must be at least a day: " + halfLife);
    }
    Copy copy = copy();
    copy.recency = halfLife;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request with hits in the given order}
   *
   * @param sort the order
   */
  public SearchRequest withSort(SortOrder sort) {
    Copy copy = copy();
    copy.sort = Objects.requireNonNull(sort, "sort");
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request returning only the best section of each document, or every
   * section}
   *
   * @param collapse whether to return only the best section of each document
   */
  public SearchRequest withCollapse(boolean collapse) {
    Copy copy = copy();
    copy.collapse = collapse;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request continuing after a cursor from a previous page's results} The
   * index reads the next page from the same view of the index as the first, while it keeps that
   * view (ten minutes after a newer view replaced it, a few views at most); after that, from the
   * current view at the cursor's position, where changes since may have moved scores.
   *
   * @param cursor a previous page's {@link SearchResults#nextCursor()}
   */
  public SearchRequest withAfter(String cursor) {
    Copy copy = copy();
    copy.after = Objects.requireNonNull(cursor, "cursor");
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request returning at most {@code maxPassages} passages per hit, 0 to
   * 10}
   *
   * @param maxPassages the most passages per hit, 0 to {@value #MAX_PASSAGES}
   */
  public SearchRequest withMaxPassages(int maxPassages) {
    if (maxPassages < 0 || maxPassages > MAX_PASSAGES) {
      throw new IllegalArgumentException(
          "maxPassages must be 0 to " + MAX_PASSAGES + ": " + maxPassages);
    }
    Copy copy = copy();
    copy.maxPassages = maxPassages;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request counting every match for its total, or (the default) counting
   * up to 1,000 matches and reporting a lower bound past that} Exact totals cost a pass over every
   * match; a query matching most of a large index takes several times as long.
   *
   * @param exactTotal whether to count every match
   */
  public SearchRequest withExactTotal(boolean exactTotal) {
    Copy copy = copy();
    copy.exactTotal = exactTotal;
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request returning each hit's whole section text as well as its
   * passages: what a prompt for a language model needs, without a second look-up per hit}
   *
   * @param sectionText whether each hit carries its section's whole text
   */
  public SearchRequest withSectionText(boolean sectionText) {
    Copy copy = copy();
    copy.sectionText = sectionText;
    return new SearchRequest(copy);
  }

  /**
   * This request explaining each hit's score ({@link SearchHit#explanation()}): the words that
   * matched in each field and what each added, the heading and title boosts, the recency factor,
   * and in a semantic or hybrid search the ranks and scores of both sides and how they were fused.
   * Only the returned page's hits are explained, so the cost grows with the page, not with the
   * matches.
   *
   * @param explain whether to explain the hits' scores
   * @return the new request
   */
  public SearchRequest withExplain(boolean explain) {
    Copy copy = copy();
    copy.explain = explain;
    return new SearchRequest(copy);
  }

  /**
   * This request keeping only sections whose document has one of these values for the metadata key.
   * Filters on several keys must all hold; calling this again for a key adds values to it. Values
   * match exactly, case and all.
   *
   * @param key a metadata key
   * @param values the values of which a document must have one
   * @return a copy of this request with the filter
   * @throws IllegalArgumentException when the key is not one a document's metadata can have
   */
  public SearchRequest withFilter(String key, String... values) {
    return withFilter(key, Arrays.asList(values));
  }

  /**
   * Like {@link #withFilter(String, String...)} with the values in a collection.
   *
   * @param key a metadata key
   * @param values the values of which a document must have one
   * @return a copy of this request with the filter
   */
  public SearchRequest withFilter(String key, Collection<String> values) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(values, "values");
    // a key no document can have would silently match nothing: refused as adding refuses it
    dev.sectionsearch.document.Metadata.checkKey(key);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a filter on " + key + " needs at least one value");
    }
    Map<String, Set<String>> next = new LinkedHashMap<>(filters);
    Set<String> merged = new LinkedHashSet<>(next.getOrDefault(key, Set.of()));
    for (String value : values) {
      merged.add(Objects.requireNonNull(value, "filter value"));
    }
    next.put(key, Set.copyOf(merged));
    if (next.size() > MAX_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_KEYS + " keys can be filtered on");
    }
    Copy copy = copy();
    copy.filters = unmodifiable(next);
    return new SearchRequest(copy);
  }

  /**
   * {@return a copy of this request counting, over all its matches, the documents (or sections,
   * when it does not collapse) that have each value of these metadata keys; {@value #DATE_FACET}
   * counts by year}
   *
   * @param keys metadata keys, or {@value #DATE_FACET}
   */
  public SearchRequest withFacets(String... keys) {
    List<String> next = new ArrayList<>(facets);
    for (String key : keys) {
      if (!Objects.requireNonNull(key, "facet key").equals(DATE_FACET)) {
        dev.sectionsearch.document.Metadata.checkKey(key);
      }
      if (!next.contains(key)) {
        next.add(key);
      }
    }
    if (next.size() > MAX_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_KEYS + " keys can be counted");
    }
    Copy copy = copy();
    copy.facets = List.copyOf(next);
    return new SearchRequest(copy);
  }

  private static Map<String, Set<String>> unmodifiable(Map<String, Set<String>> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private Copy copy() {
    Copy copy = new Copy();
    copy.query = query;
    copy.limit = limit;
    copy.since = since;
    copy.until = until;
    copy.sort = sort;
    copy.collapse = collapse;
    copy.after = after;
    copy.maxPassages = maxPassages;
    copy.exactTotal = exactTotal;
    copy.sectionText = sectionText;
    copy.explain = explain;
    copy.filters = filters;
    copy.facets = facets;
    copy.mode = mode;
    copy.typoTolerance = typoTolerance;
    copy.synonyms = synonyms;
    copy.recency = recency;
    return copy;
  }

  /** The mutable state a new request is made from. */
  private static final class Copy {
    String query;
    int limit = DEFAULT_LIMIT;
    LocalDate since;
    LocalDate until;
    SortOrder sort = SortOrder.RELEVANCE;
    boolean collapse;
    String after;
    int maxPassages = DEFAULT_MAX_PASSAGES;
    boolean exactTotal;
    boolean sectionText;
    boolean explain;
    Map<String, Set<String>> filters = Map.of();
    List<String> facets = List.of();
    SearchMode mode;
    Boolean typoTolerance;
    Synonyms synonyms;
    Duration recency;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchRequest that
        && query.equals(that.query)
        && limit == that.limit
        && Objects.equals(since, that.since)
        && Objects.equals(until, that.until)
        && sort == that.sort
        && collapse == that.collapse
        && Objects.equals(after, that.after)
        && maxPassages == that.maxPassages
        && exactTotal == that.exactTotal
        && sectionText == that.sectionText
        && explain == that.explain
        && filters.equals(that.filters)
        && facets.equals(that.facets)
        && mode == that.mode
        && Objects.equals(typoTolerance, that.typoTolerance)
        && Objects.equals(synonyms, that.synonyms)
        && Objects.equals(recency, that.recency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        query,
        limit,
        since,
        until,
        sort,
        collapse,
        after,
        maxPassages,
        exactTotal,
        sectionText,
        explain,
        filters,
        facets,
        mode,
        typoTolerance,
        synonyms,
        recency);
  }

  @Override
  public String toString() {
    return "SearchRequest[query="
        + query
        + ", limit="
        + limit
        + (since == null ? "" : ", since=" + since)
        + (until == null ? "" : ", until=" + until)
        + ", sort="
        + sort
        + (collapse ? ", collapse" : "")
        + (after == null ? "" : ", after=" + after)
        + ", maxPassages="
        + maxPassages
        + (exactTotal ? ", exactTotal" : "")
        + (sectionText ? ", sectionText" : "")
        + (explain ? ", explain" : "")
        + (filters.isEmpty() ? "" : ", filters=" + filters)
        + (facets.isEmpty() ? "" : ", facets=" + facets)
        + (mode == null ? "" : ", mode=" + mode)
        + (typoTolerance == null ? "" : ", typoTolerance=" + typoTolerance)
        + (synonyms == null ? "" : ", synonyms=" + synonyms.name())
        + (recency == null ? "" : ", recency=" + recency)
        + "]";
  }
}
