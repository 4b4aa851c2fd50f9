#!/usr/bin/env python3
"""Prints the benchmark results of JMH's JSON output as Markdown tables, with the targets of the
per-call overhead checked. Usage: table.py results.json [environment.txt]
                           or: table.py --compare before.json after.json (the same benchmarks side by side)"""

import json
import sys

CALL = "dev.resilience.benchmarks.CallBenchmark."
CLOCK = "dev.resilience.benchmarks.ClockBenchmark."
CLOCK_ROWS = [
    ("nanoTime", "one `System.nanoTime()` (what a per-call duration is paid in, twice)"),
    ("currentTimeMillis", "one `System.currentTimeMillis()`"),
]
CONTENTION = "dev.resilience.benchmarks.ContentionBenchmark."
CONTENTION_4 = "dev.resilience.benchmarks.FourThreadContentionBenchmark."
STARTUP = "dev.resilience.benchmarks.StartupBenchmark."
REDIS = "dev.resilience.benchmarks.RedisDecisionBenchmark."

# (benchmark, label, the Resilience4j benchmark it is compared with)
CALL_ROWS = [
    ("baselineDirect", "direct call, no proxy", None),
    ("baselineProxy", "**Spring proxy, no advice (baseline)**", None),
    ("baselineProxyNoOpInterceptor", "Spring proxy, one no-op `MethodInterceptor`", None),
    ("oursCircuitGuarded", "ours `@CircuitGuarded`", "resilience4jCircuitBreaker"),
    ("resilience4jCircuitBreaker", "Resilience4j `@CircuitBreaker`", None),
    ("oursRetryable", "ours `@Retryable`", "resilience4jRetry"),
    ("resilience4jRetry", "Resilience4j `@Retry`", None),
    ("springRetryable", "Spring Framework 7 `@Retryable`", None),
    ("oursRetryableCircuitGuardedFallback", "ours `@Retryable @CircuitGuarded @Fallback`",
     "resilience4jRetryCircuitBreakerFallback"),
    ("resilience4jRetryCircuitBreakerFallback", "Resilience4j `@Retry(fallbackMethod) @CircuitBreaker`", None),
    ("oursTimeLimited", "ours `@TimeLimited` (synchronous method)", None),
]
# The declared limits, each set so high that it never refuses; ours also against the no-op interceptor
LIMIT_ROWS = [
    ("baselineProxy", "**Spring proxy, no advice (baseline)**", None),
    ("baselineProxyNoOpInterceptor", "**Spring proxy, one no-op `MethodInterceptor` (floor)**", None),
    ("oursConcurrencyLimited", "ours `@ConcurrencyLimited`", "resilience4jBulkhead"),
    ("resilience4jBulkhead", "Resilience4j `@Bulkhead` (semaphore)", None),
    ("springConcurrencyLimit", "Spring Framework 7 `@ConcurrencyLimit`", None),
    ("oursRateLimited", "ours `@RateLimited`", "resilience4jRateLimiter"),
    ("resilience4jRateLimiter", "Resilience4j `@RateLimiter`", None),
]
# Each of our declared limits: at most this many times the no-op interceptor's time
LIMIT_GOAL = 1.5
CONTENTION_ROWS = [
    ("baselineProxy", "Spring proxy, no advice (baseline)", None),
    ("baselineProxyNoOpInterceptor", "Spring proxy, one no-op `MethodInterceptor`", None),
    ("oursCircuitGuarded", "ours `@CircuitGuarded`", "resilience4jCircuitBreaker"),
    ("oursRetryable", "ours `@Retryable`", None),
    ("resilience4jCircuitBreaker", "Resilience4j `@CircuitBreaker`", None),
]
# The hot path against the floor of any interceptor (the no-op interceptor): benchmark, label, goal (× floor)
FLOOR_ROWS = [
    ("baselineProxyNoOpInterceptor", "**Spring proxy, one no-op `MethodInterceptor` (floor)**", None),
    ("oursCircuitGuarded", "ours `@CircuitGuarded`", 1.5),
    ("oursRetryable", "ours `@Retryable`", 1.5),
    ("springRetryable", "Spring Framework 7 `@Retryable`", None),
    ("resilience4jRetry", "Resilience4j `@Retry`", None),
    ("oursRetryableCircuitGuardedFallback", "ours `@Retryable @CircuitGuarded @Fallback`", 2.0),
    ("resilience4jRetryCircuitBreakerFallback", "Resilience4j `@Retry(fallbackMethod) @CircuitBreaker`", None),
    ("oursTimeLimited", "ours `@TimeLimited` (synchronous method)", None),
]
# Per call on each of several threads sharing one instance: at most this many times one thread's time
CONTENTION_GOAL = 1.2
# A synchronous time limit: at most this many nanoseconds per call
TIME_LIMITED_GOAL_NS = 5000
STARTUP_ROWS = [
    ("baselineWithoutResilience", "same beans, no resilience library (baseline)", None),
    ("ours", "ours: start", "resilience4j"),
    ("resilience4j", "Resilience4j: start", None),
    ("oursThenCallEach", "ours: start, then call each method once", "resilience4jThenCallEach"),
    ("resilience4jThenCallEach", "Resilience4j: start, then call each method once", None),
]
# Sample-time benchmarks (the distribution of the time per call): benchmark, label
SAMPLE_ROWS = [
    (REDIS + "localDecision", "rate-limit decision kept locally (`RateLimiter.of`)"),
    (REDIS + "redisDecision", "rate-limit decision kept in Redis (`RedisRateLimiter`, loopback)"),
]
PERCENTILES = ["50.0", "90.0", "99.0", "99.9"]


