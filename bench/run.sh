#!/usr/bin/env bash
# relmap benchmark: render speed against Graphviz, check speed and memory at scale.
#
#   bench/run.sh [RELMAP]        (or RELMAP=path bench/run.sh)
#
# RELMAP is the relmap binary; it defaults to build/relmap in the source tree.
# This is not part of the test suite. It takes several minutes, most of them
# spent generating the 1,000,000-person account. See bench/README.md for what
# it measures and for the BENCH_* variables that change sizes and run counts.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

relmap=${1:-${RELMAP:-$root/build/relmap}}
seed=${BENCH_SEED:-1}
render_sizes=${BENCH_RENDER_SIZES-"50 200 1000 3000"}
check_sizes=${BENCH_CHECK_SIZES-"10000 100000 1000000"}
runs=${BENCH_RUNS:-15}              # render runs per size below 3,000 persons:
                                    # dot's own time varies 1-3x from run to run
                                    # (address-dependent order), so medians need many
runs_large=${BENCH_RUNS_LARGE:-3}   # render runs per size from 3,000 persons
check_runs=${BENCH_CHECK_RUNS:-}    # default: 3, and 1 from 1,000,000 persons
timeout=${BENCH_TIMEOUT:-900}       # seconds, per command
# relmap's defaults, as a user renders: the org chart's layout is not
# bounded (it cannot run away), so relmap and dot draw the same graph.
read -r -a render_flags <<<"${BENCH_RENDER_FLAGS-}"
results=${BENCH_RESULTS:-$here/results.md}
gen=$root/tests/tools/genaccount.py
measure=$here/measure.py

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

