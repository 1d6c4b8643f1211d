/**
 * The contract of a text embedding model, the one thing semantic and hybrid search need from
 * outside the library. Start at {@link dev.sectionsearch.embedding.Embedder}.
 */
package dev.sectionsearch.embedding;
