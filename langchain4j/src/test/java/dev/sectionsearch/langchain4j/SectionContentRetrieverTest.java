package dev.sectionsearch.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retriever inside LangChain4j's own retrieval-augmented pipeline: an AI service whose chat
 * model is scripted, so that the test sees the prompt a real model would receive.
 */
class SectionContentRetrieverTest {
  private static final Path SEEDS = Path.of("..", "seeds");

  /** What an assistant built by AiServices looks like to the application. */
  interface Assistant {
    String answer(String question);
  }

  /** A chat model that records what it is sent and always answers the same. */
  static final class ScriptedModel implements ChatModel {
    final List<List<ChatMessage>> received = new ArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      received.add(request.messages());
      return ChatResponse.builder().aiMessage(AiMessage.from("scripted answer")).build();
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
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .retrievalAugmentor(
                DefaultRetrievalAugmentor.builder()
                    .contentRetriever(SectionContentRetriever.builder(index).limit(3).build())
                    .contentInjector(
                        DefaultContentInjector.builder()
                            .metadataKeysToInclude(SectionContentRetriever.CITATION_KEYS)
                            .build())
                    .build())
            .build();

    String question = "Did Iran send drones to Russia for Ukraine?";
    assertEquals("scripted answer", assistant.answer(question));

    assertEquals(1, model.received.size());
    List<ChatMessage> messages = model.received.get(0);
    String prompt = ((UserMessage) messages.get(messages.size() - 1)).singleText();
    assertTrue(prompt.startsWith(question), prompt);
    assertTrue(prompt.contains("Support for Russia in Ukraine"), prompt);
    // the citation names the seed file and a range of it that holds the passage
    Path seed;
    try (var files = Files.list(SEEDS)) {
      seed = files.findFirst().orElseThrow();
    }
    String source = Files.readString(seed);
    java.util.regex.Matcher citation =
        java.util.regex.Pattern.compile("citation: (\\S+):(\\d+)-(\\d+)").matcher(prompt);
    assertTrue(citation.find(), prompt);
    assertTrue(citation.group(1).endsWith(seed.getFileName().toString()), citation.group(1));
    String cited =
        source.substring(Integer.parseInt(citation.group(2)), Integer.parseInt(citation.group(3)));
    assertTrue(cited.contains("drones") || cited.contains("Ukraine"), cited);
  }

  @Test
  void segmentsCarryTheHitsDetailsAsMetadata() {
    List<Content> contents =
        SectionContentRetriever.builder(index).build().retrieve(Query.from("orders ship"));
    Content first = contents.get(0);
    var metadata = first.textSegment().metadata();
    assertEquals("faq/shipping", metadata.getString(SectionContentRetriever.DOC_ID));
    assertEquals("Shipping FAQ", metadata.getString(SectionContentRetriever.TITLE));
    assertEquals("Delivery times", metadata.getString(SectionContentRetriever.HEADING_PATH));
    assertEquals("2024-05-01", metadata.getString(SectionContentRetriever.DATE));
    assertEquals("faq", metadata.getString(SectionContentRetriever.METADATA_PREFIX + "tags"));
    assertEquals(0, metadata.getInteger(SectionContentRetriever.ORDINAL));
    assertTrue(first.textSegment().text().contains("Orders ship"));
  }

  @Test
  void filtersAndWholeSectionsAreOptions() {
    SectionContentRetriever faqOnly =
        SectionContentRetriever.builder(index).filter("tags", "faq").wholeSections(true).build();
    List<Content> contents = faqOnly.retrieve(Query.from("Russia Iran orders"));
    assertEquals(1, contents.size());
    assertEquals(
        "Orders ship within two working days of payment.", contents.get(0).textSegment().text());
    assertFalse(
        SectionContentRetriever.builder(index).build().retrieve(Query.from("Russia")).isEmpty());
  }
}
