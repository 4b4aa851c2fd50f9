package dev.resilience.sample.shop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.TimeLimiterExecutors;

/**
 * Loads one page as {@code wrk} does: a number of clients, each with its own connection, send a
 * request, wait for the answer and send the next, for a fixed wall-clock time. Each answer is
 * kept with its latency. While the load runs, the threads of the whole JVM (the shop and the
 * clients share it) are counted, by kind, every 50 milliseconds.
 *
 * <p>Over the JDK's {@link HttpClient} with HTTP/1.1, one connection per client in flight, as a
 * browser or {@code wrk} would open them.
 */
final class Load {

	/** Names of the client threads, so that they can be told apart from the shop's. */
	private static final String CLIENT_THREAD_PREFIX = "load-client-";

	/** A request that has not been answered after this has hung; the load reports it as status 0. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SAMPLING_PERIOD = Duration.ofMillis(50);

	private final URI uri;

	private final int clients;

	private final IntSupplier serverThreads;

	/** Returns the address of a page of the shop that listens on the given port. */
	static URI page(int port, String pathAndQuery) {
		return URI.create("http://localhost:" + port + pathAndQuery);
	}

	/**
	 * Prepares a load.
	 * @param uri the page to load
	 * @param clients how many clients send requests at once
	 * @param serverThreads the request threads of the server under load, counted while it runs
	 */
	Load(URI uri, int clients, IntSupplier serverThreads) {
		this.uri = uri;
		this.clients = clients;
		this.serverThreads = serverThreads;
	}

	/**
	 * Runs the load: every client sends requests one after the other until the duration has
	 * passed, then waits for its last answer.
	 * @param duration how long clients keep sending
	 * @return the answers and the threads counted
	 */
	Result run(Duration duration) throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.header("Accept", "application/json")
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
		AtomicInteger clientNumber = new AtomicInteger();
		ExecutorService clientThreads = Executors.newFixedThreadPool(this.clients,
				(task) -> new Thread(task, CLIENT_THREAD_PREFIX + clientNumber.incrementAndGet()));
		ThreadCounter threads = new ThreadCounter(this.serverThreads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<List<Answer>>> perClient = new ArrayList<>();
			for (int client = 0; client < this.clients; client++) {
				perClient.add(clientThreads.submit(() -> {
					go.await();
					return sendUntil(http, request, System.nanoTime() + duration.toNanos());
				}));
			}
			threads.start();
			long start = System.nanoTime();
			go.countDown();
			List<Answer> answers = new ArrayList<>();
			for (Future<List<Answer>> client : perClient) {
				answers.addAll(client.get(duration.plus(REQUEST_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS));
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new Result(this.clients, answers, took, threads.stop());
		}
		finally {
			threads.stop();
			clientThreads.shutdownNow();
		}
	}

	private static List<Answer> sendUntil(HttpClient http, HttpRequest request, long endNanos) {
		List<Answer> answers = new ArrayList<>();
		while (System.nanoTime() - endNanos < 0) {
			long start = System.nanoTime();
			int status;
			String body;
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
				body = response.body();
			}
			catch (Exception ex) {
				status = 0;
				body = ex.toString();
			}
			answers.add(new Answer(status, body, Duration.ofNanos(System.nanoTime() - start)));
		}
		return answers;
	}

	/**
	 * What a load produced.
	 * @param clients clients that sent requests at once
	 * @param answers every answer, status 0 for a request that failed without one
	 * @param took from the start until the last answer
	 * @param threads the threads counted while the load ran
	 */
	record Result(int clients, List<Answer> answers, Duration took, Threads threads) {

		double perSecond() {
			return this.answers.size() / (this.took.toNanos() / 1e9);
		}

		Duration percentile(double percent) {
			long[] nanos = this.answers.stream().mapToLong((answer) -> answer.took().toNanos()).sorted().toArray();
			if (nanos.length == 0) {
				return Duration.ZERO;
			}
			int index = (int) Math.ceil(percent / 100 * nanos.length) - 1;
			return Duration.ofNanos(nanos[Math.max(0, Math.min(index, nanos.length - 1))]);
		}

		Duration slowest() {
			return percentile(100);
		}

		/** Counts the answers by what they show, as the given function names it. */
		Map<String, Long> countBy(Function<Answer, String> whatItShows) {
			return this.answers.stream()
				.collect(Collectors.groupingBy(whatItShows, TreeMap::new, Collectors.counting()));
		}

		/** One line, to be read in the build's output and copied into the README. */
		String summary(String name) {
			return String.format(
					"Load, %s: %d clients, %.1f s: %,d pages, %,.0f pages/s, p50 %d ms, p99 %d ms, slowest %d ms; "
							+ "threads at peak: %d in the JVM (%d before the load, %d of them load clients), "
							+ "%d resilience-time-limiter in the JVM (%d before, at most %d at work at once), "
							+ "%d Tomcat request threads, %d resilience-scheduler",
					name, this.clients, this.took.toMillis() / 1000.0, this.answers.size(), perSecond(),
					percentile(50).toMillis(), percentile(99).toMillis(), slowest().toMillis(), this.threads.peakLive(),
					this.threads.liveBefore(), this.clients, this.threads.peakTimeLimiter(),
					this.threads.timeLimiterBefore(), this.threads.peakTimeLimiterAtWork(), this.threads.peakServer(),
					this.threads.peakScheduler());
		}

	}

