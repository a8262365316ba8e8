package org.elasticnetlogistic.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.From;

/** A coefficient value in [-max, max], spread evenly; zero is an edge case. */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@From(supplier = Generators.CoefficientValues.class)
@interface Coefficient {

  double max() default 2;
}
