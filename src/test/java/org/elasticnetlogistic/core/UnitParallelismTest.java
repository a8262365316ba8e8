package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Thread behaviour of {@link Parallelism}: heavy passes go to its daemon worker threads,
 * light ones and a single-threaded instance stay on the caller, and a worker's failure or
 * the caller's interruption reach the caller unchanged (the interrupt flag kept).
 */
class UnitParallelismTest {

  private static final long HEAVY = 1_000_000_000L;

  /** The threads that ran the pieces of one pass, and whether every piece ran once. */
  private static Set<Thread> runners(Parallelism parallel, int count, int piece, long work) {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    int[] covered = new int[count];
    parallel.forEachPiece(count, piece, work, (from, to) -> {
      threads.add(Thread.currentThread());
      for (int i = from; i < to; i++) {
        synchronized (covered) {
          covered[i]++;
        }
      }
    });
    for (int i = 0; i < count; i++) {
      assertEquals(1, covered[i], "element " + i + " covered " + covered[i] + " times");
    }
    return threads;
  }

  @Test
  void heavyPassesRunOnDaemonWorkerThreads() {
    try (Parallelism parallel = new Parallelism(2)) {
      assertEquals(2, parallel.threads());
      for (int pieces : new int[] {2, 3, 10}) {
        Set<Thread> threads = runners(parallel, pieces * 5, 5, HEAVY);
        assertFalse(threads.contains(Thread.currentThread()),
            pieces + " heavy pieces ran on the caller");
        for (Thread t : threads) {
          assertTrue(t.isDaemon(), "a worker thread that would keep the JVM alive: " + t);
          assertEquals("elastic-net-fit", t.getName());
        }
      }
    }
  }

  @Test
  void lightPassesAndSinglePiecesStayOnTheCaller() {
    try (Parallelism parallel = new Parallelism(2)) {
      assertEquals(Set.of(Thread.currentThread()), runners(parallel, 40, 4, 10));
      assertEquals(Set.of(Thread.currentThread()), runners(parallel, 7, 10, HEAVY));
    }
    try (Parallelism serial = new Parallelism(1)) {
      assertEquals(Set.of(Thread.currentThread()), runners(serial, 40, 4, HEAVY));
    }
    assertEquals(1, new Parallelism(0).threads());
    assertEquals(Set.of(Thread.currentThread()), runners(Parallelism.SERIAL, 9, 2, HEAVY));
  }

  @Test
  void aWorkersRuntimeExceptionReachesTheCallerUnchanged() {
    IllegalArgumentException thrown = new IllegalArgumentException("piece failed");
    try (Parallelism parallel = new Parallelism(2)) {
      RuntimeException caught = assertThrows(RuntimeException.class,
          () -> parallel.forEachPiece(4, 1, HEAVY, (from, to) -> {
            throw thrown;
          }));
      assertSame(thrown, caught);
    }
  }

  private static final class PieceError extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aWorkersErrorReachesTheCallerUnchanged() {
    PieceError thrown = new PieceError();
    try (Parallelism parallel = new Parallelism(2)) {
      PieceError caught = assertThrows(PieceError.class,
          () -> parallel.forEachPiece(4, 1, HEAVY, (from, to) -> {
            throw thrown;
          }));
      assertSame(thrown, caught);
    }
  }

  @Test
  void anInterruptedCallerStopsWaitingAndKeepsItsInterruptFlag() {
    CountDownLatch release = new CountDownLatch(1);
    try (Parallelism parallel = new Parallelism(2)) {
      Thread.currentThread().interrupt();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> parallel.forEachPiece(4, 1, HEAVY, (from, to) -> {
            try {
              release.await();
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
          }));
      assertTrue(Thread.interrupted(), "the caller's interrupt flag was lost");
      assertEquals("the fit was interrupted", e.getMessage());
      assertTrue(e.getCause() instanceof InterruptedException);
    } finally {
      Thread.interrupted();
      release.countDown();
    }
  }
}
