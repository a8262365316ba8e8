package org.elasticnetlogistic.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * The benchmark data sets as Weka sees them: numeric attributes {@code x1..xp} (dense) or
 * {@code w1..wp} (sparse counts), then the nominal class {@code class} with values
 * {@code c0, c1, ...}, the last attribute. Every weight is 1.
 */
public final class WekaData {

  private WekaData() {
  }

  /** One {@link DenseInstance} per row; its value array is the only copy of the row. */
  public static Instances dense(CorrelatedGaussianData data) {
    Instances instances = new Instances(name("dense", data.rows(), data.columns(),
        data.classes(), data.seed()), attributes("x", data.columns(), data.classes()),
        data.rows());
    instances.setClassIndex(data.columns());
    data.forEachRow((row, x, label) -> {
      double[] values = Arrays.copyOf(x, x.length + 1);
      values[x.length] = label;
      instances.add(new DenseInstance(1, values));
    });
    return instances;
  }

  /** One {@link SparseInstance} per row: only the non-zero counts (and a class of 1) stored. */
  public static Instances sparse(SparseCounts data, long seed) {
    Instances instances = new Instances(name("sparse", data.rows(), data.columns(), 2, seed),
        attributes("w", data.columns(), 2), data.rows());
    int classIndex = data.columns();
    instances.setClassIndex(classIndex);
    data.forEachRow((row, columns, counts, label) -> {
      int stored = columns.length + (label == 0 ? 0 : 1);
      int[] indices = Arrays.copyOf(columns, stored);
      double[] values = Arrays.copyOf(counts, stored);
      if (label != 0) {
        indices[stored - 1] = classIndex;
        values[stored - 1] = label;
      }
      instances.add(new SparseInstance(1, values, indices, classIndex + 1));
    });
    return instances;
  }

  private static ArrayList<Attribute> attributes(String prefix, int columns, int classes) {
    ArrayList<Attribute> attributes = new ArrayList<>(columns + 1);
    for (int j = 0; j < columns; j++) {
      attributes.add(new Attribute(prefix + (j + 1)));
    }
    List<String> values = new ArrayList<>(classes);
    for (int k = 0; k < classes; k++) {
      values.add("c" + k);
    }
    attributes.add(new Attribute("class", values));
    return attributes;
  }

  private static String name(String kind, int rows, int columns, int classes, long seed) {
    return kind + "-n" + rows + "-p" + columns + "-K" + classes + "-seed" + seed;
  }
}
