package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * SQLite FTS5 through sqlite-jdbc: one row per section in an FTS5 table with the Porter tokenizer,
 * ranked by {@code bm25()} with column weights matching the library's (title and heading 1.5, body
 * 1), passages from {@code snippet()}. Writes go through one connection in one transaction (SQLite
 * has one writer); each searching thread has its own connection.
 */
final class Fts5Engine implements Engine {
  private static final String FILE = "sections.db";
  private static final String SEARCH =
      "SELECT doc_id, title, heading, snippet(sections, 3, '<b>', '</b>', '…', 32)"
          + " FROM sections WHERE sections MATCH ?"
          + " ORDER BY bm25(sections, 0.0, 1.5, 1.5, 1.0) LIMIT 10";

  @Override
  public String name() {
    return "sqlite-fts5";
  }

  @Override
  public boolean indexesConcurrently() {
    return false;
  }

  @Override
  public Indexer indexer(Path folder) throws Exception {
    Files.createDirectories(folder);
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(FILE));
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE VIRTUAL TABLE sections USING fts5("
              + "doc_id UNINDEXED, title, heading, body, tokenize = 'porter unicode61')");
    }
    connection.setAutoCommit(false);
    PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sections (doc_id, title, heading, body) VALUES (?, ?, ?, ?)");
    return new Indexer() {
      @Override
      public void add(CorpusDocument document) throws SQLException {
        for (CorpusSection section : document.sections()) {
          insert.setString(1, document.id());
          insert.setString(2, document.title());
          insert.setString(3, section.heading());
          insert.setString(4, section.text());
          insert.addBatch();
        }
        insert.executeBatch();
      }

      @Override
      public void commit() throws SQLException {
        connection.commit();
      }

      @Override
      public void close() throws IOException {
        try {
          insert.close();
          connection.close();
        } catch (SQLException e) {
          throw new IOException("cannot close " + folder.resolve(FILE), e);
        }
      }
    };
  }

  @Override
  public Searcher searcher(Path folder) {
    String url = "jdbc:sqlite:" + folder.resolve(FILE);
    List<Connection> opened = new ArrayList<>();
    ThreadLocal<PreparedStatement> statements =
        ThreadLocal.withInitial(
            () -> {
              try {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                Properties properties = config.toProperties();
                Connection connection = DriverManager.getConnection(url, properties);
                synchronized (opened) {
                  opened.add(connection);
                }
                return connection.prepareStatement(SEARCH);
              } catch (SQLException e) {
                throw new IllegalStateException("cannot open " + url, e);
              }
            });
    return new Searcher() {
      @Override
      public Answer search(Query query) throws SQLException {
        PreparedStatement statement = statements.get();
        statement.setString(1, query.fts5Syntax());
        int hits = 0;
        int chars = 0;
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            hits++;
            chars += rows.getString(4).length();
          }
        }
        return new Answer(hits, chars);
      }

      @Override
      public void close() throws IOException {
        synchronized (opened) {
          try {
            for (Connection connection : opened) {
              connection.close();
            }
          } catch (SQLException e) {
            throw new IOException("cannot close " + url, e);
          }
        }
      }
    };
  }
}
