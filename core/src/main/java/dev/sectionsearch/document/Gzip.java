package dev.sectionsearch.document;

import dev.sectionsearch.DocumentException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Decompresses {@code .gz} files within the size limit set for files. Stateless, thread-safe. */
final class Gzip {
  /** The largest array Java can allocate, with room for the one byte that tells of overflow. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 9;

  private Gzip() {}

  /**
   * The decompressed bytes; reading stops one byte past the limit, so a small file that expands
   * enormously (a zip bomb) costs no more memory than a file at the limit.
   *
   * @throws DocumentException naming the file when it is not valid gzip data or decompresses to
   *     more than {@code maxBytes}
   */
  static byte[] decompress(byte[] compressed, String name, long maxBytes) {
    int limit = (int) Math.min(maxBytes, MAX_ARRAY_BYTES);
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      bytes = in.readNBytes(limit + 1);
    } catch (ZipException | EOFException e) {
      throw new DocumentException(name, "not a valid gzip file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DocumentException(name, "cannot be decompressed: " + e.getMessage(), e);
    }
    if (bytes.length > limit) {
      throw new DocumentException(
          name,
          "decompresses to more than the file size limit of "
              + maxBytes
              + " bytes (refused: a file that expands this much may be a zip bomb)");
    }
    if (bytes.length == 0) {
      throw new DocumentException(name, "empty file (after decompression)");
    }
    return bytes;
  }
}
