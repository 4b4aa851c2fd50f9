/**
 * The stages that apply each policy around a call, synchronous and asynchronous, and the
 * adapters of asynchronous return types. They know no Spring AOP or HTTP type: annotated methods
 * and the HTTP client guards describe their calls through {@link dev.resilience.pipeline.Attempts}.
 */
@NullMarked
package dev.resilience.pipeline;

import org.jspecify.annotations.NullMarked;