def load(path):
    results = {}
    with open(path) as f:
        for entry in json.load(f):
            primary = entry["primaryMetric"]
            alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            results[entry["benchmark"]] = {
                "score": primary["score"],
                "error": primary["scoreError"],
                "unit": primary["scoreUnit"],
                "alloc": alloc["score"] if alloc else None,
                "mode": entry.get("mode"),
                "percentiles": primary.get("scorePercentiles", {}),
                "samples": samples(primary.get("rawDataHistogram")),
                "jdk": entry.get("jdkVersion", "?") + " " + entry.get("vmName", "") + " " + entry.get("vmVersion", ""),
            }
    return results


def samples(histograms):
    """The number of calls sampled: rawDataHistogram holds, per fork and iteration, [time, count] pairs."""
    if not histograms:
        return None
    return sum(count for fork in histograms for iteration in fork for _, count in iteration)


def num(value, digits=1):
    if isinstance(value, str):  # JMH writes "NaN" for an error it could not compute
        return "n/a"
    if value is None or value != value:
        return "n/a"
    return f"{value:,.{digits}f}"


def bytes_per_op(value):
    return "n/a" if value is None else f"{max(value, 0):,.0f}"


def table(results, prefix, rows, baseline, unit_label, alloc_label, alloc_scale, overhead, floor_name=None):
    header = f"| case | {unit_label} | ± (99.9%) | {alloc_label} | × baseline |"
    if floor_name:
        header += " × no-op interceptor |"
    header += " × Resilience4j |"
    if overhead:
        header += " overhead over baseline | ÷ Resilience4j's overhead |"
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    base = results.get(prefix + baseline)
    floor = results.get(prefix + floor_name) if floor_name else None
    for name, label, peer_name in rows:
        r = results.get(prefix + name)
        if r is None:
            continue
        peer = results.get(prefix + peer_name) if peer_name else None
        alloc = None if r["alloc"] is None else r["alloc"] / alloc_scale
        cells = [label, num(r["score"]), num(r["error"]),
                 (num(alloc, 2) if alloc_scale > 1 else bytes_per_op(alloc)),
                 num(r["score"] / base["score"], 2) + "×" if base else "n/a"]
        if floor_name:
            cells.append(num(r["score"] / floor["score"], 2) + "×" if floor else "n/a")
        cells.append((num(r["score"] / peer["score"], 2) + "×") if peer else "")
        if overhead:
            own = r["score"] - base["score"] if base else None
            cells.append(num(own) if name.startswith(("ours", "resilience4j", "spring")) else "")
            if peer and base:
                cells.append(num(own / (peer["score"] - base["score"]), 2))
            else:
                cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sample_table(results):
    """p50, p90, p99, p99.9 and mean per call of every sample-time benchmark, the known ones first."""
    names = [name for name, _ in SAMPLE_ROWS if name in results]
    names += sorted(name for name, r in results.items() if r["mode"] == "sample" and name not in names)
    if not names:
        return None
    unit = results[names[0]]["unit"]
    header = (f"| case | p50 | p90 | p99 | p99.9 | mean | ± (99.9%) | B/op | samples |\n"
              f"|---|---|---|---|---|---|---|---|---|")
    labels = dict(SAMPLE_ROWS)
    lines = [f"Time per call in {unit.split('/')[0]}.\n", header]
    for name in names:
        r = results[name]
        cells = [labels.get(name, "`" + name.rsplit(".", 1)[-1] + "`")]
        cells += [num(r["percentiles"].get(p)) for p in PERCENTILES]
        cells += [num(r["score"]), num(r["error"]), bytes_per_op(r["alloc"]),
                  "n/a" if r["samples"] is None else f"{r['samples']:,}"]
        lines.append("| " + " | ".join(cells) + " |")
    local, redis = results.get(SAMPLE_ROWS[0][0]), results.get(SAMPLE_ROWS[1][0])
    if local and redis:
        ratios = [f"p{label} {redis['percentiles'][p] / local['percentiles'][p]:,.0f}×"
                  for p, label in (("50.0", "50"), ("99.0", "99")) if local["percentiles"].get(p)]
        ratios.append(f"mean {redis['score'] / local['score']:,.0f}×")
        lines.append("\nRedis against local: " + ", ".join(ratios) + ".")
    return "\n".join(lines)


