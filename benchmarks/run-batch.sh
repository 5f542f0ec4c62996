#!/usr/bin/env bash
# Reproducible end-to-end batch run: generates N recipients (default 1,000,000) for the bundled example campaign and
# runs `onetoone render --channel text` over them, reporting throughput and peak RSS, then the in-process
# decide+render rate (BenchmarkDotNet) for the comparisons "CLI rate / (in-process rate x cores used)" and "CLI rate /
# in-process rate with all cores deciding and rendering at once".
#
#   benchmarks/run-batch.sh [N]            PARALLEL=2 (default: nproc)  RUNS=3 (CLI runs; the median is reported)
#                                          SKIP_INPROCESS=1 (CLI runs only)  WORK=DIR (keep files)
set -euo pipefail
n=${1:-1000000}
parallel=${PARALLEL:-$(nproc)}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"

echo "== build the tool (Release) into $work/tool"
dotnet build src/OneToOne.Composition.Cli -c Release -o "$work/tool" -v quiet -nologo >/dev/null

echo "== generate $n recipients into $work/recipients.jsonl"
awk -v n="$n" 'BEGIN {
  split("gold silver bronze bronze", tiers, " ");
  for (i = 1; i <= n; i++) {
    gender = (i % 3 == 0) ? "female" : "male";
    printf("{\"id\":\"c%07d\",\"first_name\":\"Name%d\",\"email\":\"c%d@example.com\",\"gender\":\"%s\",\"iq\":%d,\"tier\":\"%s\",\"points\":%d,\"last_category\":\"%s\",\"country\":\"US\",\"locale\":\"en-US\",\"unsubscribed\":%s}\n",
      i, i, i, gender, 80 + (i * 13 % 50), tiers[(i % 4) + 1], i * 37 % 9000, (i % 5 == 0) ? "ipa" : "lager", (i % 29 == 0) ? "true" : "false");
  }
}' > "$work/recipients.jsonl"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cmd=(dotnet "$work/tool/onetoone.dll" render examples/beer-of-the-month --message monthly --recipients "$work/recipients.jsonl"
     --channel text --parallel "$parallel" --summary "$work/summary.json" --progress none)
echo "== run ${runs} times: ${cmd[*]} > /dev/null"
rates=(); seconds=(); rss_kb=0
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
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The median run: this VM's speed drifts by ±15% from one run to the next.
rate=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
range=$(printf '%s\n' "${rates[@]}" | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {printf("%.0f-%.0f", lo, hi)}')
echo "CLI end-to-end: $n records, median of $runs runs ${rate} records/s (range ${range}) with --parallel $parallel; peak RSS $((rss_kb / 1024)) MB"

if [ "${SKIP_INPROCESS:-0}" != "1" ]; then
  echo "== in-process decide+render rate (BenchmarkDotNet: one thread, then all cores at once)"
  dotnet run -c Release --project benchmarks/OneToOne.Composition.Benchmarks -- --filter '*BatchBenchmarks*' --job short \
    | tee "$work/bdn.txt" | grep -E '^\|' || true
  # Microseconds per message of a BenchmarkDotNet row (its Mean column).
  micros() {
    local per_op
    per_op=$(grep -E "^\| $1 +\|" "$work/bdn.txt" | awk -F'|' '{print $3}' | sed 's/,//g; s/ //g')
    case "$per_op" in
      *μs|*us) per_op=${per_op%μs}; echo "${per_op%us}";;
      *ns) awk -v v="${per_op%ns}" 'BEGIN{print v/1000}';;
    esac
  }
  one=$(micros DecideRenderText)
  all=$(micros DecideRenderTextAllCores)
  if [ -n "$one" ] && [ -n "$all" ]; then
    awk -v rate="$rate" -v one="$one" -v all="$all" -v p="$parallel" -v cores="$(nproc)" 'BEGIN {
      ideal = 1e6 / one * p;
      printf("in-process decide+render: %.2f us per message on one thread; %d cores = %.0f records/s; CLI reaches %.0f%% of it (target 70%%)\n", one, p, ideal, 100 * rate / ideal);
      if (p == cores) {
        together = 1e6 / all;
        printf("in-process decide+render on all %d cores at once: %.0f records/s (%.2fx one thread); CLI reaches %.0f%% of it\n", cores, together, together * one / 1e6, 100 * rate / together) } }'
  fi
fi
echo "files kept in $work"
