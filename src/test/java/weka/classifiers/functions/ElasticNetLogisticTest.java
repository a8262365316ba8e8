package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

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

  public static Test suite() {
    return new TestSuite(ElasticNetLogisticTest.class);
  }
}
