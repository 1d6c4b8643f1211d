package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The extracted corpus on disk, so each system reads the same sections as a stream and no run holds
 * the whole corpus in memory (the memory figures would measure the corpus, not the engine).
 */
final class SectionFile {
  private SectionFile() {}

  /** Writes documents one after another. */
  static final class Writer implements Closeable {
    private final DataOutputStream out;

    Writer(Path file) throws IOException {
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void write(CorpusDocument document) throws IOException {
      writeString(document.id());
      writeString(document.title());
      out.writeInt(document.sections().size());
      for (CorpusSection section : document.sections()) {
        writeString(section.heading());
        writeString(section.text());
      }
    }

    private void writeString(String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * Reads the file {@code repeats} times over, giving each repeat after the first new document ids
   * ({@code r2/...}), the way the 2x and 4x corpora are made.
   */
  static void forEach(Path file, int repeats, Consumer<CorpusDocument> action) {
    forEach(file, repeats, action, repeat -> {});
  }

  /** As {@link #forEach(Path, int, Consumer)}, telling {@code afterRepeat} each repeat read. */
  static void forEach(
      Path file, int repeats, Consumer<CorpusDocument> action, IntConsumer afterRepeat) {
    for (int repeat = 1; repeat <= repeats; repeat++) {
      String prefix = repeat == 1 ? "" : "r" + repeat + "/";
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        while (true) {
          CorpusDocument document;
          try {
            document = read(in);
          } catch (EOFException end) {
            break;
          }
          action.accept(prefix.isEmpty() ? document : document.withId(prefix + document.id()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      afterRepeat.accept(repeat);
    }
  }

  private static CorpusDocument read(DataInputStream in) throws IOException {
    String id = readString(in);
    String title = readString(in);
    int count = in.readInt();
    List<CorpusSection> sections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sections.add(new CorpusSection(readString(in), readString(in)));
    }
    return new CorpusDocument(id, title, sections);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
