package org.elasticnetlogistic.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.From;

/** The elastic-net mixing alpha: exactly 0 (ridge), in between, or exactly 1 (lasso). */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@From(supplier = Generators.Alphas.class)
@interface Alpha {

  /** Whether alpha = 0 (pure ridge, which zeroes nothing) may be generated. */
  boolean ridge() default true;
}
