package org.elasticnetlogistic.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.From;

/**
 * A linear predictor for the scalar kernels: near zero, moderate, and large up to
 * |z| = {@link #max()}, with the boundaries as edge cases.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@From(supplier = Generators.LinearPredictors.class)
@interface LinearPredictor {

  double max() default 1000;
}
