package org.elasticnetlogistic.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
      runPieces(count, piece, 0, pieces, task);
      return;
    }
    // hand the pieces out in contiguous groups, one per thread; the calling thread takes
    // the first group itself rather than wait idle (one hand-off fewer per pass)
    int groups = Math.min(threads, pieces);
    List<Future<?>> futures = new ArrayList<>(groups - 1);
    for (int g = 1; g < groups; g++) {
      int firstPiece = (int) ((long) pieces * g / groups);
      int lastPiece = (int) ((long) pieces * (g + 1) / groups);
      futures.add(pool.submit(() -> runPieces(count, piece, firstPiece, lastPiece, task)));
    }
    try {
      runPieces(count, piece, 0, (int) ((long) pieces / groups), task);
    } catch (RuntimeException | Error failure) {
      // the other groups still write to the caller's arrays: let them finish first
      try {
        for (Future<?> future : futures) {
          try {
            future.get();
          } catch (ExecutionException ignored) {
            // the caller's own failure is the one reported
          }
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw failure;
    }
    await(futures);
  }

  private static void runPieces(int count, int piece, int firstPiece, int lastPiece,
      RangeTask task) {
    for (int p = firstPiece; p < lastPiece; p++) {
      task.run(p * piece, Math.min(count, (p + 1) * piece));
    }
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

  private static void await(List<Future<?>> futures) {
    try {
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the fit was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
