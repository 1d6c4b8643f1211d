/**
 * The section index on an OpenSearch cluster: {@link
 * dev.sectionsearch.opensearch.OpenSearchSectionIndex}, the {@link dev.sectionsearch.SectionIndex}
 * API with the index spread over shards and replicas. Everything else in the package is its
 * implementation: the index layout, the translation of queries, the bulk writer and the HTTP
 * conversation.
 */
package dev.sectionsearch.opensearch;
