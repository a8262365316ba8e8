package org.elasticnetlogistic.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the heavy passes of one fit (KKT gradients, curvature matrices, row updates) on a
 * few threads. Work is always cut into the same pieces whatever the thread count, and sums
 * over rows are always taken chunk by chunk in chunk order, so a fit gives bit-identical
 * results for any number of threads; threads only decide who computes a piece.
 *
 * <p>One instance per top-level fit; closed when the fit ends.
 */
final class Parallelism implements AutoCloseable {

  /** Rows per piece of a row pass, and per partial sum of a row reduction. */
  static final int ROW_CHUNK = 4096;
  /** Below this many elements a pass is not worth a thread hand-off. */
  private static final long MINIMUM_PARALLEL_WORK = 200_000;

  /** The single-threaded instance (cross-validation folds, which run in parallel). */
  static final Parallelism SERIAL = new Parallelism(1);

  private final int threads;
  private final ExecutorService pool;

  Parallelism(int threads) {
    this.threads = Math.max(1, threads);
    this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1,
        runnable -> {
          Thread thread = new Thread(runnable, "elastic-net-fit");
          thread.setDaemon(true);
          return thread;
        });
  }

  int threads() {
    return threads;
  }

  /** Work on pieces [from, to) of a range. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  /**
   * Runs task over [0, count) in pieces of {@code piece}; in parallel when {@code work}
   * (about the number of element operations) is large enough.
   */
  void forEachPiece(int count, int piece, long work, RangeTask task) {
    int pieces = (count + piece - 1) / piece;
    if (pool == null || pieces < 2 || work < MINIMUM_PARALLEL_WORK) {
      for (int p = 0; p < pieces; p++) {
        runPiece(task, count, piece, p);
      }
      return;
    }
    // the threads claim pieces one by one, so a thread that wakes late or shares its core
    // (with the JIT's compiler, or another program) takes fewer; the caller claims too
    Claims claims = new Claims(count, piece, pieces, task);
    for (int helper = 1; helper < Math.min(threads, pieces); helper++) {
      pool.execute(claims::work);
    }
    claims.work();
    claims.awaitAll();
  }

  /** The pieces of one pass, claimed by whichever thread asks next. */
  private static final class Claims {
    private final int count;
    private final int piece;
    private final int pieces;
    private final RangeTask task;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Claims(int count, int piece, int pieces, RangeTask task) {
      this.count = count;
      this.piece = piece;
      this.pieces = pieces;
      this.task = task;
      this.done = new CountDownLatch(pieces);
    }

    /**
     * Runs pieces until none is left. A failed piece is kept for the caller, and the pieces
     * claimed after it are skipped.
     */
    void work() {
      for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            runPiece(task, count, piece, p);
          }
        } catch (RuntimeException | Error thrown) {
          failure.compareAndSet(null, thrown);
        } finally {
          done.countDown();
        }
      }
    }

    /**
     * Waits until every piece is done (each thread's writes are then visible here), then
     * rethrows the first failure unchanged: only then, as the other pieces still write to
     * the caller's arrays. An interrupt stops the wait; the failure, if any, is still the
     * one reported.
     */
    void awaitAll() {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        rethrowFailure();
        throw new IllegalStateException("the fit was interrupted", e);
      }
      rethrowFailure();
    }

    private void rethrowFailure() {
      Throwable thrown = failure.get();
      if (thrown instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (thrown instanceof Error error) {
        throw error;
      }
    }
  }

  /** Runs piece p of [0, count) cut into pieces of {@code piece}. */
  private static void runPiece(RangeTask task, int count, int piece, int p) {
    task.run(p * piece, Math.min(count, (p + 1) * piece));
  }

  /** A sum over row chunks: the chunk's partial sum. */
  @FunctionalInterface
  interface ChunkSum {
    double sum(int from, int to);
  }

  /**
   * sum over [0, rows) as partial sums of ROW_CHUNK rows added in chunk order: the same
   * bits for any thread count.
   */
  double sumRows(int rows, long workPerRow, ChunkSum chunk) {
    int chunks = (rows + ROW_CHUNK - 1) / ROW_CHUNK;
    double[] partial = new double[chunks];
    forEachPiece(rows, ROW_CHUNK, (long) rows * workPerRow,
        (from, to) -> partial[from / ROW_CHUNK] = chunk.sum(from, to));
    double total = 0;
    for (double v : partial) {
      total += v;
    }
    return total;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
