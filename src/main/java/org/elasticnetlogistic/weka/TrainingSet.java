package org.elasticnetlogistic.weka;

import org.elasticnetlogistic.core.LogisticProblem;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Weka training data checked and turned into the core's problem: rows with a missing class
 * or zero weight are dropped, bad values are refused with a message that names the
 * attribute and the row, and the design is encoded.
 */
public final class TrainingSet {

  private final Instances header;
  private final DesignEncoder encoder;
  private final LogisticProblem problem;

  private TrainingSet(Instances header, DesignEncoder encoder, LogisticProblem problem) {
    this.header = header;
    this.encoder = encoder;
    this.problem = problem;
  }

  /**
   * @param data the training data as given to buildClassifier (not modified)
   * @param treatmentCoding whether nominal attributes lose their first value's column (the
   *     unpenalised fit)
   * @throws IllegalArgumentException naming the problem in the data
   */
  public static TrainingSet from(Instances data, boolean treatmentCoding) {
    return from(data, treatmentCoding, ClassWeights.none());
  }

  /**
   * @param classWeights multipliers of the instance weights by class (applied before
   *     anything else, so imputation, standardisation and the fit all use them)
   */
  public static TrainingSet from(Instances data, boolean treatmentCoding,
      ClassWeights classWeights) {
    if (data.classIndex() < 0) {
      throw new IllegalArgumentException("no class attribute is set");
    }
    Attribute classAttribute = data.classAttribute();
    if (!classAttribute.isNominal()) {
      throw new IllegalArgumentException("the class attribute '" + classAttribute.name()
          + "' is not nominal; ElasticNetLogistic needs a nominal class");
    }
    if (classAttribute.numValues() < 2) {
      throw new IllegalArgumentException("the class attribute '" + classAttribute.name()
          + "' has " + classAttribute.numValues() + " value(s); at least two are needed");
    }
    int[] keptRows = new int[data.numInstances()];
    int keptCount = 0;
    int withClass = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      Instance instance = data.instance(i);
      if (instance.classIsMissing()) {
        continue;
      }
      withClass++;
      double weight = instance.weight();
      if (Double.isNaN(weight) || Double.isInfinite(weight) || weight < 0) {
        throw new IllegalArgumentException("instance " + (i + 1) + " has weight " + weight
            + "; weights must be finite and non-negative");
      }
      if (weight > 0) {
        keptRows[keptCount++] = i;
      } else {
        // the kept rows' values are checked as they are encoded
        checkValues(data, instance, i);
      }
    }
    if (withClass == 0) {
      throw new IllegalArgumentException("there are no training instances with a known "
          + "class value");
    }
    if (keptCount == 0) {
      throw new IllegalArgumentException("all " + withClass + " training instances with a "
          + "class value have weight zero");
    }
    // the caller's instances are read, never changed: a copy is made only to drop rows or
    // to reweight them (Instances.add copies each instance)
    Instances kept = data;
    if (keptCount < data.numInstances() || !classWeights.isEmpty()) {
      kept = new Instances(data, keptCount);
      for (int r = 0; r < keptCount; r++) {
        kept.add(data.instance(keptRows[r]));
      }
    }
    int numClasses = classAttribute.numValues();
    if (!classWeights.isEmpty()) {
      double[] before = new double[numClasses];
      for (Instance instance : kept) {
        before[(int) instance.classValue()] += instance.weight();
      }
      double[] multiplier = classWeights.multipliers(classAttribute, before);
      for (Instance instance : kept) {
        instance.setWeight(instance.weight() * multiplier[(int) instance.classValue()]);
      }
    }
    int[] classes = new int[kept.numInstances()];
    double[] weights = new double[kept.numInstances()];
    double[] classWeight = new double[numClasses];
    for (int i = 0; i < kept.numInstances(); i++) {
      classes[i] = (int) kept.instance(i).classValue();
      weights[i] = kept.instance(i).weight();
      classWeight[classes[i]] += weights[i];
    }
    int observed = 0;
    int only = 0;
    for (int k = 0; k < numClasses; k++) {
      if (classWeight[k] > 0) {
        observed++;
        only = k;
      }
    }
    if (observed < 2) {
      throw new IllegalArgumentException("only one class value ('" + classAttribute.value(only)
          + "') occurs in the training data; a classifier needs at least two");
    }
    int[] instanceNumbers = new int[keptCount];
    for (int r = 0; r < keptCount; r++) {
      instanceNumbers[r] = keptRows[r] + 1;
    }
    DesignEncoder.Learned learned = DesignEncoder.learn(kept, treatmentCoding,
        instanceNumbers);
    LogisticProblem problem = new LogisticProblem(learned.design(), classes, weights,
        numClasses);
    return new TrainingSet(new Instances(data, 0), learned.encoder(), problem);
  }

  private static void checkValues(Instances data, Instance instance, int row) {
    for (int s = 0; s < instance.numValues(); s++) {
      int a = instance.index(s);
      if (a == data.classIndex()) {
        continue;
      }
      double value = instance.valueSparse(s);
      if (Double.isInfinite(value)) {
        throw DesignEncoder.infiniteValue(data, a, row + 1, value);
      }
    }
  }

  /** The data's structure, without rows. */
  public Instances header() {
    return header;
  }

  public DesignEncoder encoder() {
    return encoder;
  }

  public LogisticProblem problem() {
    return problem;
  }
}
