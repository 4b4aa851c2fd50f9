/**
 * The annotations users put on service methods and classes; they carry no logic.
 */
@NullMarked
package dev.resilience.annotation;

import org.jspecify.annotations.NullMarked;
