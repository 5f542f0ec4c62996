#!/usr/bin/env bash
# What a year of nightly `render --history FILE` runs does to the run and to the file. Fills a contact history as NIGHTS
# (default 365) nightly runs of RECIPIENTS (default 20,000) would (one RecordMany transaction per night, the product's
# own bulk path: `OneToOne.Composition.Benchmarks --history-fill`), then measures on it, against an empty history:
#   - the file: size, pages, free pages, -wal size
#   - a capped render (the bundled example with `caps: [{ max: 31 per 30d, per: message }]`, a cap no one reaches, so both
#     runs render every record): records/s and the whole command's wall time (opening the history included)
#   - explain one recipient (--history, read-only), history export / forget one recipient: wall time of the command
#   - history prune --catalog (the cap's 30 days: the first prune after a year deletes 11 months) and the file after it,
#     then a night later the steady-state nightly prune (one night's contacts), and prune --vacuum
#
#   benchmarks/history-year.sh [NIGHTS] [RECIPIENTS]     WORK=DIR (keep files; a filled WORK/year.db is reused)
#
# Needs the sqlite3 shell for the page counts only (skipped without it). Wall times are of whole CLI processes (dotnet
# start included); this VM is shared and its speed drifts, so compare figures taken in the same run, and CPU seconds.
set -euo pipefail
nights=${1:-365}
n=${2:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"
last_night=2026-12-06T05:00:00Z     # the year's last nightly run; tonight's is a day later
tonight=2026-12-07T05:00:00Z
tomorrow=2026-12-08T05:00:00Z

echo "== build the tool (Release) into $work/tool, and the benchmarks"
dotnet build src/OneToOne.Composition.Cli -c Release -o "$work/tool" -v quiet -nologo >/dev/null
dotnet build benchmarks/OneToOne.Composition.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=benchmarks/OneToOne.Composition.Benchmarks/bin/Release/net10.0/OneToOne.Composition.Benchmarks.dll
tool=(dotnet "$work/tool/onetoone.dll")

echo "== generate $n recipients into $work/recipients.jsonl, and a capped copy of the example catalog"
benchmarks/generate-recipients.sh "$n" "$work/recipients.jsonl"
rm -rf "$work/catalog" && mkdir -p "$work/catalog"
sed 's/^  monthly:$/  monthly:\n    caps: [{ max: 31 per 30d, per: message }]/' examples/beer-of-the-month/catalog.yaml > "$work/catalog/catalog.yaml"
grep -q 'max: 31 per 30d' "$work/catalog/catalog.yaml"

mb() { awk -v b="$(stat -c %s "$1" 2>/dev/null || echo 0)" 'BEGIN {printf("%.1f MB", b / 1048576)}'; }
pages() {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$1" 'PRAGMA page_count;' 'PRAGMA freelist_count;' 'PRAGMA page_size;' | paste -sd' ' | awk '{printf("%d pages of %d bytes, %d free (%.0f%%)", $1, $3, $2, 100 * $2 / $1)}'
  fi
}
describe() { echo "   $1: $(mb "$1"), $(pages "$1"); -wal $(mb "$1-wal")"; }
# Runs a command and prints "W s wall, C s CPU" (CPU: user + system of the process and its children, which on a busy VM
# says more than the wall clock); its stdout goes to $work/out.txt, its stderr to $work/err.txt.
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" > "$work/out.txt" 2> "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }; } 2>&1 )
  awk -v t="$t" 'BEGIN {split(t, a, " "); printf("%.2f s wall, %.2f s CPU", a[1], a[2] + a[3])}'
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$work/year.db" ]; then
  echo "== fill $work/year.db: $nights nights x $n recipients"
  dotnet "$bench" --history-fill "$work/year.db.tmp" "$nights" "$n" "$last_night"
  mv "$work/year.db.tmp" "$work/year.db"
  rm -f "$work/year.db.tmp-wal" "$work/year.db.tmp-shm"
fi
describe "$work/year.db"

render() {   # render HISTORY AS_OF: the capped run; prints "wall s, records/s"
  local wall
  wall=$(timed "${tool[@]}" render "$work/catalog" --message monthly --recipients "$work/recipients.jsonl" --channel text \
    --as-of "$2" --history "$1" --summary "$work/summary.json" --progress none)
  grep -q "\"rendered\": *$((n - n / 29))" "$work/summary.json" || { echo "unexpected summary:"; cat "$work/summary.json"; exit 1; }
  echo "$wall, $(grep '"messagesPerSecond"' "$work/summary.json" | tr -dc '0-9.') records/s"
}

echo "== tonight's capped render of $n recipients (every record rendered and recorded)"
rm -f "$work/empty.db"*
echo "   against an empty history: $(render "$work/empty.db" "$tonight")"
cp "$work/year.db" "$work/run.db"; rm -f "$work/run.db-wal" "$work/run.db-shm"
echo "   against the year's history: $(render "$work/run.db" "$tonight")"
describe "$work/run.db"

echo "== one recipient, against the year's history"
wall=$(timed "${tool[@]}" explain "$work/catalog" --message monthly --recipient "$work/recipients.jsonl" --id c0000042 --as-of "$tomorrow" --history "$work/run.db")
echo "   explain --history: $wall ($(grep -o 'cap[^,]*contacts in the 30d' "$work/out.txt" | head -1))"
wall=$(timed "${tool[@]}" explain "$work/catalog" --message monthly --recipient "$work/recipients.jsonl" --id c0000042 --as-of "$tomorrow" --history "$work/empty.db")
echo "   explain --history (the empty one, for comparison): $wall"
wall=$(timed "${tool[@]}" history export "$work/run.db" --recipient c0000042)
echo "   history export: $wall ($(wc -l < "$work/out.txt") contacts)"
wall=$(timed "${tool[@]}" history forget "$work/run.db" --recipient c0000042)
echo "   history forget: $wall ($(cat "$work/out.txt"))"

echo "== history prune --catalog (keeps the cap's 30 days): the first prune after a year"
cp "$work/run.db" "$work/prune.db"
wall=$(timed "${tool[@]}" history prune "$work/run.db" --catalog "$work/catalog" --as-of "$tonight")
echo "   $wall: $(cat "$work/out.txt")"
describe "$work/run.db"
echo "   tomorrow's render after it: $(render "$work/run.db" "$tomorrow")"
describe "$work/run.db"
wall=$(timed "${tool[@]}" history prune "$work/run.db" --catalog "$work/catalog" --as-of "$tomorrow")
echo "   the nightly prune after it (one night's contacts): $wall: $(cat "$work/out.txt")"
describe "$work/run.db"

if "${tool[@]}" history prune --help | grep -q -- '--vacuum'; then
  echo "== history prune --catalog --vacuum on the year's history (the same first prune, then the file rewritten)"
  wall=$(timed "${tool[@]}" history prune "$work/prune.db" --catalog "$work/catalog" --as-of "$tonight" --vacuum)
  echo "   $wall: $(cat "$work/out.txt")"
  describe "$work/prune.db"
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files kept in $work"
