#!/usr/bin/env bash
# Builds the benchmarks and runs all of them in one JVM run each, with JMH's allocation profiler,
# then prints the table of README.md. About 7 minutes on 2 cores.
#
#   benchmarks/run.sh                      everything
#   benchmarks/run.sh CallBenchmark        only the benchmarks that match (any JMH options work)
#
# Results go to benchmarks/target/results (or $RESULTS_DIR): results.json (JMH), jmh.txt (its
# log), environment.txt and table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${RESULTS_DIR:-benchmarks/target/results}"
mkdir -p "$out"

./mvnw -B -q -pl benchmarks -am package -DskipTests

{
	echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores" \
		"available, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
	echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
} > "$out/environment.txt"

java -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff "$out/results.json" "$@" | tee "$out/jmh.txt"

echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
python3 benchmarks/table.py "$out/results.json" "$out/environment.txt" | tee "$out/table.md"
