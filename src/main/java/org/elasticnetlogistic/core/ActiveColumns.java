package org.elasticnetlogistic.core;

import java.util.Arrays;

/**
 * The active set of a coordinate-descent solve: the columns it starts with and each column
 * that moves in a full sweep, once each, in the order they joined. The sweeps between full
 * sweeps visit only these. One instance serves a solver's solves in turn; {@link #finish}
 * empties it for the next.
 */
final class ActiveColumns {

  private final boolean[] member;
  private int[] columns = new int[8];
  private int count;

  ActiveColumns(int totalColumns) {
    this.member = new boolean[totalColumns];
  }

  /** Starts a solve's set with these distinct columns. */
  void start(int[] initial) {
    if (columns.length < initial.length) {
      columns = new int[initial.length];
    }
    System.arraycopy(initial, 0, columns, 0, initial.length);
    count = initial.length;
    for (int j : initial) {
      member[j] = true;
    }
  }

  /** Adds the column unless it is in the set already. */
  void add(int column) {
    if (member[column]) {
      return;
    }
    member[column] = true;
    if (count == columns.length) {
      columns = Arrays.copyOf(columns, count * 2);
    }
    columns[count++] = column;
  }

  boolean contains(int column) {
    return member[column];
  }

  int count() {
    return count;
  }

  /** The set's columns, in the first {@link #count()} places; valid until the next add. */
  int[] columns() {
    return columns;
  }

  /** The set's columns; empties it for the next solve. */
  int[] finish() {
    int[] out = Arrays.copyOf(columns, count);
    for (int a = 0; a < count; a++) {
      member[columns[a]] = false;
    }
    count = 0;
    return out;
  }
}
