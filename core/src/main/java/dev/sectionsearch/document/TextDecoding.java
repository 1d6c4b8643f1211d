package dev.sectionsearch.document;

import dev.sectionsearch.DocumentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text, refusing binary data and invalid encodings by name. A byte order
 * mark chooses UTF-8 or UTF-16; an HTML page may declare its charset in a {@code <meta>};
 * everything else is UTF-8.
 */
final class TextDecoding {
  /** How far into a file to look for NUL bytes, the mark of binary data. */
  private static final int BINARY_PROBE_BYTES = 8192;

  private TextDecoding() {}

  static String decode(byte[] bytes, String name, Format format) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strictDecode(bytes, 3, StandardCharsets.UTF_8, name);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return strictDecode(bytes, 2, StandardCharsets.UTF_16BE, name);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return strictDecode(bytes, 2, StandardCharsets.UTF_16LE, name);
    }
    int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        throw new DocumentException(name, "binary file (contains NUL bytes)");
      }
    }
    Charset charset =
        format == Format.HTML
            ? HtmlCharset.declared(bytes, name).orElse(StandardCharsets.UTF_8)
            : StandardCharsets.UTF_8;
    return strictDecode(bytes, 0, charset, name);
  }

  private static String strictDecode(byte[] bytes, int offset, Charset charset, String name) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    String text;
    try {
      text = decoder.decode(input).toString();
    } catch (MalformedInputException e) {
      throw new DocumentException(
          name,
          "not valid "
              + charset.name()
              + " text (bad byte sequence at byte "
              + input.position()
              + "); convert it to UTF-8",
          e);
    } catch (CharacterCodingException e) {
      throw new DocumentException(name, "not valid " + charset.name() + " text", e);
    }
    if (text.isBlank()) {
      throw new DocumentException(name, "no text (only white space)");
    }
    if (text.indexOf('\0') >= 0) {
      throw new DocumentException(name, "binary file (contains NUL characters)");
    }
    return text;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
