package dev.sectionsearch.document;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link DocumentReader}s on the classpath, by extension; loaded once. Thread-safe. */
final class DocumentReaders {
  private static volatile Map<String, DocumentReader> byExtension;

  private DocumentReaders() {}

  /** The reader of a file's extension, when a module on the classpath provides one. */
  static Optional<DocumentReader> forFile(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String lowerName = name.toString().toLowerCase(Locale.ROOT);
    int dot = lowerName.lastIndexOf('.');
    if (dot <= 0 || dot == lowerName.length() - 1) {
      return Optional.empty();
    }
    return Optional.ofNullable(readers().get(lowerName.substring(dot + 1)));
  }

  /** The extensions the readers on the classpath read, in the order they were found. */
  static Iterable<String> extensions() {
    return readers().keySet();
  }

  private static Map<String, DocumentReader> readers() {
    Map<String, DocumentReader> readers = byExtension;
    if (readers == null) {
      // a provider that cannot be loaded throws ServiceConfigurationError here, every time: a
      // broken classpath is not hidden by caching an empty map
      Map<String, DocumentReader> found = new LinkedHashMap<>();
      for (DocumentReader reader :
          ServiceLoader.load(DocumentReader.class, DocumentReader.class.getClassLoader())) {
        for (String extension : reader.extensions()) {
          String key = extension.toLowerCase(Locale.ROOT);
          if (Format.fromFileName(Path.of("file." + key)).isEmpty()) {
            found.putIfAbsent(key, reader);
          }
        }
      }
      readers = java.util.Collections.unmodifiableMap(found);
      byExtension = readers;
    }
    return readers;
  }
}
