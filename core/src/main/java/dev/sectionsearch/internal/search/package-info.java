/**
 * Internal, not API: no compatibility is promised and the module does not export it. Running
 * searches: {@link dev.sectionsearch.internal.search.SectionSearcher} parses the safe query syntax
 * into a Lucene query, filters, sorts, pages, collapses, counts facets and attaches passages.
 */
package dev.sectionsearch.internal.search;
