package org.elasticnetlogistic.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.elasticnetlogistic.core.DesignMatrix;
import org.junit.jupiter.api.Test;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;

/**
 * The training data's design, encoded in one pass: missing values take the weighted mean or
 * mode of the kept rows (a sparse row's absent entries count as zeros and first values), and
 * an infinite value is refused with its attribute and its instance's number in the caller's
 * data.
 */
class TrainingSetTest {

  private static final double MISSING = Utils.missingValue();

  /**
   * Six rows of a numeric, a two-valued and a three-valued attribute. The weights make the
   * two-valued attribute's weighted mode (p: 1 + 5) differ from its plain mode (q: 3 rows).
   */
  private static Instances mixed() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("num"));
    attributes.add(new Attribute("bin", List.of("p", "q")));
    attributes.add(new Attribute("tri", List.of("r", "s", "t")));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("mixed", attributes, 6);
    data.setClassIndex(3);
    double[][] rows = {
        {1.0, 0, 1, 0}, {3.0, 1, 1, 1}, {MISSING, 1, 1, 0},
        {5.0, MISSING, 2, 1}, {2.0, 0, MISSING, 0}, {4.0, 1, 2, 1}};
    double[] weights = {1, 2, 1, 1, 5, 2};
    for (int i = 0; i < rows.length; i++) {
      data.add(new DenseInstance(weights[i], rows[i]));
    }
    return data;
  }

  /** The design's values as given (stored value plus the column's offset). */
  private static double[][] values(DesignMatrix design) {
    double[][] out = new double[design.rows()][design.columns()];
    for (int i = 0; i < design.rows(); i++) {
      for (int j = 0; j < design.columns(); j++) {
        out[i][j] = design.stored(i, j) + design.columnOffset(j);
      }
    }
    return out;
  }

  @Test
  void missingValuesTakeTheWeightedMeanOrMode() {
    TrainingSet training = TrainingSet.from(mixed(), false);
    assertArrayEquals(new String[] {"num", "bin=q", "tri=r", "tri=s", "tri=t"},
        training.encoder().columnNames());
    double mean = (1 * 1.0 + 2 * 3.0 + 1 * 5.0 + 5 * 2.0 + 2 * 4.0) / 11;
    double[][] expected = {
        {1, 0, 0, 1, 0}, {3, 1, 0, 1, 0}, {mean, 1, 0, 1, 0},
        {5, 0, 0, 0, 1}, {2, 0, 0, 1, 0}, {4, 1, 0, 0, 1}};
    double[][] actual = values(training.problem().design());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 1e-12, "row " + i);
    }
    // the encoder keeps the replacements for the rows it will predict
    Instance unknown = new DenseInstance(1, new double[] {MISSING, MISSING, MISSING, 0});
    unknown.setDataset(mixed());
    assertArrayEquals(new double[] {mean, 0, 0, 1, 0}, training.encoder().encode(unknown),
        1e-12);
  }

  @Test
  void treatmentCodingDropsTheFirstValuesColumn() {
    TrainingSet training = TrainingSet.from(mixed(), true);
    assertArrayEquals(new String[] {"num", "bin=q", "tri=s", "tri=t"},
        training.encoder().columnNames());
    double[][] actual = values(training.problem().design());
    assertArrayEquals(new double[] {2, 0, 1, 0}, actual[4], 1e-12);
    assertArrayEquals(new double[] {1, 0, 1, 0}, actual[0], 1e-12);
  }

  /**
   * Sparse rows leave zeros and first values unstored; they count towards the means and
   * modes all the same, so the design is the dense rows' one.
   */
  @Test
  void sparseRowsGiveTheDenseRowsDesign() {
    Instances dense = mixed();
    dense.instance(0).setValue(0, 0.0);
    Instances sparse = new Instances(dense, dense.numInstances());
    for (Instance row : dense) {
      sparse.add(new SparseInstance(row));
    }
    assertTrue(sparse.instance(0).numValues() < dense.numAttributes());
    double[][] fromDense = values(TrainingSet.from(dense, false).problem().design());
    double[][] fromSparse = values(TrainingSet.from(sparse, false).problem().design());
    for (int i = 0; i < fromDense.length; i++) {
      assertArrayEquals(fromDense[i], fromSparse[i], 1e-12, "row " + i);
    }
    assertEquals((2 * 3.0 + 1 * 5.0 + 5 * 2.0 + 2 * 4.0) / 11, fromSparse[2][0], 1e-12);
  }

  @Test
  void anInfiniteValueNamesItsInstanceInTheCallersData() {
    Instances data = mixed();
    // a dropped row (no class) before it: the kept rows are a copy, numbered as given
    data.instance(1).setClassMissing();
    data.instance(4).setValue(0, Double.POSITIVE_INFINITY);
    String message = assertThrows(IllegalArgumentException.class,
        () -> TrainingSet.from(data, false)).getMessage();
    assertTrue(message.contains("'num'") && message.contains("instance 5"), message);

    // a row of weight zero is dropped, but its values are still checked
    Instances zero = mixed();
    zero.instance(2).setWeight(0);
    zero.instance(2).setValue(0, Double.NEGATIVE_INFINITY);
    message = assertThrows(IllegalArgumentException.class,
        () -> TrainingSet.from(zero, false)).getMessage();
    assertTrue(message.contains("'num'") && message.contains("instance 3"), message);
  }
}