def floor_table(results):
    """Each annotation's time as a multiple of the no-op interceptor's, with the goal where there is one."""
    floor = results.get(CALL + "baselineProxyNoOpInterceptor")
    if floor is None:
        return None
    lines = ["| case | ns/op | ± (99.9%) | B/op | × floor | goal |", "|---|---|---|---|---|---|"]
    for name, label, goal in FLOOR_ROWS:
        r = results.get(CALL + name)
        if r is None:
            continue
        ratio = r["score"] / floor["score"]
        verdict = ""
        if goal:
            verdict = f"≤ {goal}×: " + ("**met**" if ratio <= goal else "**not met**")
        elif name == "oursTimeLimited":
            verdict = f"≤ {TIME_LIMITED_GOAL_NS:,} ns: " + ("**met**" if r["score"] <= TIME_LIMITED_GOAL_NS else "**not met**")
        lines.append(f"| {label} | {num(r['score'])} | {num(r['error'])} | {bytes_per_op(r['alloc'])} | "
                     f"{num(ratio, 2)}× | {verdict} |")
    for name, label in CLOCK_ROWS:
        r = results.get(CLOCK + name)
        if r is not None:
            lines.append(f"| {label} | {num(r['score'])} | {num(r['error'])} | {bytes_per_op(r['alloc'])} | "
                         f"{num(r['score'] / floor['score'], 2)}× | |")
    return "\n".join(lines)


