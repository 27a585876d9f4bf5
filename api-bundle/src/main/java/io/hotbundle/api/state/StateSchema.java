package io.hotbundle.api.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version of a state record. Raise it when a change needs more than the defaults for added fields
 * (a renamed field, a changed meaning), and restore with a {@link StateMigration}. A record without it is
 * version 1.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StateSchema {

    /** The version, 1 or more. */
    int value();
}
