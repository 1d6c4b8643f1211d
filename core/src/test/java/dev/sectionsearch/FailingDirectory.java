package dev.sectionsearch;

import java.io.IOException;
import java.util.Collection;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A directory that fails on command: as a full disk after a number of bytes, or with random I/O
 * errors when files are created, synced and renamed. Thread-safe.
 */
final class FailingDirectory extends FilterDirectory {
  private final AtomicLong bytesLeft = new AtomicLong(Long.MAX_VALUE);
  private volatile Random random;
  private volatile double failureRate;

  FailingDirectory(Directory delegate) {
    super(delegate);
  }

  /** Fails every write once this many more bytes have been written. */
  void fillDiskAfter(long bytes) {
    bytesLeft.set(bytes);
  }

  /** Fails file creation, syncs and renames at random, at this rate per operation. */
  void failRandomly(long seed, double rate) {
    random = new Random(seed);
    failureRate = rate;
  }

  /** Stops failing. */
  void heal() {
    bytesLeft.set(Long.MAX_VALUE);
    failureRate = 0;
  }

  private void maybeFail(String operation) throws IOException {
    Random r = random;
    if (failureRate > 0 && r != null) {
      double roll;
      synchronized (r) {
        roll = r.nextDouble();
      }
      if (roll < failureRate) {
        throw new IOException("injected I/O error during " + operation);
      }
    }
  }

  private void consume(long bytes) throws IOException {
    if (bytesLeft.addAndGet(-bytes) < 0) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    maybeFail("create " + name);
    return new FailingOutput(in.createOutput(name, context));
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    maybeFail("create temp " + prefix);
    return new FailingOutput(in.createTempOutput(prefix, suffix, context));
  }

  @Override
  public void sync(Collection<String> names) throws IOException {
    maybeFail("sync");
    super.sync(names);
  }

  @Override
  public void rename(String source, String dest) throws IOException {
    maybeFail("rename " + source);
    super.rename(source, dest);
  }

  @Override
  public void syncMetaData() throws IOException {
    maybeFail("sync metadata");
    super.syncMetaData();
  }

  /** Counts and fails writes. */
  private final class FailingOutput extends IndexOutput {
    private final IndexOutput out;

    FailingOutput(IndexOutput out) {
      super("failing(" + out + ")", out.getName());
      this.out = out;
    }

    @Override
    public void writeByte(byte b) throws IOException {
      consume(1);
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) throws IOException {
      consume(length);
      out.writeBytes(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }
  }
}
