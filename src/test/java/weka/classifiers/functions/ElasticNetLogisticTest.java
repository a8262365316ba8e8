package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Locale;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.CheckClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Attribute;
import weka.core.Instances;
import weka.test.Regression;

/**
 * Weka's own checks on the classifier with its default options: CheckClassifier (interfaces,
 * attribute and class types, weights, missing values, zero training instances, rebuilding,
 * data not altered), CheckOptionHandler, CheckGOE and the regression test, whose reference
 * output is committed under src/test/resources/wekarefs.
 */
public class ElasticNetLogisticTest extends AbstractClassifierTest {

  public ElasticNetLogisticTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new ElasticNetLogistic();
  }

  /** Weka's CheckClassifier, with its data generator made reachable. */
  static final class Tester extends CheckClassifier {
    Instances nominalClassData(int nominal, int numeric) throws Exception {
      return makeTestDataset(42, getNumInstances(), nominal, numeric, 0, 0, 0, 2,
          Attribute.NOMINAL, false);
    }
  }

  @Override
  protected CheckClassifier getTester() {
    Tester tester = new Tester();
    CheckClassifier configured = super.getTester();
    tester.setSilent(configured.getSilent());
    tester.setClassifier(configured.getClassifier());
    tester.setNumInstances(configured.getNumInstances());
    tester.setDebug(configured.getDebug());
    tester.setPostProcessor(configured.getPostProcessor());
    return tester;
  }

  /**
   * Weka's regression test on its standard data, with the predicted probabilities written
   * to 7 decimal places rather than 17 digits: the fit is certified to its KKT tolerance, so
   * only digits beyond that may move when the solver's arithmetic changes.
   */
  @Override
  public void testRegression() throws Exception {
    Instances train = ((Tester) m_Tester).nominalClassData(
        m_NominalPredictors[Attribute.NOMINAL] ? m_Tester.getNumNominal() : 0,
        m_NumericPredictors[Attribute.NOMINAL] ? m_Tester.getNumNumeric() : 0);
    ArrayList<Prediction> predictions = useClassifier(train);
    Regression regression = new Regression(getClass());
    regression.println(predictions.size() + " predictions");
    for (Prediction prediction : predictions) {
      StringBuilder line = new StringBuilder();
      line.append(prediction.actual()).append(' ').append(prediction.predicted());
      for (double p : ((NominalPrediction) prediction).distribution()) {
        line.append(" ").append(String.format(Locale.ROOT, "%.7f", p));
      }
      regression.println(line.toString());
    }
    String difference = regression.diff();
    if (difference == null) {
      System.err.println("Warning: no regression reference available, creating it.");
    } else if (!difference.isEmpty()) {
      fail("Regression test failed. Difference:\n" + difference);
    }
  }

  public static Test suite() {
    return new TestSuite(ElasticNetLogisticTest.class);
  }
}
