package org.elasticnetlogistic.weka;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import weka.core.Attribute;

/**
 * Class weights that multiply the instance weights: "balanced" (W / (K W_k), as
 * scikit-learn's balanced weights, with K the classes that have weight) or an explicit list
 * {@code classValue:weight,...} (unlisted classes keep 1). Immutable.
 */
public final class ClassWeights implements Serializable {

  private static final long serialVersionUID = 1L;

  private final boolean balanced;
  private final Map<String, Double> explicit;

  private ClassWeights(boolean balanced, Map<String, Double> explicit) {
    this.balanced = balanced;
    this.explicit = explicit;
  }

  public static ClassWeights none() {
    return new ClassWeights(false, Collections.emptyMap());
  }

  /** @throws IllegalArgumentException naming the bad entry */
  public static ClassWeights parse(String text) {
    String spec = text == null ? "" : text.trim();
    if (spec.isEmpty()) {
      return none();
    }
    if (spec.equalsIgnoreCase("balanced")) {
      return new ClassWeights(true, Collections.emptyMap());
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String item = entry.trim();
      int colon = item.lastIndexOf(':');
      if (colon <= 0 || colon == item.length() - 1) {
        throw new IllegalArgumentException("-class-weights expects 'balanced' or "
            + "class:weight entries separated by commas, got '" + item + "'");
      }
      double weight;
      try {
        weight = Double.parseDouble(item.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-class-weights needs a number in '" + item + "'");
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("-class-weights: the weight of class '"
            + item.substring(0, colon) + "' must be positive and finite, got " + weight);
      }
      values.put(item.substring(0, colon).trim(), weight);
    }
    return new ClassWeights(false, values);
  }

  public boolean isEmpty() {
    return !balanced && explicit.isEmpty();
  }

  public boolean isBalanced() {
    return balanced;
  }

  /**
   * The multiplier of each class value.
   *
   * @param classWeight the total instance weight of each class
   * @throws IllegalArgumentException when a listed class is not a value of the class
   */
  public double[] multipliers(Attribute classAttribute, double[] classWeight) {
    int k = classAttribute.numValues();
    double[] out = new double[k];
    java.util.Arrays.fill(out, 1.0);
    if (balanced) {
      double total = 0;
      int present = 0;
      for (double w : classWeight) {
        total += w;
        if (w > 0) {
          present++;
        }
      }
      for (int c = 0; c < k; c++) {
        out[c] = classWeight[c] > 0 ? total / (present * classWeight[c]) : 1.0;
      }
      return out;
    }
    for (Map.Entry<String, Double> entry : explicit.entrySet()) {
      int index = classAttribute.indexOfValue(entry.getKey());
      if (index < 0) {
        throw new IllegalArgumentException("-class-weights names class '" + entry.getKey()
            + "', which is not a value of the class attribute '" + classAttribute.name() + "'");
      }
      out[index] = entry.getValue();
    }
    return out;
  }

  public String text() {
    if (balanced) {
      return "balanced";
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Double> entry : explicit.entrySet()) {
      out.append(out.length() == 0 ? "" : ",").append(entry.getKey()).append(':')
          .append(entry.getValue());
    }
    return out.toString();
  }
}