# Prerequisites.
case $relmap in */*) ;; *) relmap=$(command -v "$relmap" || echo "$relmap") ;; esac
[ -x "$relmap" ] || die "no relmap executable at '$relmap' (build it, or give RELMAP=path or a first argument)"
relmap=$(cd "$(dirname "$relmap")" && pwd)/$(basename "$relmap")
command -v dot >/dev/null || die "Graphviz 'dot' is not installed (apt-get install graphviz)"
command -v python3 >/dev/null || die "python3 is not installed"
[ -f "$gen" ] || die "the account generator $gen is missing"
checkmem="time"
if [ ! -x /usr/bin/time ]; then
	checkmem=rusage
	log "note: /usr/bin/time is missing (apt-get install time); peak memory falls back to wait4() ru_maxrss, which includes ~10 MB of the Python launcher"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/relmap-bench.XXXXXX")
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

median() { python3 -c 'import statistics,sys; print("%.6f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# generate N FILE: the generated account is not part of any timing.
generate() {
	local n=$1 file=$2 t0 t1
	t0=$(date +%s.%N)
	python3 "$gen" --persons "$n" --seed "$seed" -o "$file" \
		|| die "genaccount.py --persons $n --seed $seed failed"
	t1=$(date +%s.%N)
	log "generated $n persons in $(python3 -c "print('%.1f' % ($t1 - $t0))") s ($(du -h "$file" | cut -f1))"
}

# timed LABEL MEMMODE CMD...: runs the command once under measure.py and
# sets T_WALL and T_CPU (seconds) and T_RSS (peak KB); dies if it fails or
# times out.
# Anything it writes to standard error is kept in $scratch/warnings.
timed() {
	local label=$1 mem=$2; shift 2
	local line code
	line=$(python3 "$measure" --timeout "$timeout" --mem "$mem" --stderr "$scratch/stderr" -- "$@")
	read -r T_WALL T_RSS code T_CPU <<<"$line"
	if [ "$code" != 0 ]; then
		sed 's/^/  | /' "$scratch/stderr" >&2
		die "$label: exit status $code: $*"
	fi
	if [ -s "$scratch/stderr" ]; then
		sed "s|^|$label: |" "$scratch/stderr" >>"$scratch/warnings"
	fi
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)
cores=$(nproc 2>/dev/null || echo "?")
mem_gb=$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
dot_version=$(dot -V 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p')
relmap_version=$("$relmap" --version 2>/dev/null | head -n1 || true)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "unknown")
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit+dirty"
fi

out=$scratch/results.md
{
	echo "## Benchmark"
	echo
	echo "$(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $cores cores, ${mem_gb} GB RAM;" \
		"Graphviz ${dot_version:-?}; ${relmap_version:-relmap} (source tree at commit $commit);" \
		"generated accounts (\`tests/tools/genaccount.py --seed $seed\`)."
	echo "Command: \`bench/run.sh\`. Times are medians in seconds." \
		"Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
	echo
} >"$out"

# --- Render: relmap against dot on the same styled graph -------------------
if [ -n "$render_sizes" ]; then
	{
		echo "### Render to SVG: relmap against Graphviz"
		echo
		echo "| persons | runs | \`relmap render -T svg\` | \`dot -Tsvg\` on relmap's DOT | relmap / dot | relmap / dot, CPU time | \`relmap render -T dot\` (no layout) |"
		echo "|---:|---:|---:|---:|---:|---:|---:|"
	} >>"$out"
	notes=()
	for n in $render_sizes; do
		xml=$scratch/render-$n.xml
		generate "$n" "$xml"
		: >"$scratch/warnings"
		# The styled graph, as dot will lay it out.
		timed "relmap render -T dot" rusage "$relmap" render "$xml" -T dot "${render_flags[@]}" -o "$scratch/g.dot"
		[ -s "$scratch/g.dot" ] || die "relmap render -T dot wrote nothing"
		r=$runs
		if [ "$n" -ge 3000 ]; then
			r=$runs_large
		else
			# One untimed warm-up of each (page cache, fontconfig cache);
			# it does not matter next to a long layout.
			timed "relmap render -T svg" rusage "$relmap" render "$xml" -T svg "${render_flags[@]}" -o "$scratch/relmap.svg"
			timed "dot -Tsvg" rusage dot -Tsvg "$scratch/g.dot" -o "$scratch/dot.svg"
		fi
		t_relmap=() t_dot=() c_relmap=() c_dot=() t_rdot=()
		for ((i = 1; i <= r; i++)); do
			# Interleaved, alternating which goes first.
			if ((i % 2)); then
				timed "relmap render -T svg" rusage "$relmap" render "$xml" -T svg "${render_flags[@]}" -o "$scratch/relmap.svg"
				t_relmap+=("$T_WALL") c_relmap+=("$T_CPU")
				timed "dot -Tsvg" rusage dot -Tsvg "$scratch/g.dot" -o "$scratch/dot.svg"
				t_dot+=("$T_WALL") c_dot+=("$T_CPU")
			else
				timed "dot -Tsvg" rusage dot -Tsvg "$scratch/g.dot" -o "$scratch/dot.svg"
				t_dot+=("$T_WALL") c_dot+=("$T_CPU")
				timed "relmap render -T svg" rusage "$relmap" render "$xml" -T svg "${render_flags[@]}" -o "$scratch/relmap.svg"
				t_relmap+=("$T_WALL") c_relmap+=("$T_CPU")
			fi
			timed "relmap render -T dot" rusage "$relmap" render "$xml" -T dot "${render_flags[@]}" -o "$scratch/g2.dot"
			t_rdot+=("$T_WALL")
		done
		m_relmap=$(median "${t_relmap[@]}")
		m_dot=$(median "${t_dot[@]}")
		mc_relmap=$(median "${c_relmap[@]}")
		mc_dot=$(median "${c_dot[@]}")
		m_rdot=$(median "${t_rdot[@]}")
		note=
		if [ -s "$scratch/warnings" ]; then
			notes+=("$(printf '%s persons: %s' "$n" "$(sort -u "$scratch/warnings" | head -n 3 | tr '\n' ' ' | sed 's/ *$//')")")
			note=" (note ${#notes[@]})"
		fi
		row=$(python3 -c 'import sys
n, r, a, b, ca, cb, c, note = sys.argv[1:]
a, b, ca, cb, c = float(a), float(b), float(ca), float(cb), float(c)
print("| {:,}{} | {} | {:.3f} | {:.3f} | {:.2f} | {:.2f} | {:.3f} |".format(
    int(n), note, r, a, b, a / b, ca / cb, c))' \
			"$n" "$r" "$m_relmap" "$m_dot" "$mc_relmap" "$mc_dot" "$m_rdot" "$note")
		echo "$row" >>"$out"
		log "$row"
		# The brief's bound (issue 12): at 1,000 persons, at most 1.10.
		if [ "$n" = 1000 ]; then
			ratio_1000=$(python3 -c 'import sys; a, b, ca, cb = map(float, sys.argv[1:]); print("%.2f x dot by wall time, %.2f x by CPU time" % (a / b, ca / cb))' \
				"$m_relmap" "$m_dot" "$mc_relmap" "$mc_dot")
		fi
		rm -f "$xml" "$scratch/g.dot" "$scratch/g2.dot" "$scratch/relmap.svg" "$scratch/dot.svg"
	done
	{
		echo
		echo "relmap / dot is the time for the whole of \`relmap render FILE -T svg -o OUT\`" \
			"(load, analysis, styling, layout, SVG) over \`dot -Tsvg\` on the styled graph" \
			"that \`relmap render FILE -T dot\` writes. So 1.10 means relmap's own work adds 10%." \
			"The CPU-time ratio (user + system, including child processes) is less sensitive to" \
			"other load on the machine. relmap runs with its defaults${render_flags[*]:+ and \`${render_flags[*]}\`}:" \
			"the org chart's layout is not bounded, so it lays out the same graph as dot."
		if [ -n "${ratio_1000:-}" ]; then
			echo
			echo "At 1,000 persons (default view): relmap render -T svg takes $ratio_1000" \
				"(the brief allows 1.10)."
		fi
		for ((i = 0; i < ${#notes[@]}; i++)); do
			echo
			echo "Note $((i + 1)), messages on standard error at ${notes[$i]}"
		done
		echo
	} >>"$out"
fi

# --- Check: analysis alone at scale ----------------------------------------
if [ -n "$check_sizes" ]; then
	{
		echo "### Check (load and analysis, no layout)"
		echo
		echo "| persons | input | runs | \`relmap check --fail-on never\` | peak memory | persons / s | libxml2 reader alone |"
		echo "|---:|---:|---:|---:|---:|---:|---:|"
	} >>"$out"
	for n in $check_sizes; do
		xml=$scratch/check-$n.xml
		generate "$n" "$xml"
		bytes=$(stat -c %s "$xml")
		r=${check_runs:-3}
		[ -z "$check_runs" ] && [ "$n" -ge 1000000 ] && r=1
		: >"$scratch/warnings"
		# Warm the page cache so that every run reads the file from memory.
		cat "$xml" >/dev/null
		walls=() rss_max=0 reader=()
		for ((i = 1; i <= r; i++)); do
			timed "relmap check" "$checkmem" "$relmap" check "$xml" --fail-on never -o /dev/null
			walls+=("$T_WALL")
			if ((T_RSS > rss_max)); then rss_max=$T_RSS; fi
			[ -c /dev/null ] || die "/dev/null is no longer a character device after relmap check -o /dev/null"
			if command -v xmllint >/dev/null; then
				# Baseline: libxml2's xmlTextReader reading the same file.
				timed "xmllint --stream" rusage xmllint --stream --noout "$xml"
				reader+=("$T_WALL")
			fi
		done
		m=$(median "${walls[@]}")
		m_reader=-1
		if [ "${#reader[@]}" -gt 0 ]; then m_reader=$(median "${reader[@]}"); fi
		row=$(python3 -c 'import sys
n, b, r, t, kb, x = sys.argv[1:]
n, b, t, kb, x = int(n), int(b), float(t), int(kb), float(x)
mb = b / 1e6
print("| {:,} | {} MB | {} | {:.2f} s | {:,.0f} MB | {:,.0f} | {} |".format(
    n, "%.1f" % mb if mb < 10 else "%.0f" % mb, r, t, kb / 1024, n / t,
    "%.2f s" % x if x >= 0 else "–"))' "$n" "$bytes" "$r" "$m" "$rss_max" "$m_reader")
		echo "$row" >>"$out"
		log "$row"
		rm -f "$xml"
	done
	{
		echo
		echo "Peak memory is the largest resident set size (\`/usr/bin/time\` %M) over the runs." \
			"Input files are in the page cache before timing, and generating them is not timed." \
			"The last column is \`xmllint --stream --noout\` on the same file: libxml2 reading it" \
			"through xmlTextReader and nothing else, for comparison (its SAX interface is faster still)."
	} >>"$out"
fi

cp "$out" "$results"
echo
cat "$out"
log "written to $results"
