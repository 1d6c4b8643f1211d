package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.DocumentId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sends the writes of concurrent adds and deletes to the cluster together: while {@value #SENDERS}
 * bulk requests are under way, the documents of other threads queue, and the next request carries
 * all of them (a group commit). OpenSearch acknowledges a bulk request once its translog is on disk
 * on every copy, so one request for eight documents costs about what one for one does; sending each
 * document alone made indexing latency-bound.
 *
 * <p>A write the cluster cannot take for a while (no primary yet, a node down, a full queue) is
 * sent again, for up to {@value #RETRY_SECONDS} seconds in all; every line names its section's id,
 * so sending it twice writes it once. A document whose write fails for good, or stays unavailable,
 * fails its own caller, naming it; the other documents of the request are unaffected.
 *
 * <p>Thread-safe: any number of threads call {@link #write}; each returns when its document is
 * stored or has failed.
 */
final class BulkWriter {
  /** How often a write is sent again: waits of 0.5, 1, 2, 4, 8 and 16 seconds. */
  static final int RETRIES = 6;

  /** The longest a write waits for the cluster, in all. */
  static final int RETRY_SECONDS = 31;

  /** The most bulk requests under way at once. */
  static final int SENDERS = 3;

  /** The most bytes of one request: OpenSearch refuses requests over 100 MB by default. */
  private static final int MAX_REQUEST_CHARS = 16 << 20;

  private final Cluster cluster;
  private final Object lock = new Object();
  private List<Write> queue = new ArrayList<>();

  /** Requests under way: several, so that the cluster works on one while the next is built. */
  private int sending;

  BulkWriter(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One document's bulk lines and what became of them. */
  private static final class Write {
    final String docId;
    final String lines;
    final int items;
    boolean done;
    boolean taken;
    SectionSearchException failure;
    String lastProblem;

    Write(String docId, String lines, int items) {
      this.docId = docId;
      this.lines = lines;
      this.items = items;
    }
  }

  /**
   * Writes one document's bulk lines ({@code items} actions), with other threads' documents.
   *
   * @throws SectionSearchException naming the document when it could not be stored
   */
  void write(String docId, String lines, int items) {
    Write write = new Write(docId, lines, items);
    synchronized (lock) {
      queue.add(write);
    }
    while (true) {
      List<Write> batch = null;
      synchronized (lock) {
        while (!write.done && (write.taken || sending >= SENDERS)) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SectionSearchException("interrupted while writing to the cluster", e);
          }
        }
        if (write.done) {
          break;
        }
        // a request may start: this thread sends everything queued, its own document included
        sending++;
        batch = take();
      }
      try {
        send(batch);
      } finally {
        synchronized (lock) {
          sending--;
          lock.notifyAll();
        }
      }
    }
    if (write.failure != null) {
      throw write.failure;
    }
  }

  /** Takes queued writes up to the request size limit, at least one. */
  private List<Write> take() {
    List<Write> batch = new ArrayList<>();
    int chars = 0;
    Iterator<Write> queued = queue.iterator();
    while (queued.hasNext()) {
      Write next = queued.next();
      if (!batch.isEmpty() && chars + next.lines.length() > MAX_REQUEST_CHARS) {
        break;
      }
      batch.add(next);
      next.taken = true;
      chars += next.lines.length();
      queued.remove();
    }
    return batch;
  }

  /** Sends a batch until every write in it is stored or has failed; marks each done. */
  private void send(List<Write> batch) {
    List<Write> pending = new ArrayList<>(batch);
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        pause(attempt);
      }
      StringBuilder body = new StringBuilder();
      pending.forEach(write -> body.append(write.lines));
      Cluster.Reply reply;
      try {
        reply = cluster.call("POST", "/_bulk", Map.of(), body.toString());
      } catch (SectionSearchException unreachable) {
        pending.forEach(write -> write.lastProblem = unreachable.getMessage());
        if (attempt == RETRIES) {
          pending.forEach(write -> fail(write, unreachable));
          return;
        }
        continue;
      }
      if (!reply.ok()) {
        pending.forEach(write -> write.lastProblem = reply.reason());
        if (!transientStatus(reply.status()) || attempt == RETRIES) {
          pending.forEach(write -> fail(write, null));
          return;
        }
        continue;
      }
      pending = afterReply(pending, reply.json(), attempt == RETRIES);
    }
  }

  /** Marks the writes the reply settles; returns those to send again. */
  private List<Write> afterReply(List<Write> pending, JsonNode reply, boolean lastAttempt) {
    List<Write> again = new ArrayList<>();
    Iterator<JsonNode> items = reply.path("items").elements();
    for (Write write : pending) {
      boolean retry = false;
      String permanent = null;
      for (int i = 0; i < write.items && items.hasNext(); i++) {
        JsonNode item = items.next();
        JsonNode result = item.elements().next();
        int status = result.path("status").asInt();
        // deleting a section that is not there is what was wanted
        if (status < 300 || (status == 404 && item.has("delete"))) {
          continue;
        }
        JsonNode error = result.path("error");
        String problem = error.path("type").asText() + ": " + error.path("reason").asText();
        write.lastProblem = problem;
        if (transientStatus(status)) {
          retry = true;
        } else {
          permanent = problem;
        }
      }
      if (permanent != null || (retry && lastAttempt)) {
        fail(write, null);
      } else if (retry) {
        again.add(write);
      } else {
        write.done = true;
      }
    }
    return again;
  }

  private void fail(Write write, Exception cause) {
    write.failure =
        new SectionSearchException(
            "OpenSearch at "
                + cluster.urls()
                + " did not store document "
                + DocumentId.abbreviate(write.docId)
                + " ("
                + write.lastProblem
                + "); it may be partly written: add it again",
            cause);
    write.done = true;
  }

  static boolean transientStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  static void pause(int attempt) {
    try {
      Thread.sleep(250L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SectionSearchException("interrupted while waiting for the cluster", e);
    }
  }
}
