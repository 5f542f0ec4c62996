#!/usr/bin/env bash
# Reproducible end-to-end batch run: generates N recipients (default 1,000,000) for the bundled example campaign and
# runs `onetoone render --channel text` over them, reporting throughput and peak RSS. Right after each CLI run it takes
# the in-process decide+render rate for ~10 s (`--batch-rate`: one thread, then all cores at once), so each CLI run is
# compared with a rate taken beside it (this VM's speed drifts by a third within minutes), and the batch runner's rate
# in-process over the same file (`--runner-rate`: a cold pass, as a fresh process runs, then a warm one); then BenchmarkDotNet's
# `BatchBenchmarks` for the record. The ratios: "CLI rate / (one thread's rate x cores used)", the issue's, and
# "CLI rate / the rate of all cores deciding and rendering at once".
#
#   benchmarks/run-batch.sh [N]            PARALLEL=2 (default: nproc)  RUNS=3 (CLI runs; medians are reported)
#                                          SKIP_INPROCESS=1 (CLI runs only)  SKIP_BDN=1 (no BenchmarkDotNet)  WORK=DIR (keep files)
set -euo pipefail
n=${1:-1000000}
parallel=${PARALLEL:-$(nproc)}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"

echo "== build the tool (Release) into $work/tool, and the benchmarks"
dotnet build src/OneToOne.Composition.Cli -c Release -o "$work/tool" -v quiet -nologo >/dev/null
bench=benchmarks/OneToOne.Composition.Benchmarks/bin/Release/net10.0/OneToOne.Composition.Benchmarks.dll
[ "${SKIP_INPROCESS:-0}" = "1" ] || dotnet build benchmarks/OneToOne.Composition.Benchmarks -c Release -v quiet -nologo >/dev/null

echo "== generate $n recipients into $work/recipients.jsonl"
benchmarks/generate-recipients.sh "$n" "$work/recipients.jsonl"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cmd=(dotnet "$work/tool/onetoone.dll" render examples/beer-of-the-month --message monthly --recipients "$work/recipients.jsonl"
     --channel text --parallel "$parallel" --summary "$work/summary.json" --progress none)
echo "== run ${runs} times: ${cmd[*]} > /dev/null"
rates=(); seconds=(); one_pcts=(); all_pcts=(); scalings=(); firsts=(); warms=(); warm_pcts=(); rss_kb=0
for run in $(seq 1 "$runs"); do
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "${cmd[@]}" > /dev/null 2> "$work/stderr.txt" || true
    run_rss=$(grep 'Maximum resident set size' "$work/stderr.txt" | awk '{print $NF}')
  else
    # No GNU time: sample VmHWM from /proc while the run goes.
    "${cmd[@]}" > /dev/null 2> "$work/stderr.txt" & pid=$!
    run_rss=0
    while kill -0 "$pid" 2>/dev/null; do
      for child in $(pgrep -P "$pid") "$pid"; do
        hwm=$(awk '/VmHWM/ {print $2}' "/proc/$child/status" 2>/dev/null || echo 0)
        [ "${hwm:-0}" -gt "$run_rss" ] && run_rss=$hwm
      done
      sleep 0.2
    done
    wait "$pid" || true
  fi
  grep -E '^[0-9]+ records:' "$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  [ "${run_rss:-0}" -gt "$rss_kb" ] && rss_kb=$run_rss
  rates+=("$(grep '"messagesPerSecond"' "$work/summary.json" | tr -dc '0-9.')")
  seconds+=("$(grep '"durationSeconds"' "$work/summary.json" | tr -dc '0-9.')")
  echo "   run $run: ${seconds[-1]} s, ${rates[-1]} records/s"
  if [ "${SKIP_INPROCESS:-0}" != "1" ]; then
    dotnet "$bench" --batch-rate > "$work/rate.txt"
    one=$(grep '^one thread:' "$work/rate.txt" | awk '{print $(NF-1)}')
    all=$(grep 'cores at once:' "$work/rate.txt" | awk '{print $(NF-1)}')
    one_pcts+=("$(awk -v rate="${rates[-1]}" -v one="$one" -v p="$parallel" 'BEGIN {print 100 * rate / (one * p)}')")
    all_pcts+=("$(awk -v rate="${rates[-1]}" -v all="$all" 'BEGIN {print 100 * rate / all}')")
    scalings+=("$(awk -v one="$one" -v all="$all" 'BEGIN {print all / one}')")
    printf "   beside it in-process: one thread %.0f records/s (CLI %.0f%% of it x %d), all cores at once %.0f (CLI %.0f%%)\n" \
      "$one" "${one_pcts[-1]}" "$parallel" "$all" "${all_pcts[-1]}"
    # The runner in-process over the same file, with the tool's runtime settings (server GC, no call-counting delay, a
    # method recompiled after 256 calls: DOTNET_ values are hex, so 100).
    DOTNET_gcServer=1 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=100 dotnet "$bench" --runner-rate "$work/recipients.jsonl" "$parallel" > "$work/runner.txt"
    firsts+=("$(awk '{print $(NF-4)}' "$work/runner.txt")")
    warms+=("$(awk '{print $(NF-1)}' "$work/runner.txt")")
    warm_pcts+=("$(awk -v warm="${warms[-1]}" -v one="$one" -v p="$parallel" 'BEGIN {print 100 * warm / (one * p)}')")
    printf "   and the runner in-process (%d workers): first pass %.0f records/s, warm %.0f (%.0f%% of one thread x %d)\n" \
      "$parallel" "${firsts[-1]}" "${warms[-1]}" "${warm_pcts[-1]}" "$parallel"
  fi
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Medians: this VM's speed drifts by a third within minutes. "median (lo-hi)" of the numbers given, with printf's FORMAT.
median() { local format=$1; shift; printf '%s\n' "$@" | sort -g | awk -v f="$format" '{a[NR]=$1} END {printf(f " (" f "-" f ")", a[int((NR+1)/2)], a[1], a[NR])}'; }
echo "CLI end-to-end: $n records, median of $runs runs $(median %.0f "${rates[@]}") records/s with --parallel $parallel; peak RSS $((rss_kb / 1024)) MB"

if [ "${SKIP_INPROCESS:-0}" != "1" ]; then
  # Each run against the rate taken beside it.
  echo "CLI / (in-process one thread x $parallel cores): median $(median %.0f%% "${one_pcts[@]}") (target 70%)"
  # --batch-rate uses every core (and the benchmarks' workstation GC, as BenchmarkDotNet's runs do): a fair yardstick only when the CLI does too.
  if [ "$parallel" = "$(nproc)" ]; then
    echo "CLI / (in-process, all cores at once): median $(median %.0f%% "${all_pcts[@]}"); all cores give $(median %.2fx "${scalings[@]}") one thread"
  fi

  echo "runner in-process over the same file: first pass median $(median %.0f "${firsts[@]}"), warm median $(median %.0f "${warms[@]}") records/s;" \
    "warm / (one thread x $parallel): median $(median %.0f%% "${warm_pcts[@]}")"

  if [ "${SKIP_BDN:-0}" != "1" ]; then
    echo "== BenchmarkDotNet BatchBenchmarks (--job medium), for the record"
    dotnet "$bench" --filter '*BatchBenchmarks*' --job medium | tee "$work/bdn.txt" | grep -E '^\|' || true
  fi
fi
echo "files kept in $work"
