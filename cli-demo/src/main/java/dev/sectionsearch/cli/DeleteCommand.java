package dev.sectionsearch.cli;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

  @Parameters(arity = "1..*", paramLabel = "DOCID", description = "Ids of documents to delete.")
  List<String> docIds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(index.folder)) {
      // opening for writing would create an empty index; deleting from nothing is a mistake
      throw new SectionSearchException("no index at " + index.folder);
    }
    int deleted = 0;
    try (SectionIndex sectionIndex = SectionIndex.builder().folder(index.folder).build()) {
      for (String docId : docIds) {
        if (sectionIndex.delete(docId)) {
          deleted++;
          out.println("Deleted " + docId);
        } else {
          // stdout lists what was deleted; a miss is a notice, like other problems, on stderr
          spec.commandLine().getErr().println("Not found: " + docId);
        }
      }
      sectionIndex.commit();
    }
    return deleted == 0 ? Main.FAILURE : 0;
  }
}
