package dev.sectionsearch.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.generation.augmentation.ContextualQueryAugmenter;

/**
 * The retriever inside Spring AI's retrieval-augmentation advisor, with a scripted chat model that
 * records the prompt a real model would receive.
 */
class SectionDocumentRetrieverTest {
  private static final Path SEEDS = Path.of("..", "seeds");

  /** A chat model that records what it is sent and always answers the same. */
  static final class ScriptedModel implements ChatModel {
    final List<Prompt> received = new ArrayList<>();

    @Override
    public ChatResponse call(Prompt prompt) {
      received.add(prompt);
      return new ChatResponse(List.of(new Generation(new AssistantMessage("scripted answer"))));
    }
  }

  private SectionIndex index;

  @BeforeEach
  void indexSeedsAndAFaq() {
    index = SectionIndex.inMemory();
    index.addAll(SEEDS, IndexingListener.NONE);
    index.add(
        Document.builder("faq/shipping")
            .title("Shipping FAQ")
            .date(LocalDate.of(2024, 5, 1))
            .metadata("tags", "faq")
            .section("Delivery times", "Orders ship within two working days of payment.")
            .build());
    index.commit();
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void thePromptTheModelReceivesCarriesPassagesAndCitations() throws Exception {
    ScriptedModel model = new ScriptedModel();
    ChatClient client =
        ChatClient.builder(model)
            .defaultAdvisors(
                RetrievalAugmentationAdvisor.builder()
                    .documentRetriever(SectionDocumentRetriever.builder(index).limit(3).build())
                    .queryAugmenter(
                        ContextualQueryAugmenter.builder()
                            .documentFormatter(SectionDocumentRetriever.WITH_CITATIONS)
                            .build())
                    .build())
            .build();

    String answer =
        client.prompt().user("Did Iran send drones to Russia for Ukraine?").call().content();

    assertEquals("scripted answer", answer);
    assertEquals(1, model.received.size());
    String prompt = model.received.get(0).getUserMessage().getText();
    assertTrue(prompt.contains("Did Iran send drones to Russia for Ukraine?"), prompt);
    assertTrue(prompt.contains("Support for Russia in Ukraine"), prompt);
    Path seed;
    try (var files = Files.list(SEEDS)) {
      seed = files.findFirst().orElseThrow();
    }
    Matcher citation = Pattern.compile("\\[(\\S+):(\\d+)-(\\d+)[];]").matcher(prompt);
    assertTrue(citation.find(), prompt);
    assertTrue(citation.group(1).endsWith(seed.getFileName().toString()), citation.group(1));
    String cited =
        Files.readString(seed)
            .substring(Integer.parseInt(citation.group(2)), Integer.parseInt(citation.group(3)));
    assertTrue(cited.contains("drones") || cited.contains("Ukraine"), cited);
  }

  @Test
  void documentsCarryTheHitsDetailsAndHonourFilters() {
    List<org.springframework.ai.document.Document> documents =
        SectionDocumentRetriever.builder(index)
            .filter("tags", "faq")
            .wholeSections(true)
            .build()
            .retrieve(new Query("Russia orders"));
    assertEquals(1, documents.size());
    org.springframework.ai.document.Document document = documents.get(0);
    assertEquals("faq/shipping#0", document.getId());
    assertEquals("Orders ship within two working days of payment.", document.getText());
    assertEquals("Shipping FAQ", document.getMetadata().get(SectionDocumentRetriever.TITLE));
    assertEquals(List.of("faq"), document.getMetadata().get("meta_tags"));
    assertEquals("2024-05-01", document.getMetadata().get(SectionDocumentRetriever.DATE));
    assertTrue(document.getScore() > 0);
  }
}
