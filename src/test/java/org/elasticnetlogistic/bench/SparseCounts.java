package org.elasticnetlogistic.bench;

import java.util.Arrays;

/**
 * A sparse count matrix in compressed rows with a class per row, as {@link ZipfCountData}
 * draws it. Immutable: rows are handed out as copies.
 */
public final class SparseCounts {

  /** Receives the rows in order. */
  @FunctionalInterface
  public interface RowConsumer {
    /**
     * @param row the row's index
     * @param columns the columns of the non-zero entries, ascending (a fresh array)
     * @param counts their values (a fresh array)
     * @param label the class, 0 or 1
     */
    void accept(int row, int[] columns, double[] counts, int label);
  }

  private final int columns;
  private final int[] rowStart;
  private final int[] column;
  private final double[] count;
  private final int[] label;

  SparseCounts(int columns, int[] rowStart, int[] column, double[] count, int[] label) {
    this.columns = columns;
    this.rowStart = rowStart;
    this.column = column;
    this.count = count;
    this.label = label;
  }

  public int rows() {
    return label.length;
  }

  public int columns() {
    return columns;
  }

  public int nonZeros() {
    return column.length;
  }

  /** The classes, one per row. */
  public int[] labels() {
    return label.clone();
  }

  /** Hands every row to the consumer, in order. */
  public void forEachRow(RowConsumer consumer) {
    for (int i = 0; i < label.length; i++) {
      consumer.accept(i, Arrays.copyOfRange(column, rowStart[i], rowStart[i + 1]),
          Arrays.copyOfRange(count, rowStart[i], rowStart[i + 1]), label[i]);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SparseCounts that && columns == that.columns
        && Arrays.equals(rowStart, that.rowStart) && Arrays.equals(column, that.column)
        && Arrays.equals(count, that.count) && Arrays.equals(label, that.label);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(column) + Arrays.hashCode(label);
  }
}
