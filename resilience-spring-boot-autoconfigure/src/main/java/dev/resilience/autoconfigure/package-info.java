/**
 * Auto-configuration, configuration properties and failure analyzers of the starter.
 */
@NullMarked
package dev.resilience.autoconfigure;

import org.jspecify.annotations.NullMarked;
