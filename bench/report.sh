#!/usr/bin/env bash
# relmap benchmark: what each report format of `relmap check` costs beside
# the text report, at scale.
#
#   bench/report.sh [RELMAP]        (or RELMAP=path bench/report.sh)
#
# For each size (default 1,000,000 persons) it times, in the same run and
# interleaved, `relmap check FILE --fail-on never -o /dev/null` with the
# text, json, junit and markdown formats, and prints the medians, the ratios
# format / text (wall and CPU time) and the peak memory.  With
# BENCH_BASELINE=/path/to/old/relmap it times that binary's formats in the
# same rounds too, and fails unless both write the same bytes.  It exits 1
# when the JSON report is over the issue's budget (BENCH_REPORT_MAX_RATIO,
# BENCH_REPORT_MAX_S, BENCH_REPORT_MAX_KB).  Not part of the test suite; see
# bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

relmap=${1:-${RELMAP:-$root/build/relmap}}
baseline=${BENCH_BASELINE:-}
seed=${BENCH_SEED:-1}
sizes=${BENCH_REPORT_SIZES:-1000000}
runs=${BENCH_REPORT_RUNS:-3}
formats=${BENCH_REPORT_FORMATS:-"text json junit markdown"}
max_ratio=${BENCH_REPORT_MAX_RATIO:-1.3}   # json / text, wall time
max_s=${BENCH_REPORT_MAX_S:-5}             # json, seconds
max_kb=${BENCH_REPORT_MAX_KB:-1048576}     # json, peak RSS (1 GiB)
timeout=${BENCH_TIMEOUT:-900}
results=${BENCH_RESULTS:-$here/report-results.md}
gen=$root/tests/tools/genaccount.py
measure=$here/measure.py

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

