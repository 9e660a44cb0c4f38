#!/usr/bin/env bash
# Build the libFuzzer targets (fuzz/) with clang into build-fuzz/ and run
# each for SECONDS (default 20) on its seed corpus and dictionary.  Fails
# on any crash, leak, timeout, out-of-memory or sanitizer report; the
# input that failed is left in build-fuzz/artifacts/ (keep it as a
# regression test: tests/data/fuzz-regressions/, docs/limits.md).
#
#   scripts/fuzz.sh [SECONDS]       BUILD_DIR=... to build elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
case $secs in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
build=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-$(nproc)}

CC=${FUZZ_CC:-clang} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DRELMAP_WERROR=ON -DRELMAP_BUILD_FUZZERS=ON -DRELMAP_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target fuzz_xml fuzz_csv fuzz_style >/dev/null

mkdir -p "$build/artifacts"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
# target  dictionary  max_len: seeds are up to ~20 KB (midmarket.xml); a
# few times that leaves room to grow without slowing every run down.
for spec in "fuzz_xml xml.dict 65536" "fuzz_csv csv.dict 16384" \
	    "fuzz_style style.dict 16384"; do
	set -- $spec
	t=$1 dict=$2 max_len=$3
	# New inputs go to a scratch corpus so the seeds in git stay as they are.
	work="$build/corpus/$t"
	mkdir -p "$work"
	echo "fuzz: $t for ${secs}s"
	seeds=("fuzz/corpus/$t")
	[ -d "tests/data/fuzz-regressions/$t" ] &&
		seeds+=("tests/data/fuzz-regressions/$t")
	if ! "$build/fuzz/$t" "$work" "${seeds[@]}" -dict="fuzz/$dict" \
		-max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=2048 \
		-timeout=10 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$t-" >"$build/$t.log" 2>&1; then
		echo "fuzz: $t FAILED; see $build/$t.log and $build/artifacts/" >&2
		grep -E 'ERROR|SUMMARY|Test unit written' "$build/$t.log" >&2 || true
		status=1
	fi
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|cov: ' \
		"$build/$t.log" | tail -4 || true
done
exit $status
