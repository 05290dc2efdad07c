package org.budgetledger.kit.scope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that finds its units elsewhere than in its path (a posting's body, a list it filters) and checks them
 * itself with {@link UnitScopes}. Without this, an endpoint with no unit in its path is for the whole installation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ScopedByHandler {}
