package org.elasticnetlogistic.weka;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.elasticnetlogistic.core.DenseDesignMatrix;
import org.elasticnetlogistic.core.DesignMatrix;
import org.elasticnetlogistic.core.SparseDesignMatrix;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Turns Weka instances into design-matrix rows, as ALGORITHM.md defines the design:
 * <ul>
 * <li>a numeric or date attribute is one column;</li>
 * <li>a nominal attribute with two values is one 0/1 column for its second value;</li>
 * <li>a nominal attribute with m &gt; 2 values is m 0/1 columns, one per value, or, with
 * treatment coding (the unpenalised fit), m - 1 columns without the first value;</li>
 * <li>columns are named as NominalToBinary names them, {@code attr=value};</li>
 * <li>a missing value is replaced by the weighted training mean (numeric) or mode
 * (nominal), as ReplaceMissingValues does.</li>
 * </ul>
 * Built once from the training data; immutable and serialisable with the model.
 */
public final class DesignEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How one attribute becomes columns. */
  private enum Kind {
    NUMERIC, BINARY, INDICATORS, IGNORED
  }

  private final int classIndex;
  private final Kind[] kind;
  /** First column of each attribute. */
  private final int[] firstColumn;
  /** For INDICATORS: the first value that has a column (0, or 1 under treatment coding). */
  private final int[] firstCodedValue;
  /** Replacement for a missing value: the mean, or the mode's value index. */
  private final double[] replacement;
  private final String[] columnNames;
  private final int[] columnAttribute;
  private final boolean treatmentCoding;
  /**
   * The attributes whose value 0 has an indicator column: a sparse row leaves them unstored
   * when they are 0, so they are the only unstored values that need a column.
   */
  private transient int[] zeroValueIndicators;

  private DesignEncoder(int classIndex, Kind[] kind, int[] firstColumn, int[] firstCodedValue,
      double[] replacement, String[] columnNames, int[] columnAttribute,
      boolean treatmentCoding) {
    this.classIndex = classIndex;
    this.kind = kind;
    this.firstColumn = firstColumn;
    this.firstCodedValue = firstCodedValue;
    this.replacement = replacement;
    this.columnNames = columnNames;
    this.columnAttribute = columnAttribute;
    this.treatmentCoding = treatmentCoding;
    this.zeroValueIndicators = zeroValueIndicators(kind, firstCodedValue);
  }

  private static int[] zeroValueIndicators(Kind[] kind, int[] firstCodedValue) {
    int[] found = new int[kind.length];
    int count = 0;
    for (int a = 0; a < kind.length; a++) {
      if (kind[a] == Kind.INDICATORS && firstCodedValue[a] == 0) {
        found[count++] = a;
      }
    }
    return Arrays.copyOf(found, count);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    zeroValueIndicators = zeroValueIndicators(kind, firstCodedValue);
  }

  /** An encoding learned from training data, and that data's design matrix. */
  public record Learned(DesignEncoder encoder, DesignMatrix design) {
  }

  /**
   * Learns the encoding from training data whose rows all have a class and a positive
   * weight, and encodes that data, in one pass over its stored values: the missing values'
   * replacements (weighted means and modes) are only known at the end, so those cells are
   * noted on the way and filled in last.
   *
   * @param treatmentCoding drop the first value's column of nominal attributes with more
   *     than two values (the unpenalised fit's coding)
   * @param instanceNumbers each row's number in the caller's data, for messages (null: the
   *     row's own position, counted from 1)
   * @throws IllegalArgumentException for an infinite value, naming its attribute and
   *     instance
   */
  public static Learned learn(Instances data, boolean treatmentCoding, int[] instanceNumbers) {
    int attributes = data.numAttributes();
    Kind[] kind = new Kind[attributes];
    int[] firstColumn = new int[attributes];
    int[] firstCodedValue = new int[attributes];
    List<String> names = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      Attribute attribute = data.attribute(a);
      firstColumn[a] = names.size();
      if (a == data.classIndex()) {
        kind[a] = Kind.IGNORED;
      } else if (attribute.isNumeric()) {
        kind[a] = Kind.NUMERIC;
        names.add(attribute.name());
        owners.add(a);
      } else if (attribute.isNominal() && attribute.numValues() == 2) {
        kind[a] = Kind.BINARY;
        names.add(attribute.name() + "=" + attribute.value(1));
        owners.add(a);
      } else if (attribute.isNominal() && attribute.numValues() > 2) {
        kind[a] = Kind.INDICATORS;
        firstCodedValue[a] = treatmentCoding ? 1 : 0;
        for (int v = firstCodedValue[a]; v < attribute.numValues(); v++) {
          names.add(attribute.name() + "=" + attribute.value(v));
          owners.add(a);
        }
      } else {
        // a nominal attribute with fewer than two values carries no information
        kind[a] = Kind.IGNORED;
      }
    }
    int[] columnAttribute = new int[owners.size()];
    for (int c = 0; c < columnAttribute.length; c++) {
      columnAttribute[c] = owners.get(c);
    }
    // the replacements are set by the training pass, before the encoder leaves this method
    DesignEncoder encoder = new DesignEncoder(data.classIndex(), kind, firstColumn,
        firstCodedValue, new double[attributes], names.toArray(new String[0]),
        columnAttribute, treatmentCoding);
    DesignMatrix design = encoder.encodeLearning(data, instanceNumbers);
    return new Learned(encoder, design);
  }

  /**
   * The training pass: encodes the present values and sums them by attribute, then sets
   * the replacements and encodes the missing cells with them.
   */
  private DesignMatrix encodeLearning(Instances data, int[] instanceNumbers) {
    AttributeTotals totals = new AttributeTotals(data, kind);
    int[] missingRow = new int[16];
    int[] missingAttribute = new int[16];
    int missingCount = 0;
    MatrixSink matrix = matrixSink(data);
    RowSink sink = matrix.sink();
    for (int i = 0; i < data.numInstances(); i++) {
      Instance instance = data.instance(i);
      double w = instance.weight();
      boolean sparse = instance instanceof SparseInstance;
      totals.row(w, sparse);
      for (int s = 0, stored = instance.numValues(); s < stored; s++) {
        int a = instance.index(s);
        if (kind[a] == Kind.IGNORED) {
          continue;
        }
        double value = instance.valueSparse(s);
        if (Double.isInfinite(value)) {
          throw infiniteValue(data, a, instanceNumbers == null ? i + 1 : instanceNumbers[i],
              value);
        }
        totals.stored(a, value, w, sparse);
        if (Double.isNaN(value)) {
          if (missingCount == missingRow.length) {
            missingRow = Arrays.copyOf(missingRow, 2 * missingCount);
            missingAttribute = Arrays.copyOf(missingAttribute, 2 * missingCount);
          }
          missingRow[missingCount] = i;
          missingAttribute[missingCount++] = a;
        } else {
          emit(a, value, i, sink);
        }
      }
      if (sparse) {
        emitZeroIndicators((SparseInstance) instance, i, sink);
      }
    }
    for (int a = 0; a < kind.length; a++) {
      replacement[a] = totals.replacement(a);
    }
    for (int m = 0; m < missingCount; m++) {
      int a = missingAttribute[m];
      emit(a, replacement[a], missingRow[m], sink);
    }
    return matrix.build().get();
  }

  /** The refusal of an infinite value, naming its attribute and instance (from 1). */
  static IllegalArgumentException infiniteValue(Instances data, int attribute, int number,
      double value) {
    return new IllegalArgumentException("attribute '" + data.attribute(attribute).name()
        + "' of instance " + number + " is infinite (" + value + ")");
  }

  /**
   * Weighted sums of every encoded attribute's stored values, gathered during the training
   * pass (a sparse row's absent entries are zeros, counted without visiting them), and the
   * missing values' replacements they give.
   */
  private static final class AttributeTotals {
    private final Kind[] kind;
    private final double[] missingWeight;
    private final double[] sum;
    private final double[][] valueWeight;
    private final double[] sparseStoredWeight;
    private double totalWeight;
    private double sparseWeight;

    AttributeTotals(Instances data, Kind[] kind) {
      this.kind = kind;
      int attributes = kind.length;
      missingWeight = new double[attributes];
      sum = new double[attributes];
      valueWeight = new double[attributes][];
      sparseStoredWeight = new double[attributes];
      for (int a = 0; a < attributes; a++) {
        if (kind[a] == Kind.BINARY || kind[a] == Kind.INDICATORS) {
          valueWeight[a] = new double[data.attribute(a).numValues()];
        }
      }
    }

    void row(double w, boolean sparse) {
      totalWeight += w;
      if (sparse) {
        sparseWeight += w;
      }
    }

    /** A stored value of an encoded attribute: present, or missing (NaN). */
    void stored(int a, double value, double w, boolean sparse) {
      if (sparse) {
        sparseStoredWeight[a] += w;
      }
      if (Double.isNaN(value)) {
        missingWeight[a] += w;
      } else if (kind[a] == Kind.NUMERIC) {
        sum[a] += w * value;
      } else {
        valueWeight[a][(int) value] += w;
      }
    }

    /** The weighted mean of a numeric attribute, the weighted mode's index of a nominal. */
    double replacement(int a) {
      if (kind[a] == Kind.NUMERIC) {
        double present = totalWeight - missingWeight[a];
        return present > 0 ? sum[a] / present : 0.0;
      }
      if (valueWeight[a] == null) {
        return 0;
      }
      // the most frequent value; an absent sparse entry is the first value
      double[] counts = valueWeight[a].clone();
      counts[0] += sparseWeight - sparseStoredWeight[a];
      int mode = 0;
      for (int v = 1; v < counts.length; v++) {
        if (counts[v] > counts[mode]) {
          mode = v;
        }
      }
      return mode;
    }
  }

  /** Number of design columns. */
  public int columns() {
    return columnNames.length;
  }

  /** The column names, {@code attr} or {@code attr=value}. */
  public String[] columnNames() {
    return columnNames.clone();
  }

  public String columnName(int column) {
    return columnNames[column];
  }

  /** The attribute index a column comes from. */
  public int attributeOf(int column) {
    return columnAttribute[column];
  }

  /** The columns that come from one attribute (empty for the class or an ignored one). */
  public int[] columnsOf(int attribute) {
    int count = 0;
    for (int owner : columnAttribute) {
      if (owner == attribute) {
        count++;
      }
    }
    int[] out = new int[count];
    for (int c = 0, k = 0; c < columnAttribute.length; c++) {
      if (columnAttribute[c] == attribute) {
        out[k++] = c;
      }
    }
    return out;
  }

  public boolean usesTreatmentCoding() {
    return treatmentCoding;
  }

  /** A design matrix under construction: where the values go, and how it is finished. */
  private record MatrixSink(RowSink sink, java.util.function.Supplier<DesignMatrix> build) {
  }

  /**
   * The builder for the instances' design matrix: sparse when the data is held in Weka's
   * SparseInstance form and mostly zero, dense otherwise.
   */
  private MatrixSink matrixSink(Instances data) {
    int n = data.numInstances();
    int p = columns();
    long stored = 0;
    boolean anySparse = false;
    for (Instance instance : data) {
      if (instance instanceof SparseInstance) {
        anySparse = true;
        stored += instance.numValues();
      } else {
        stored += instance.numAttributes();
      }
    }
    boolean sparse = anySparse && p > 0 && stored < 0.25 * (double) n * p;
    if (sparse) {
      // about the entries: the stored values, less the class and zeros, plus any indicators
      // of absent values
      SparseDesignMatrix.Builder builder = new SparseDesignMatrix.Builder(n, p,
          (int) Math.min(stored, Integer.MAX_VALUE - 8));
      return new MatrixSink(builder::add, builder::build);
    }
    DenseDesignMatrix.Builder builder = new DenseDesignMatrix.Builder(n, p);
    return new MatrixSink(builder::set, builder::build);
  }

  /** One instance as a dense row of design values (missing values replaced). */
  public double[] encode(Instance instance) {
    double[] row = new double[columns()];
    encodeRow(instance, 0, (r, column, value) -> row[column] = value);
    return row;
  }

  /** Receives the non-zero design values of a row. */
  @FunctionalInterface
  private interface RowSink {
    void accept(int row, int column, double value);
  }

  /**
   * Emits the row's design values. Only stored values of a sparse instance are visited,
   * plus the nominal attributes whose value 0 has its own column.
   */
  private void encodeRow(Instance instance, int row, RowSink sink) {
    int stored = instance.numValues();
    for (int s = 0; s < stored; s++) {
      emit(instance.index(s), instance.valueSparse(s), row, sink);
    }
    if (instance instanceof SparseInstance sparse) {
      emitZeroIndicators(sparse, row, sink);
    }
  }

  /** Unstored values are zero: only an indicator for value 0 needs a column. */
  private void emitZeroIndicators(SparseInstance sparse, int row, RowSink sink) {
    for (int a : zeroValueIndicators) {
      int position = sparse.locateIndex(a);
      if (position < 0 || sparse.index(position) != a) {
        sink.accept(row, firstColumn[a], 1.0);
      }
    }
  }

  private void emit(int attribute, double value, int row, RowSink sink) {
    Kind k = kind[attribute];
    if (k == Kind.IGNORED) {
      return;
    }
    if (Double.isNaN(value)) {
      value = replacement[attribute];
    }
    switch (k) {
      case NUMERIC -> {
        if (Double.isInfinite(value)) {
          throw new IllegalArgumentException("attribute " + attributeLabel(attribute)
              + " has an infinite value");
        }
        if (value != 0) {
          sink.accept(row, firstColumn[attribute], value);
        }
      }
      case BINARY -> {
        if ((int) value == 1) {
          sink.accept(row, firstColumn[attribute], 1.0);
        }
      }
      case INDICATORS -> {
        int v = (int) value;
        if (v >= firstCodedValue[attribute]) {
          sink.accept(row, firstColumn[attribute] + v - firstCodedValue[attribute], 1.0);
        }
      }
      default -> throw new IllegalStateException("unreachable");
    }
  }

  private String attributeLabel(int attribute) {
    int[] columns = columnsOf(attribute);
    String name = columns.length > 0 ? columnNames[columns[0]] : "#" + (attribute + 1);
    return "'" + name + "'";
  }

  @Override
  public String toString() {
    return "DesignEncoder" + Arrays.toString(columnNames);
  }
}
