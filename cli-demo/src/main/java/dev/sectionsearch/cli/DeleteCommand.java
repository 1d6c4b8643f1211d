package dev.sectionsearch.cli;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.DocumentId;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delete}: removes documents, with all their sections, by id. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete documents by id (as shown by search).")
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Parameters(arity = "1..*", paramLabel = "DOCID", description = "Ids of documents to delete.")
  List<String> docIds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!cluster.isSet() && !Files.isDirectory(index.folder)) {
      // opening for writing would create an empty index; deleting from nothing is a mistake
      throw new SectionSearchException("no index at " + index.folder);
    }
    for (String docId : docIds) {
      // before anything is deleted: a bad id in the list must not cost the others
      DocumentId.check(docId);
    }
    List<Boolean> found = new ArrayList<>();
    try (SectionIndex sectionIndex =
        cluster.isSet()
            ? cluster.open(index, true, null)
            : EmbeddedIndex.builder().folder(index.folder).build()) {
      sectionIndex.verify();
      for (String docId : docIds) {
        found.add(sectionIndex.delete(docId));
      }
      sectionIndex.commit();
    }
    // only now are the deletions durable
    for (int i = 0; i < docIds.size(); i++) {
      if (found.get(i)) {
        out.println("Deleted " + Terminal.safe(docIds.get(i)));
      } else {
        // stdout lists what was deleted; a miss is a notice, like other problems, on stderr
        spec.commandLine().getErr().println("Not found: " + Terminal.safe(docIds.get(i)));
      }
    }
    return found.contains(true) ? 0 : Main.FAILURE;
  }
}
