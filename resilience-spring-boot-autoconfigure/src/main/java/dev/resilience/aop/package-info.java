/**
 * The advising bean post-processor and the per-method pipelines that turn annotations into policies.
 */
@NullMarked
package dev.resilience.aop;

import org.jspecify.annotations.NullMarked;
