package dev.sectionsearch.opensearch;

import dev.sectionsearch.SectionSearchException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A group commit of requests to the cluster: callers queue their entries; while {@value #IN_FLIGHT}
 * requests are under way the entries of other threads wait, and the next free caller sends
 * everything queued (its own entry included) in one request. One request for many entries costs
 * about what one for one does, so indexing is no longer bound by the round trip. Also holds the
 * retry policy the senders share.
 *
 * <p>Thread-safe: any number of threads call {@link #submit}; each returns when its entry is done.
 *
 * @param <T> what one caller asks for
 */
final class GroupSender<T extends GroupSender.Entry> {
  /**
   * The most requests under way at once: several, so the cluster works on one while the next is
   * built.
   */
  static final int IN_FLIGHT = 3;

  /** How often a request is sent again: waits of 0.5, 1, 2, 4, 8 and 16 seconds. */
  static final int RETRIES = 6;

  /** The longest an entry waits for the cluster, in all. */
  static final int RETRY_SECONDS = 31;

  /** One caller's part of a request; the sender marks it done, with a failure or not. */
  abstract static class Entry {
    boolean done;
    SectionSearchException failure;
    boolean taken;
  }

  private final String activity;
  private final Function<List<T>, List<T>> take;
  private final Consumer<List<T>> send;
  private final Object lock = new Object();
  private final List<T> queue = new ArrayList<>();
  private int sending;

  /**
   * @param activity what waiting callers do, for the message of an interrupt ("writing to")
   * @param take removes the entries of the next request from the front of the queue, at least one
   * @param send sends a batch until each entry is done
   */
  GroupSender(String activity, Function<List<T>, List<T>> take, Consumer<List<T>> send) {
    this.activity = activity;
    this.take = take;
    this.send = send;
  }

  /**
   * Sends the entry with those of other threads and waits until it is done.
   *
   * @throws SectionSearchException the entry's failure
   */
  void submit(T entry) {
    synchronized (lock) {
      queue.add(entry);
    }
    while (true) {
      List<T> batch;
      synchronized (lock) {
        while (!entry.done && (entry.taken || sending >= IN_FLIGHT)) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SectionSearchException("interrupted while " + activity + " the cluster", e);
          }
        }
        if (entry.done) {
          break;
        }
        sending++;
        batch = take.apply(queue);
        batch.forEach(taken -> taken.taken = true);
      }
      try {
        send.accept(batch);
      } finally {
        synchronized (lock) {
          sending--;
          lock.notifyAll();
        }
      }
    }
    if (entry.failure != null) {
      throw entry.failure;
    }
  }

  /** Whether a reply with this status may succeed when sent again. */
  static boolean transientStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** Waits before the given attempt (from 1), doubling each time. */
  static void pause(int attempt) {
    try {
      Thread.sleep(250L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SectionSearchException("interrupted while waiting for the cluster", e);
    }
  }
}