abs() {
	local b=$1
	case $b in */*) ;; *) b=$(command -v "$b" || echo "$b") ;; esac
	[ -x "$b" ] || die "no relmap executable at '$b'"
	echo "$(cd "$(dirname "$b")" && pwd)/$(basename "$b")"
}
relmap=$(abs "$relmap")
[ -z "$baseline" ] || baseline=$(abs "$baseline")
command -v python3 >/dev/null || die "python3 is not installed"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time): peak memory needs it"
case " $formats " in *" text "*) ;; *) die "BENCH_REPORT_FORMATS must include text (the ratios are against it)" ;; esac

scratch=$(mktemp -d "${TMPDIR:-/tmp}/relmap-report-bench.XXXXXX")
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# timed LABEL CMD...: T_WALL, T_CPU (seconds) and T_RSS (KB) of one run.
timed() {
	local label=$1 line code; shift
	line=$(python3 "$measure" --timeout "$timeout" --mem time --stderr "$scratch/stderr" -- "$@")
	read -r T_WALL T_RSS code T_CPU <<<"$line"
	if [ "$code" != 0 ]; then
		sed 's/^/  | /' "$scratch/stderr" >&2
		die "$label: exit status $code: $*"
	fi
}

# args FORMAT: the check arguments of one format.
args() {
	if [ "$1" = text ]; then
		echo "--fail-on never"
	else
		echo "--format $1 --fail-on never"
	fi
}

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
out=$scratch/results.md
{
	echo "## Report formats at scale"
	echo
	echo "$(date -u +%Y-%m-%d), $(nproc 2>/dev/null || echo '?') cores;" \
		"$("$relmap" --version 2>/dev/null | head -n1) (source tree at commit $commit);" \
		"\`tests/tools/genaccount.py --seed $seed\`; $runs interleaved runs per format." \
		"Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
	echo "Command: \`relmap check FILE [--format F] --fail-on never -o /dev/null\`; times are medians."
	echo
	echo "| persons | binary | format | report size | wall | CPU | wall / text | CPU / text | peak RSS |"
	echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
} >"$out"

over=()
bins=("$relmap")
[ -z "$baseline" ] || bins+=("$baseline")
for n in $sizes; do
	xml=$scratch/report-$n.xml
	t0=$(date +%s.%N)
	python3 "$gen" --persons "$n" --seed "$seed" -o "$xml" || die "genaccount.py --persons $n failed"
	log "generated $n persons in $(python3 -c "print('%.1f' % ($(date +%s.%N) - $t0))") s"
	cat "$xml" >/dev/null
	# One untimed run of each writes the report to a file: its size, and
	# the byte comparison with the baseline.
	declare -A size=()
	for fmt in $formats; do
		# shellcheck disable=SC2046
		"$relmap" check "$xml" $(args "$fmt") -o "$scratch/new.$fmt" || die "relmap check --format $fmt failed"
		size[$fmt]=$(stat -c %s "$scratch/new.$fmt")
		if [ -n "$baseline" ]; then
			# shellcheck disable=SC2046
			"$baseline" check "$xml" $(args "$fmt") -o "$scratch/old.$fmt" || die "baseline check --format $fmt failed"
			cmp -s "$scratch/old.$fmt" "$scratch/new.$fmt" \
				|| die "$n persons, $fmt: the baseline and $relmap write different reports"
			log "$n persons, $fmt: byte-identical to the baseline (${size[$fmt]} bytes)"
		fi
		rm -f "$scratch/new.$fmt" "$scratch/old.$fmt"
	done
	declare -A walls=() cpus=() rss=()
	for ((i = 1; i <= runs; i++)); do
		# Rotate the order each round, so drift in the machine's load
		# falls on every format alike.
		read -r -a order <<<"$formats"
		k=$(((i - 1) % ${#order[@]}))
		order=("${order[@]:k}" "${order[@]:0:k}")
		for b in "${!bins[@]}"; do
			for fmt in "${order[@]}"; do
				# shellcheck disable=SC2046
				timed "check --format $fmt" "${bins[$b]}" check "$xml" $(args "$fmt") -o /dev/null
				[ -c /dev/null ] || die "/dev/null is no longer a character device"
				walls[$b.$fmt]+=" $T_WALL"
				cpus[$b.$fmt]+=" $T_CPU"
				r=${rss[$b.$fmt]:-0}
				((T_RSS > r)) && r=$T_RSS
				rss[$b.$fmt]=$r
			done
		done
		log "$n persons: round $i of $runs done"
	done
	for b in "${!bins[@]}"; do
		label=new
		[ "$b" = 1 ] && label=baseline
		for fmt in $formats; do
			# shellcheck disable=SC2086
			row=$(python3 - "$n" "$label" "$fmt" "${size[$fmt]}" "${rss[$b.$fmt]}" \
				"${walls[$b.$fmt]}" "${cpus[$b.$fmt]}" "${walls[$b.text]}" "${cpus[$b.text]}" \
				2>"$scratch/verdict" <<'EOF'
import statistics, sys
n, label, fmt, size, kb, w, c, tw, tc = sys.argv[1:]
med = lambda s: statistics.median(float(x) for x in s.split())
w, c, tw, tc = med(w), med(c), med(tw), med(tc)
mb = int(size) / 1e6
print("| {:,} | {} | {} | {} MB | {:.2f} s | {:.2f} s | {:.2f} | {:.2f} | {:,.0f} MB |".format(
    int(n), label, fmt, "%.1f" % mb if mb < 10 else "%.0f" % mb, w, c,
    w / tw, c / tc, int(kb) / 1024))
print("%.6f %.6f" % (w, w / tw), file=sys.stderr)
EOF
			)
			echo "$row" >>"$out"
			log "$row"
			if [ "$label" = new ] && [ "$fmt" = json ]; then
				read -r w ratio <"$scratch/verdict"
				python3 -c 'import sys; w, r, kb, mw, mr, mk = map(float, sys.argv[1:]); sys.exit(0 if w <= mw and r <= mr and kb <= mk else 1)' \
					"$w" "$ratio" "${rss[$b.json]}" "$max_s" "$max_ratio" "$max_kb" \
					|| over+=("$n persons: json $w s, $ratio x text, ${rss[$b.json]} KB (budget $max_s s, $max_ratio x, $max_kb KB)")
			fi
		done
	done
	unset size walls cpus rss
	rm -f "$xml"
done
{
	echo
	echo "wall / text and CPU / text are each format's median over the text report's median" \
		"in the same run (CPU: user + system, steadier than wall time when other work shares the" \
		"machine). Peak RSS is the largest \`/usr/bin/time\` %M over the runs. The input is in the" \
		"page cache before timing, and generating it is not timed."
} >>"$out"
cp "$out" "$results"
echo
cat "$out"
log "written to $results"
if [ ${#over[@]} -gt 0 ]; then
	printf 'bench: over budget: %s\n' "${over[@]}" >&2
	exit 1
fi
