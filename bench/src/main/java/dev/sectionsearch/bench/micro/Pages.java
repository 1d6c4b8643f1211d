package dev.sectionsearch.bench.micro;

import dev.sectionsearch.document.Format;
import java.util.Random;

/** Generated documentation-like pages, the same content in each format, for micro benchmarks. */
final class Pages {
  private static final String[] WORDS = {
    "the", "kernel", "allocates", "memory", "for", "each", "device", "driver", "and", "returns",
    "an", "error", "when", "buffer", "is", "full", "scheduler", "thread", "interrupt", "queue",
    "process", "signal", "cache", "page", "socket", "network", "module", "timer", "of", "to"
  };

  private Pages() {}

  /** A page of {@code sections} sections of about 120 words each, seeded so runs compare. */
  static String page(Format format, int sections) {
    Random random = new Random(42);
    StringBuilder page = new StringBuilder();
    if (format == Format.HTML) {
      page.append("<!DOCTYPE html><html><head><title>Memory management</title></head><body>")
          .append("<nav><a href=\"/\">Home</a> <a href=\"/docs\">Docs</a></nav><main>")
          .append("<h1>Memory management</h1>");
    } else if (format == Format.MARKDOWN) {
      page.append("# Memory management\n\n");
    } else {
      page.append("Memory management\n\n");
    }
    for (int s = 0; s < sections; s++) {
      String heading = capitalised(sentence(random, 3));
      String[] paragraphs = {sentences(random, 4), sentences(random, 4)};
      switch (format) {
        case HTML -> {
          page.append(s % 4 == 3 ? "<h3>" : "<h2>")
              .append(heading)
              .append(s % 4 == 3 ? "</h3>" : "</h2>");
          for (String paragraph : paragraphs) {
            page.append("<p>").append(paragraph).append("</p>");
          }
          page.append("<pre><code>alloc(size, flags);</code></pre>");
        }
        case MARKDOWN -> {
          page.append(s % 4 == 3 ? "### " : "## ").append(heading).append("\n\n");
          for (String paragraph : paragraphs) {
            page.append(paragraph).append("\n\n");
          }
          page.append("```\nalloc(size, flags);\n```\n\n");
        }
        default -> {
          page.append(heading).append("\n\n");
          for (String paragraph : paragraphs) {
            page.append(paragraph).append("\n\n");
          }
        }
      }
    }
    if (format == Format.HTML) {
      page.append("</main><footer>Copyright</footer></body></html>");
    }
    return page.toString();
  }

  static String sentences(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(capitalised(sentence(random, 15))).append('.');
    }
    return text.toString();
  }

  private static String sentence(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
