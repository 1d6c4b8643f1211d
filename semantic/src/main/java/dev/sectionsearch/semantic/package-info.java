/**
 * The bundled offline embedder for semantic and hybrid search: {@link
 * dev.sectionsearch.semantic.MiniLmEmbedder}, given to {@code SectionIndex.Builder.embedder}.
 */
package dev.sectionsearch.semantic;