	/**
	 * One answer as the client saw it.
	 * @param status the HTTP status, 0 when no answer came
	 * @param body the body, or the failure when no answer came
	 * @param took from sending the request to the end of the body
	 */
	record Answer(int status, String body, Duration took) {
	}

	/**
	 * Threads counted while a load ran. Threads are told apart by name, so the counts of the
	 * starter's threads include those of every application context in the JVM (a test suite
	 * keeps several), idle ones included.
	 * @param liveBefore live threads of the JVM just before the load
	 * @param peakLive the JVM's peak of live threads during the load ({@link ThreadMXBean})
	 * @param timeLimiterBefore {@code resilience-time-limiter-*} threads alive just before the load
	 * @param peakTimeLimiter most {@code resilience-time-limiter-*} threads alive at once
	 * @param peakTimeLimiterAtWork most {@code resilience-time-limiter-*} threads at once that were
	 * not waiting in their pool for a task: running a call, or stuck in one that was abandoned
	 * @param peakServer most request threads of the server under load at once
	 * @param peakScheduler most {@code resilience-scheduler-*} threads alive at once
	 */
	record Threads(int liveBefore, int peakLive, int timeLimiterBefore, int peakTimeLimiter,
			int peakTimeLimiterAtWork, int peakServer, int peakScheduler) {
	}

	/**
	 * Counts threads by name at a fixed rate on a thread of its own, and tells the time limiter's
	 * threads at work from idle ones by their stacks. The JVM's peak comes from
	 * {@link ThreadMXBean#getPeakThreadCount()}, which misses no thread between two samples.
	 */
	private static final class ThreadCounter {

		private static final int TIME_LIMITER = 0;

		private static final int SERVER = 1;

		private static final int SCHEDULER = 2;

		private static final int TIME_LIMITER_AT_WORK = 3;

		/** Deep enough to see a pool's worker waiting for a task in {@code getTask}. */
		private static final int STACK_DEPTH = 8;

		private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		private final IntSupplier serverThreads;

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "load-thread-counter");
			thread.setDaemon(true);
			return thread;
		});

		private final int[] peaks = new int[4];

		private int liveBefore;

		private int timeLimiterBefore;

		private @Nullable Threads counted;

		ThreadCounter(IntSupplier serverThreads) {
			this.serverThreads = serverThreads;
		}

		void start() {
			this.liveBefore = this.threads.getThreadCount();
			this.timeLimiterBefore = count()[TIME_LIMITER];
			this.threads.resetPeakThreadCount();
			this.sampler.scheduleAtFixedRate(this::sample, 0, SAMPLING_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
		}

		/** Stops sampling and returns the counts; called again, returns the same counts. */
		Threads stop() throws InterruptedException {
			if (this.counted == null) {
				this.sampler.shutdownNow();
				this.sampler.awaitTermination(1, TimeUnit.SECONDS);
				sample();
				this.counted = new Threads(this.liveBefore, this.threads.getPeakThreadCount(), this.timeLimiterBefore,
						this.peaks[TIME_LIMITER], this.peaks[TIME_LIMITER_AT_WORK], this.peaks[SERVER],
						this.peaks[SCHEDULER]);
			}
			return this.counted;
		}

		private void sample() {
			int[] counts = count();
			Arrays.setAll(this.peaks, (kind) -> Math.max(this.peaks[kind], counts[kind]));
		}

		private int[] count() {
			int[] counts = new int[4];
			long[] timeLimiterThreads = new long[0];
			for (ThreadInfo thread : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
				if (thread == null) {
					continue;
				}
				String name = thread.getThreadName();
				if (name.startsWith(TimeLimiterExecutors.THREAD_NAME_PREFIX)) {
					timeLimiterThreads = Arrays.copyOf(timeLimiterThreads, timeLimiterThreads.length + 1);
					timeLimiterThreads[timeLimiterThreads.length - 1] = thread.getThreadId();
				}
				else if (name.startsWith("resilience-scheduler-")) {
					counts[SCHEDULER]++;
				}
			}
			// Stacks only of the few threads that need them: a stack is taken at a safepoint, which
			// stops every thread of the JVM, and would slow the load down.
			for (ThreadInfo thread : this.threads.getThreadInfo(timeLimiterThreads, STACK_DEPTH)) {
				if (thread == null) {
					continue;
				}
				counts[TIME_LIMITER]++;
				if (!waitsForATask(thread)) {
					counts[TIME_LIMITER_AT_WORK]++;
				}
			}
			counts[SERVER] = this.serverThreads.getAsInt();
			return counts;
		}

		/** Whether a pool's worker is idle: it waits in the pool for a task to run. */
		private static boolean waitsForATask(ThreadInfo thread) {
			for (StackTraceElement frame : thread.getStackTrace()) {
				if (frame.getMethodName().equals("getTask") && frame.getClassName().endsWith("ThreadPoolExecutor")) {
					return true;
				}
			}
			return false;
		}

	}

}
