package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Thread behaviour of {@link Parallelism}: heavy passes are shared by the caller and its
 * daemon worker threads, which claim pieces one at a time (a thread held up takes fewer),
 * light ones and a single-threaded instance stay on the caller, a worker's failure or the
 * caller's interruption reach the caller unchanged (the interrupt flag kept), and a failure
 * on the caller returns only once the workers are done.
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

  /** Sleeps, keeping the interrupt flag. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits, without heeding interrupts, until the flag is set (at most ten seconds). */
  private static void spinUntil(AtomicBoolean flag) {
    spinUntil(flag::get);
    assertTrue(flag.get(), "the other thread never claimed a piece");
  }

  /** Waits, without heeding interrupts, until the condition holds or ten seconds pass. */
  private static void spinUntil(BooleanSupplier condition) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void heavyPassesRunOnTheCallerAndADaemonWorkerThread() {
    try (Parallelism parallel = new Parallelism(2)) {
      assertEquals(2, parallel.threads());
      for (int pieces : new int[] {2, 3, 10}) {
        // each piece waits until both threads have claimed one: the caller always claims,
        // and the worker must, as the caller cannot finish alone
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        parallel.forEachPiece(pieces * 5, 5, HEAVY, (from, to) -> {
          threads.add(Thread.currentThread());
          spinUntil(() -> threads.size() >= 2);
        });
        assertTrue(threads.contains(Thread.currentThread()),
            pieces + " heavy pieces left the caller idle");
        assertEquals(2, threads.size(), pieces + " heavy pieces ran on " + threads);
        for (Thread t : threads) {
          if (t != Thread.currentThread()) {
            assertTrue(t.isDaemon(), "a worker thread that would keep the JVM alive: " + t);
            assertEquals("elastic-net-fit", t.getName());
          }
        }
      }
    }
  }

  /**
   * Pieces are claimed, not dealt out: while one thread is held up on the first piece it
   * claimed, the other runs all the others (dealt in halves, it would run only its own half
   * and the pass would wait for the held one's).
   */
  @Test
  void aThreadHeldUpLeavesTheOtherPiecesToTheRest() {
    int pieces = 12;
    CountDownLatch others = new CountDownLatch(pieces - 1);
    AtomicBoolean claimed = new AtomicBoolean();
    Set<Thread> held = ConcurrentHashMap.newKeySet();
    Set<Thread> rest = ConcurrentHashMap.newKeySet();
    AtomicBoolean released = new AtomicBoolean();
    try (Parallelism parallel = new Parallelism(2)) {
      parallel.forEachPiece(pieces, 1, HEAVY, (from, to) -> {
        if (claimed.compareAndSet(false, true)) {
          held.add(Thread.currentThread());
          try {
            released.set(others.await(10, java.util.concurrent.TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        } else {
          rest.add(Thread.currentThread());
          others.countDown();
        }
      });
    }
    assertTrue(released.get(), "the other thread did not run the other pieces");
    assertEquals(1, rest.size(), "the other pieces ran on " + rest);
    assertTrue(!rest.containsAll(held), "the held thread ran other pieces too");
  }

  @Test
  void aFailureOnTheCallerIsReportedOnceTheWorkersAreDone() {
    Thread caller = Thread.currentThread();
    AtomicBoolean workerStarted = new AtomicBoolean();
    AtomicBoolean callerStarted = new AtomicBoolean();
    AtomicBoolean workerDone = new AtomicBoolean();
    IllegalArgumentException thrown = new IllegalArgumentException("caller's piece failed");
    try (Parallelism parallel = new Parallelism(2)) {
      RuntimeException caught = assertThrows(RuntimeException.class,
          () -> parallel.forEachPiece(2, 1, HEAVY, (from, to) -> {
            // each thread's piece waits for the other's to start: one piece each
            if (Thread.currentThread() == caller) {
              callerStarted.set(true);
              spinUntil(workerStarted);
              throw thrown;
            }
            workerStarted.set(true);
            spinUntil(callerStarted);
            pause(200);
            workerDone.set(true);
          }));
      assertSame(thrown, caught);
      assertTrue(workerDone.get(), "the caller returned while a worker still ran");
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

  /** A pass of four pieces whose caller waits until the worker has claimed one. */
  private static void workerFails(Parallelism parallel, Thread caller, Throwable thrown) {
    AtomicBoolean workerStarted = new AtomicBoolean();
    parallel.forEachPiece(4, 1, HEAVY, (from, to) -> {
      if (Thread.currentThread() == caller) {
        spinUntil(workerStarted);
        return;
      }
      workerStarted.set(true);
      if (thrown instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) thrown;
    });
  }

  @Test
  void aWorkersRuntimeExceptionReachesTheCallerUnchanged() {
    Thread caller = Thread.currentThread();
    IllegalArgumentException thrown = new IllegalArgumentException("piece failed");
    try (Parallelism parallel = new Parallelism(2)) {
      RuntimeException caught = assertThrows(RuntimeException.class,
          () -> workerFails(parallel, caller, thrown));
      assertSame(thrown, caught);
    }
  }

  private static final class PieceError extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aWorkersErrorReachesTheCallerUnchanged() {
    Thread caller = Thread.currentThread();
    PieceError thrown = new PieceError();
    try (Parallelism parallel = new Parallelism(2)) {
      PieceError caught = assertThrows(PieceError.class,
          () -> workerFails(parallel, caller, thrown));
      assertSame(thrown, caught);
    }
  }

  @Test
  void aFailingInterruptedCallerReportsItsFailureAndKeepsItsInterruptFlag() {
    Thread caller = Thread.currentThread();
    AtomicBoolean workerStarted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    IllegalArgumentException thrown = new IllegalArgumentException("caller's piece failed");
    try (Parallelism parallel = new Parallelism(2)) {
      Thread.currentThread().interrupt();
      RuntimeException caught = assertThrows(RuntimeException.class,
          () -> parallel.forEachPiece(2, 1, HEAVY, (from, to) -> {
            if (Thread.currentThread() == caller) {
              spinUntil(workerStarted);
              throw thrown;
            }
            workerStarted.set(true);
            try {
              release.await();
            } catch (InterruptedException ignored) {
              Thread.currentThread().interrupt();
            }
          }));
      assertSame(thrown, caught);
      assertTrue(Thread.interrupted(), "the caller's interrupt flag was lost");
    } finally {
      Thread.interrupted();
      release.countDown();
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