def contention_table(results):
    """Per call on each thread with two and four threads on one instance, against one thread's time."""
    lines = ["| case | 1 thread, ns/op | 2 threads, ns/op | ± | × 1 thread | 4 threads, ns/op | ± | × 1 thread | B/op (2 threads) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, label, _ in CONTENTION_ROWS:
        one, two, four = (results.get(prefix + name) for prefix in (CALL, CONTENTION, CONTENTION_4))
        if two is None and four is None:
            continue
        cells = [label, num(one["score"]) if one else "n/a"]
        for r in (two, four):
            if r is None:
                cells += ["n/a", "", ""]
                continue
            cells += [num(r["score"]), num(r["error"]), num(r["score"] / one["score"], 2) + "×" if one else "n/a"]
        cells.append(bytes_per_op(two["alloc"]) if two else "n/a")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def compare(before_path, after_path):
    """Every benchmark of both runs, before beside after, in the order of the after run."""
    before, after = load(before_path), load(after_path)
    lines = ["| benchmark | before | ± | B/op | after | ± | B/op | after ÷ before |", "|---|---|---|---|---|---|---|---|"]
    for name, a in after.items():
        b = before.get(name)
        if b is None:
            continue
        short = name.replace("dev.resilience.benchmarks.", "")
        lines.append(f"| `{short}` | {num(b['score'])} | {num(b['error'])} | {bytes_per_op(b['alloc'])} | "
                     f"{num(a['score'])} | {num(a['error'])} | {bytes_per_op(a['alloc'])} | "
                     f"{num(a['score'] / b['score'], 2)} |")
    unit = next(iter(after.values()))["unit"]
    print(f"Times in {unit}.\n")
    print("\n".join(lines))
    print("\nJDK before: " + next(iter(before.values()))["jdk"] + "; after: " + next(iter(after.values()))["jdk"])


def targets(results):
    out = []
    base = results.get(CALL + "baselineProxy")
    if base is None:
        return out
    for ours, peer in [("oursCircuitGuarded", "resilience4jCircuitBreaker"), ("oursRetryable", "resilience4jRetry"),
                       ("oursRetryableCircuitGuardedFallback", "resilience4jRetryCircuitBreakerFallback")]:
        o, p = results.get(CALL + ours), results.get(CALL + peer)
        if o and p:
            ratio = (o["score"] - base["score"]) / (p["score"] - base["score"])
            out.append(f"- overhead of `{ours}` at most 1/3 of `{peer}`'s: ratio {ratio:.2f}: "
                       + ("**met**" if ratio <= 1 / 3 else "**missed**"))
    o, floor = results.get(CALL + "oursRetryableCircuitGuardedFallback"), results.get(CALL + "baselineProxyNoOpInterceptor")
    if o and floor and o["alloc"] is not None and floor["alloc"] is not None:
        own = o["alloc"] - floor["alloc"]
        out.append(f"- zero bytes per call for `@Retryable @CircuitGuarded` (measured with `@Fallback` too): "
                   f"{o['alloc']:.0f} B/op in all, of which {floor['alloc']:.0f} B/op are Spring AOP's own per-call "
                   f"objects (the no-op interceptor row) and {own:.0f} B/op ours: "
                   + ("**met** for our code" if own < 1 else "**missed**")
                   + ("" if o["alloc"] < 1 else " (not zero in absolute terms)"))
    o, s = results.get(CALL + "oursRetryable"), results.get(CALL + "springRetryable")
    if o and s:
        out.append(f"- `@Retryable` no slower than Spring Framework's: {o['score']:.1f} vs {s['score']:.1f} ns/op: "
                   + ("**met**" if o["score"] <= s["score"] else "**missed**"))
    floor = results.get(CALL + "baselineProxyNoOpInterceptor")
    for ours, label in [("oursConcurrencyLimited", "@ConcurrencyLimited"), ("oursRateLimited", "@RateLimited")]:
        o = results.get(CALL + ours)
        if o and floor:
            ratio = o["score"] / floor["score"]
            line = (f"- `{label}` at most {LIMIT_GOAL}× the no-op interceptor's time: {o['score']:.1f} vs "
                    f"{floor['score']:.1f} ns/op, {ratio:.2f}×: " + ("**met**" if ratio <= LIMIT_GOAL else "**missed**"))
            if o["alloc"] is not None and floor["alloc"] is not None:
                own = o["alloc"] - floor["alloc"]
                line += (f"; no allocation beyond the proxy's own {floor['alloc']:.0f} B/op: {o['alloc']:.0f} B/op, "
                         f"{own:.0f} B/op ours: " + ("**met**" if own < 1 else "**missed**"))
            out.append(line)
    for prefix, threads in ((CONTENTION, "two"), (CONTENTION_4, "four")):
        for ours, label in [("oursCircuitGuarded", "@CircuitGuarded"), ("oursRetryable", "@Retryable")]:
            one, many = results.get(CALL + ours), results.get(prefix + ours)
            if one and many:
                ratio = many["score"] / one["score"]
                out.append(f"- `{label}`, {threads} threads on one instance within {CONTENTION_GOAL}× of one thread: "
                           f"{many['score']:.1f} vs {one['score']:.1f} ns/op, {ratio:.2f}×: "
                           + ("**met**" if ratio <= CONTENTION_GOAL else "**not met**"))
    return out


def main():
    if sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    results = load(sys.argv[1])
    if not results:
        sys.exit("no results in " + sys.argv[1])
    sections = []
    if any(CALL + name in results for name, _, _ in CALL_ROWS):
        sections.append(("Per call, one thread (happy path)",
                         table(results, CALL, CALL_ROWS, "baselineProxy", "ns/op", "B/op", 1, True)))
    if any(CALL + name in results for name, _, _ in LIMIT_ROWS[2:]):
        sections.append(("Per call, one thread, declared limits (happy path: never refused)",
                         table(results, CALL, LIMIT_ROWS, "baselineProxy", "ns/op", "B/op", 1, False,
                               "baselineProxyNoOpInterceptor")))
    floor = floor_table(results)
    if floor:
        sections.append(("The hot path against the floor of any interceptor", floor))
    if any(prefix + name in results for prefix in (CONTENTION, CONTENTION_4) for name, _, _ in CONTENTION_ROWS):
        sections.append(("Per call, two and four threads on one instance",
                         contention_table(results)))
    if any(STARTUP + name in results for name, _, _ in STARTUP_ROWS):
        sections.append(("Start-up, 200 annotated methods (20 beans × 10)",
                         table(results, STARTUP, STARTUP_ROWS, "baselineWithoutResilience", "ms/op", "MB/op", 1e6,
                               False)))
    sampled = sample_table(results)
    if sampled:
        sections.append(("Per call, distribution of the time (sample time, one thread)", sampled))
    print("\n\n".join(f"### {title}\n\n{body}" for title, body in sections))
    checked = targets(results)
    if checked:
        print("\n### Targets\n")
        print("\n".join(checked))
    print("\nJDK: " + next(iter(results.values()))["jdk"])
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            print(f.read().strip())


if __name__ == "__main__":
    main()
