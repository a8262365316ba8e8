package org.elasticnetlogistic.core;

/** Receives progress reports from a fit, for debug output. Must be thread safe. */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {
  };

  /** A lambda of a path was solved; {@code index} counts recorded points. */
  default void pathPoint(int index, PathPoint point) {
  }

  /** A cross-validation fold finished. */
  default void foldFinished(int fold, int folds) {
  }

  /** A free-form message. */
  default void message(String text) {
  }
}
