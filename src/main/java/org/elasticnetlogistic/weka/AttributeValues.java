package org.elasticnetlogistic.weka;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoublePredicate;

import weka.core.Attribute;
import weka.core.Instances;

/**
 * A per-attribute option value, written either as one number for every attribute or as a
 * list {@code name:value,name:value} (an attribute name may itself hold ':' or ','
 * only if the last ':' of each entry separates the value). Parsed and checked when the
 * option is set; matched to the data's attributes, and expanded to design columns, when
 * the classifier is built. Immutable.
 */
public final class AttributeValues implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String option;
  private final double everywhere;
  private final Map<String, Double> byName;

  private AttributeValues(String option, double everywhere, Map<String, Double> byName) {
    this.option = option;
    this.everywhere = everywhere;
    this.byName = byName;
  }

  /** No value given: every column keeps the default. */
  public static AttributeValues none(String option) {
    return new AttributeValues(option, Double.NaN, Collections.emptyMap());
  }

  /**
   * @param option the option's name, for messages
   * @param text the option's text; empty means none
   * @param allowScalar whether one number for every attribute is allowed
   * @param valid which values are allowed
   * @param requirement how to say what is allowed, e.g. "finite and >= 0"
   * @throws IllegalArgumentException naming the option and the bad entry
   */
  public static AttributeValues parse(String option, String text, boolean allowScalar,
      DoublePredicate valid, String requirement) {
    String spec = text == null ? "" : text.trim();
    if (spec.isEmpty()) {
      return none(option);
    }
    if (allowScalar && !spec.contains(":")) {
      double value = number(option, spec, spec);
      if (!valid.test(value)) {
        throw new IllegalArgumentException("-" + option + " must be " + requirement + ", got "
            + spec);
      }
      return new AttributeValues(option, value, Collections.emptyMap());
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String item = entry.trim();
      int colon = item.lastIndexOf(':');
      if (colon <= 0 || colon == item.length() - 1) {
        throw new IllegalArgumentException("-" + option + " expects name:value entries "
            + "separated by commas, got '" + item + "'");
      }
      String name = item.substring(0, colon).trim();
      double value = number(option, item.substring(colon + 1).trim(), item);
      if (!valid.test(value)) {
        throw new IllegalArgumentException("-" + option + ": the value for '" + name
            + "' must be " + requirement + ", got " + value);
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("-" + option + " names '" + name + "' twice");
      }
    }
    return new AttributeValues(option, Double.NaN, values);
  }

  /** Each listed name gets the same value (for -unpenalized a,b). */
  public static AttributeValues names(String option, String text, double value) {
    String spec = text == null ? "" : text.trim();
    if (spec.isEmpty()) {
      return none(option);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String name = entry.trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("-" + option + " has an empty attribute name");
      }
      values.put(name, value);
    }
    return new AttributeValues(option, Double.NaN, values);
  }

  private static double number(String option, String text, String entry) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + option + " needs a number in '" + entry + "'");
    }
  }

  public boolean isEmpty() {
    return Double.isNaN(everywhere) && byName.isEmpty();
  }

  /** The same values with another's entries added (later wins); both from one option set. */
  public AttributeValues with(AttributeValues other) {
    if (other.isEmpty()) {
      return this;
    }
    Map<String, Double> merged = new LinkedHashMap<>(byName);
    merged.putAll(other.byName);
    double all = Double.isNaN(other.everywhere) ? everywhere : other.everywhere;
    return new AttributeValues(option, all, merged);
  }

  /**
   * The value of every design column, or null when nothing was given.
   *
   * @param fallback the value of a column whose attribute is not listed
   * @throws IllegalArgumentException when a listed name is not a predictor of the data
   */
  public double[] perColumn(Instances header, DesignEncoder encoder, double fallback) {
    if (isEmpty()) {
      return null;
    }
    double[] out = new double[encoder.columns()];
    java.util.Arrays.fill(out, Double.isNaN(everywhere) ? fallback : everywhere);
    for (Map.Entry<String, Double> entry : byName.entrySet()) {
      Attribute attribute = header.attribute(entry.getKey());
      if (attribute == null || attribute.index() == header.classIndex()) {
        throw new IllegalArgumentException("-" + option + " names '" + entry.getKey()
            + "', which is not a predictor attribute of the data");
      }
      for (int column : encoder.columnsOf(attribute.index())) {
        out[column] = entry.getValue();
      }
    }
    return out;
  }

  /** The option text this was parsed from, canonically. */
  public String text() {
    if (!Double.isNaN(everywhere) && byName.isEmpty()) {
      return Double.toString(everywhere);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Double> entry : byName.entrySet()) {
      out.append(out.length() == 0 ? "" : ",").append(entry.getKey()).append(':')
          .append(entry.getValue());
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
