package dev.resilience.kotlin

import dev.resilience.core.Clock
import dev.resilience.core.DelayScheduler
import dev.resilience.core.Sleeper
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler

/**
 * The starter's clock and delay scheduler on kotlinx-coroutines-test's virtual time: inside
 * `runTest(time.scheduler)` backoffs, timeouts and waits pass as soon as nothing else can run.
 * A policy that blocked a thread instead fails the test.
 */
@OptIn(ExperimentalCoroutinesApi::class)
class VirtualTime : Clock, Sleeper, DelayScheduler {

    val scheduler = TestCoroutineScheduler()

    private val timers = CoroutineScope(StandardTestDispatcher(scheduler))

    override fun nanoTime(): Long = scheduler.currentTime * 1_000_000

    override fun currentTimeMillis(): Long = scheduler.currentTime

    override fun sleep(nanos: Long) = throw AssertionError("a thread was blocked for $nanos ns")

    override fun schedule(task: Runnable, delayNanos: Long): DelayScheduler.Cancellable {
        val timer = timers.launch {
            delay((delayNanos + 999_999) / 1_000_000)
            task.run()
        }
        return DelayScheduler.Cancellable { timer.cancel() }
    }

}
