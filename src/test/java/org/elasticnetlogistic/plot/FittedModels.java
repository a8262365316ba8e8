package org.elasticnetlogistic.plot;

import java.io.File;

import weka.classifiers.functions.ElasticNetLogistic;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Models fitted once and shared by the plot tests, which only read them. */
final class FittedModels {

  private static ElasticNetLogistic binomial;
  private static ElasticNetLogistic multinomial;

  private FittedModels() {
  }

  static File dataFile(String name) {
    return new File(System.getProperty("test.data.dir", "test-data"), name);
  }

  static Instances data(String name) throws Exception {
    Instances data = DataSource.read(dataFile(name).getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  static ElasticNetLogistic fit(String dataName, String... options) throws Exception {
    ElasticNetLogistic model = new ElasticNetLogistic();
    model.setOptions(options.clone());
    model.buildClassifier(data(dataName));
    return model;
  }

  /** credit-g (two classes, 61 terms): a path with 5-fold CV, the 1se rule. */
  static synchronized ElasticNetLogistic binomial() throws Exception {
    if (binomial == null) {
      binomial = fit("credit-g.arff", "-folds", "5", "-nlambda", "50", "-select", "1se");
    }
    return binomial;
  }

  /** iris (three classes, 4 terms): a path with 5-fold CV, the min rule. */
  static synchronized ElasticNetLogistic multinomial() throws Exception {
    if (multinomial == null) {
      multinomial = fit("iris.arff", "-folds", "5", "-nlambda", "50");
    }
    return multinomial;
  }
}
