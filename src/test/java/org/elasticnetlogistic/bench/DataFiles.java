package org.elasticnetlogistic.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import weka.core.Instance;
import weka.core.Instances;

/**
 * Writes the benchmark data, exactly as the Weka classifiers see it, for R. Numbers are
 * written with {@link Double#toString(double)}, which R's parser reads back to the same
 * double.
 */
public final class DataFiles {

  private DataFiles() {
  }

  /**
   * A CSV file with a header: the class index (0, 1, ...) first, then every other
   * attribute's value.
   */
  public static void writeCsv(Instances data, Path file) throws IOException {
    int classIndex = data.classIndex();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      StringBuilder line = new StringBuilder("y");
      for (int a = 0; a < data.numAttributes(); a++) {
        if (a != classIndex) {
          line.append(',').append(data.attribute(a).name());
        }
      }
      out.write(line.append('\n').toString());
      for (Instance instance : data) {
        line.setLength(0);
        line.append((int) instance.classValue());
        for (int a = 0; a < data.numAttributes(); a++) {
          if (a != classIndex) {
            line.append(',').append(instance.value(a));
          }
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  /**
   * The predictors as a Matrix Market coordinate file (1-based row and column, then value;
   * the class attribute left out, which must be the last), and the class indices, one per
   * line, in a second file.
   */
  public static void writeMatrixMarket(Instances data, Path matrixFile, Path labelFile)
      throws IOException {
    int classIndex = data.classIndex();
    if (classIndex != data.numAttributes() - 1) {
      throw new IllegalArgumentException("the class must be the last attribute");
    }
    long nonZeros = 0;
    for (Instance instance : data) {
      for (int s = 0; s < instance.numValues(); s++) {
        if (instance.index(s) != classIndex && instance.valueSparse(s) != 0) {
          nonZeros++;
        }
      }
    }
    try (BufferedWriter matrix = Files.newBufferedWriter(matrixFile);
        BufferedWriter labels = Files.newBufferedWriter(labelFile)) {
      matrix.write("%%MatrixMarket matrix coordinate real general\n");
      matrix.write(data.numInstances() + " " + classIndex + " " + nonZeros + "\n");
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < data.numInstances(); i++) {
        Instance instance = data.instance(i);
        line.setLength(0);
        for (int s = 0; s < instance.numValues(); s++) {
          int a = instance.index(s);
          if (a != classIndex && instance.valueSparse(s) != 0) {
            line.append(i + 1).append(' ').append(a + 1).append(' ')
                .append(instance.valueSparse(s)).append('\n');
          }
        }
        matrix.write(line.toString());
        labels.write((int) instance.classValue() + "\n");
      }
    }
  }
}
