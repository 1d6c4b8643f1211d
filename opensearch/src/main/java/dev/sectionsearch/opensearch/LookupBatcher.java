package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.DocumentId;
import dev.sectionsearch.internal.index.IndexSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the first section of concurrently added documents in one {@code _mget} (real time, not from
 * a view): while a few lookup requests are under way, the lookups of other threads queue, and the
 * next request carries all of them, as {@link BulkWriter} does for writes. One real-time get per
 * document was the main cost of indexing a folder on a cluster.
 *
 * <p>Thread-safe: any number of threads call {@link #firstSection}.
 */
final class LookupBatcher {
  /** The most documents one {@code _mget} asks for. */
  static final int MAX_BATCH = 1000;

  private final Cluster cluster;
  private final String index;
  private final GroupSender<Lookup> lookups =
      new GroupSender<>("reading from", LookupBatcher::take, this::send);

  LookupBatcher(Cluster cluster, String index) {
    this.cluster = cluster;
    this.index = index;
  }

  private static final class Lookup extends GroupSender.Entry {
    final String docId;
    Optional<JsonNode> section = Optional.empty();

    Lookup(String docId) {
      this.docId = docId;
    }
  }

  /**
   * The document's first section ({@value IndexLayout#SECTION_COUNT} and the stored content hash),
   * empty when it is not indexed.
   *
   * @throws SectionSearchException naming the document when the cluster could not answer
   */
  Optional<JsonNode> firstSection(String docId) {
    Lookup lookup = new Lookup(docId);
    lookups.submit(lookup);
    return lookup.section;
  }

  /** Takes up to {@value #MAX_BATCH} queued lookups. */
  private static List<Lookup> take(List<Lookup> queue) {
    List<Lookup> first = queue.subList(0, Math.min(queue.size(), MAX_BATCH));
    List<Lookup> batch = new ArrayList<>(first);
    first.clear();
    return batch;
  }

  /** Asks for the batch, sent again on failures for the writes' retry time; marks each done. */
  private void send(List<Lookup> batch) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    ArrayNode docs = body.putArray("docs");
    for (Lookup lookup : batch) {
      ObjectNode doc = docs.addObject();
      doc.put("_id", IndexLayout.sectionId(lookup.docId, 0));
      doc.put("routing", IndexLayout.routing(lookup.docId));
    }
    Map<String, String> params =
        Map.of(
            "_source_includes",
            IndexLayout.SECTION_COUNT + "," + IndexLayout.STORED + "." + IndexSchema.CONTENT_HASH);
    String problem = null;
    for (int attempt = 0; attempt <= GroupSender.RETRIES; attempt++) {
      if (attempt > 0) {
        GroupSender.pause(attempt);
      }
      Cluster.Reply reply;
      try {
        reply = cluster.call("POST", "/" + index + "/_mget", params, body);
      } catch (SectionSearchException unreachable) {
        problem = unreachable.getMessage();
        continue;
      }
      if (!reply.ok()) {
        problem = reply.reason();
        if (GroupSender.transientStatus(reply.status())) {
          continue;
        }
        break;
      }
      JsonNode found = reply.json().path("docs");
      List<Lookup> again = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Lookup lookup = batch.get(i);
        JsonNode doc = found.path(i);
        if (doc.has("error")) {
          // a shard without a copy for now: this document is asked again with the others
          problem = doc.path("error").path("reason").asText("no answer");
          again.add(lookup);
        } else {
          lookup.section =
              doc.path("found").asBoolean() ? Optional.of(doc.path("_source")) : Optional.empty();
          lookup.done = true;
        }
      }
      if (again.isEmpty()) {
        return;
      }
      batch = again;
      docs.removeAll();
      for (Lookup lookup : batch) {
        docs.addObject()
            .put("_id", IndexLayout.sectionId(lookup.docId, 0))
            .put("routing", IndexLayout.routing(lookup.docId));
      }
    }
    for (Lookup lookup : batch) {
      if (!lookup.done) {
        lookup.failure =
            new SectionSearchException(
                "OpenSearch at "
                    + cluster.urls()
                    + " could not look up document "
                    + DocumentId.abbreviate(lookup.docId)
                    + ": "
                    + problem);
        lookup.done = true;
      }
    }
  }
}
