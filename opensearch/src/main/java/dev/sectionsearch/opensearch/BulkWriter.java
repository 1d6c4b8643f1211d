package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.DocumentId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sends the writes of concurrent adds and deletes to the cluster together, in bulk requests of a
 * {@link GroupSender} (a group commit). OpenSearch acknowledges a bulk request once its translog is
 * on disk on every copy, so one request for eight documents costs about what one for one does;
 * sending each document alone made indexing latency-bound.
 *
 * <p>A write the cluster cannot take for a while (no primary yet, a node down, a full queue) is
 * sent again, for up to {@value GroupSender#RETRY_SECONDS} seconds in all; every line names its
 * section's id, so sending it twice writes it once. A document whose write fails for good, or stays
 * unavailable, fails its own caller, naming it; the other documents of the request are unaffected.
 *
 * <p>Thread-safe: any number of threads call {@link #write}; each returns when its document is
 * stored or has failed.
 */
final class BulkWriter {
  /** The most bytes of one request: OpenSearch refuses requests over 100 MB by default. */
  private static final int MAX_REQUEST_CHARS = 16 << 20;

  private final Cluster cluster;
  private final GroupSender<Write> writes =
      new GroupSender<>("writing to", BulkWriter::take, this::send);

  BulkWriter(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One document's bulk lines and what became of them. */
  private static final class Write extends GroupSender.Entry {
    final String docId;
    final String lines;
    final int items;
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
    writes.submit(new Write(docId, lines, items));
  }

  /** Takes queued writes up to the request size limit, at least one. */
  private static List<Write> take(List<Write> queue) {
    List<Write> batch = new ArrayList<>();
    int chars = 0;
    Iterator<Write> queued = queue.iterator();
    while (queued.hasNext()) {
      Write next = queued.next();
      if (!batch.isEmpty() && chars + next.lines.length() > MAX_REQUEST_CHARS) {
        break;
      }
      batch.add(next);
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
        GroupSender.pause(attempt);
      }
      StringBuilder body = new StringBuilder();
      pending.forEach(write -> body.append(write.lines));
      Cluster.Reply reply;
      try {
        reply = cluster.call("POST", "/_bulk", Map.of(), body.toString());
      } catch (SectionSearchException unreachable) {
        pending.forEach(write -> write.lastProblem = unreachable.getMessage());
        if (attempt == GroupSender.RETRIES) {
          pending.forEach(write -> fail(write, unreachable));
          return;
        }
        continue;
      }
      if (!reply.ok()) {
        pending.forEach(write -> write.lastProblem = reply.reason());
        if (!GroupSender.transientStatus(reply.status()) || attempt == GroupSender.RETRIES) {
          pending.forEach(write -> fail(write, null));
          return;
        }
        continue;
      }
      pending = afterReply(pending, reply.json(), attempt == GroupSender.RETRIES);
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
        if (GroupSender.transientStatus(status)) {
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
}
