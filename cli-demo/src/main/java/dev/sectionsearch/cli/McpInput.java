package dev.sectionsearch.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Standard input of the {@code mcp} command, read here rather than by the SDK: the SDK's stdio
 * reader stops for good at the first line it cannot read (so a client that sent one bad line was
 * never answered again, and the end of input was never seen, leaving the JVM running), and it reads
 * a line of any length into memory. Here each line is at most {@link #MAX_LINE_BYTES}; a line that
 * is not a JSON-RPC message is answered with a JSON-RPC error (parse error or invalid request, as
 * JSON-RPC 2.0 says) and a line on stderr; only valid messages reach the SDK, through {@link
 * #messages()}.
 *
 * <p>Not thread-safe: one thread calls {@link #run()}; the SDK's reader thread reads {@link
 * #messages()}.
 */
final class McpInput {
  /** The longest line read: far above any request a client sends, far below the heap. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /** JSON-RPC 2.0's code for text that is not JSON. */
  static final int PARSE_ERROR = -32700;

  /** JSON-RPC 2.0's code for JSON that is not a request, notification or response. */
  static final int INVALID_REQUEST = -32600;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** How long the end of input waits for requests still being answered. */
  private static final long DRAIN_MILLIS = 30_000;

  private final InputStream in;
  private final OutputStream out;
  private final Replies replies;
  private final AtomicInteger unanswered = new AtomicInteger();
  private final PrintWriter err;
  private final McpJsonMapper sdkJson;
  private final QueuedInput messages = new QueuedInput();

  /** Reads from {@code in}; writes error replies to {@code out}, as {@link #replies()} does. */
  McpInput(InputStream in, OutputStream out, PrintWriter err, McpJsonMapper sdkJson) {
    this.in = in;
    this.out = out;
    this.replies = new Replies(out);
    this.err = err;
    this.sdkJson = sdkJson;
  }

  /** The valid messages, one a line, for the SDK's transport; ends when standard input ends. */
  InputStream messages() {
    return messages;
  }

  /**
   * Standard output for the SDK's transport: it counts the responses written, so that the end of
   * input waits for the answers to requests already read (a client that sends a request and closes
   * its end still gets the answer). The SDK and the error replies written here synchronize on it.
   */
  OutputStream replies() {
    return replies;
  }

  /**
   * Reads standard input to its end, answering bad lines and passing valid ones on; at the end
   * waits a while for the answers still due, then ends {@link #messages()}.
   */
  void run() throws IOException, InterruptedException {
    try {
      LineReader lines = new LineReader(in);
      for (byte[] line = lines.next(); line != null; line = lines.next()) {
        String message = line == LineReader.TOO_LONG ? null : message(line);
        if (message != null) {
          messages.put((message + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
      while (unanswered.get() > 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
    } finally {
      messages.end();
    }
  }

  /** The line's text if it is a message the SDK can take; otherwise answers it and is null. */
  private String message(byte[] line) throws IOException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString();
    } catch (CharacterCodingException e) {
      refuse(null, PARSE_ERROR, "Parse error: the line is not UTF-8");
      return null;
    }
    if (text.isBlank()) {
      // an empty line between messages: nothing was asked, so nothing is answered
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      refuse(null, PARSE_ERROR, "Parse error: the line is not JSON");
      return null;
    }
    if (node.isArray()) {
      refuse(null, INVALID_REQUEST, "Invalid Request: batches are not supported");
      return null;
    }
    if (!(node instanceof ObjectNode object)) {
      refuse(null, INVALID_REQUEST, "Invalid Request: a message is a JSON object");
      return null;
    }
    JsonNode id = object.get("id");
    boolean validId = id == null || id.isTextual() || id.isIntegralNumber();
    JsonNode replyId = id != null && validId ? id : null;
    String problem = problem(object, validId);
    if (problem == null) {
      try {
        McpSchema.deserializeJsonRpcMessage(sdkJson, text);
      } catch (IOException | RuntimeException e) {
        problem = "not a JSON-RPC message the server understands";
      }
    }
    if (problem == null && id != null && object.has("method")) {
      unanswered.incrementAndGet();
    }
    if (problem != null) {
      if (id == null
          && "2.0".equals(object.path("jsonrpc").textValue())
          && object.path("method").isTextual()) {
        // a notification is never answered, even when it is wrong
        warn("ignored a malformed notification: " + problem);
        return null;
      }
      refuse(replyId, INVALID_REQUEST, "Invalid Request: " + problem);
      return null;
    }
    return text;
  }

  /** What makes the object something other than a JSON-RPC 2.0 message, or null. */
  private static String problem(ObjectNode message, boolean validId) {
    if (!"2.0".equals(message.path("jsonrpc").textValue())) {
      return "\"jsonrpc\" must be \"2.0\"";
    }
    if (!validId) {
      return "\"id\" must be a string or a whole number";
    }
    JsonNode method = message.get("method");
    if (method != null) {
      if (!method.isTextual()) {
        return "\"method\" must be a string";
      }
      JsonNode params = message.get("params");
      if (params != null && !params.isObject()) {
        return "\"params\" must be an object";
      }
      return null;
    }
    if (message.get("id") != null && (message.has("result") || message.has("error"))) {
      return null;
    }
    return "a message has a \"method\" (or is a response with an \"id\" and a result or error)";
  }

  private void refuse(JsonNode id, int code, String message) throws IOException {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("jsonrpc", "2.0");
    if (id == null) {
      reply.putNull("id");
    } else {
      reply.set("id", id);
    }
    reply.putObject("error").put("code", code).put("message", message);
    byte[] bytes = (reply + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (replies) {
      out.write(bytes);
      out.flush();
    }
    warn(message);
  }

  private void warn(String message) {
    err.println("sectionsearch mcp: " + Terminal.safe(message));
    err.flush();
  }

  /** The lines of a stream, each at most {@link #MAX_LINE_BYTES}, without their line ends. */
  private final class LineReader {
    /** Stands for a line that was longer than the limit: it was answered and skipped. */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line; {@link #TOO_LONG} for one that was too long; null at the end. */
    byte[] next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            if (line.size() == 0 && !tooLong) {
              return null;
            }
            return finish(line, tooLong);
          }
        }
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        if (!tooLong) {
          if (line.size() + position - start > MAX_LINE_BYTES) {
            // the rest of the line is read and dropped: memory stays bounded
            tooLong = true;
            line = new ByteArrayOutputStream();
          } else {
            line.write(buffer, start, position - start);
          }
        }
        if (position < limit) {
          position++;
          return finish(line, tooLong);
        }
      }
    }

    private byte[] finish(ByteArrayOutputStream line, boolean tooLong) throws IOException {
      if (tooLong) {
        refuse(
            null,
            INVALID_REQUEST,
            "Invalid Request: a message is at most " + MAX_LINE_BYTES + " bytes long");
        return TOO_LONG;
      }
      byte[] bytes = line.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        return java.util.Arrays.copyOf(bytes, length - 1);
      }
      return bytes;
    }
  }

  /** Standard output that counts the responses (messages with an id and no method) written. */
  private final class Replies extends FilterOutputStream {
    Replies(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      // the SDK writes each message in one call, its line end in another
      if (length > 1 && isResponse(bytes, offset, length)) {
        unanswered.decrementAndGet();
      }
      out.write(bytes, offset, length);
    }

    private boolean isResponse(byte[] bytes, int offset, int length) {
      boolean id = false;
      try (JsonParser parser = JSON.getFactory().createParser(bytes, offset, length)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return false;
        }
        for (JsonToken token = parser.nextToken();
            token == JsonToken.FIELD_NAME;
            token = parser.nextToken()) {
          String field = parser.currentName();
          if (field.equals("method")) {
            return false;
          }
          id |= field.equals("id");
          parser.nextToken();
          parser.skipChildren();
        }
      } catch (IOException e) {
        return false;
      }
      return id;
    }
  }

  /** An input stream of queued byte chunks; blocks for the next one; ends after {@link #end}. */
  private static final class QueuedInput extends InputStream {
    private static final byte[] END = new byte[0];

    // a few lines ahead of the SDK at most: a client that floods waits, memory stays bounded
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(16);
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    void put(byte[] bytes) throws InterruptedException {
      queue.put(bytes);
    }

    void end() throws InterruptedException {
      queue.put(END);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int read = read(one, 0, 1);
      return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (position == chunk.length) {
        if (ended) {
          return -1;
        }
        try {
          chunk = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for input");
        }
        position = 0;
        if (chunk == END) {
          ended = true;
        }
      }
      int count = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, target, offset, count);
      position += count;
      return count;
    }
  }
}
