package org.elasticnetlogistic.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Reads the committed reference fixtures under test-data/. */
final class Fixtures {

  private Fixtures() {
  }

  static Path testData() {
    String dir = System.getProperty("test.data.dir", "test-data");
    return Path.of(dir);
  }

  /** A CSV file with a header row, as a list of column-name to value maps. */
  static List<Map<String, String>> readTable(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      String[] header = splitCsv(lines.get(0));
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = splitCsv(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
          row.put(header[c], c < fields.length ? fields[c] : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header and numeric body of a CSV matrix file; the first column may be a label. */
  record Matrix(String[] header, String[] labels, double[][] values) {
  }

  static Matrix readMatrix(Path file, boolean labelled) {
    try {
      List<String> lines = Files.readAllLines(file);
      String[] header = splitCsv(lines.get(0));
      List<String> labels = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = splitCsv(line);
        int start = labelled ? 1 : 0;
        if (labelled) {
          labels.add(fields[0]);
        }
        double[] values = new double[fields.length - start];
        for (int c = start; c < fields.length; c++) {
          values[c - start] = fields[c].equals("NA") ? Double.NaN
              : Double.parseDouble(fields[c]);
        }
        rows.add(values);
      }
      return new Matrix(header, labels.toArray(new String[0]), rows.toArray(new double[0][]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields.toArray(new String[0]);
  }

  /** An ARFF data set from test-data with the last attribute as class. */
  static Instances dataset(String name) {
    try {
      Instances data = DataSource.read(testData().resolve(name).toString());
      data.setClassIndex(data.numAttributes() - 1);
      return data;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** The rows the fit uses, in order: class known and positive weight. */
  static List<Instance> keptRows(Instances data) {
    List<Instance> kept = new ArrayList<>();
    for (Instance instance : data) {
      if (!instance.classIsMissing() && instance.weight() > 0) {
        kept.add(instance);
      }
    }
    return kept;
  }
}
