/**
 * The bundled offline embedder for semantic and hybrid search: {@link
 * dev.sectionsearch.semantic.MiniLmEmbedder}, given to {@code EmbeddedIndex.Builder.embedder}.
 */
package dev.sectionsearch.semantic;
