package org.elasticnetlogistic.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.From;

/**
 * A generated {@link GeneratedProblem}: n rows, p columns, K classes, classes drawn from a
 * random true model of random strength (every class occurs), unit or random weights, a dense
 * or a sparse design. Use as {@code @ForAll @SmallProblem GeneratedProblem problem}; the
 * attributes narrow the regime.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@From(supplier = Generators.SmallProblems.class)
@interface SmallProblem {

  int minRows() default 12;

  int maxRows() default 40;

  int maxColumns() default 8;

  int minClasses() default 2;

  int maxClasses() default 4;

  /** The storage of the design; dense, sparse, or both. */
  Layout[] layouts() default {Layout.DENSE, Layout.SPARSE};

  /** Unit weights, random weights, or both. */
  Weighting[] weightings() default {Weighting.UNIT, Weighting.RANDOM};

  /** How the design is stored and how many of its values are zero. */
  enum Layout {
    /** Mostly non-zero values, stored dense. */
    DENSE,
    /** Mostly zeros, stored in compressed sparse columns. */
    SPARSE
  }

  /** The row weights. */
  enum Weighting {
    /** Every weight one. */
    UNIT,
    /** Weights in [0.2, 3]. */
    RANDOM
  }
}
