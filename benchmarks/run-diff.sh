#!/usr/bin/env bash
# Reproducible diff run, as a CI gate runs it on a catalog change: generates N recipients (default 200,000) for the
# bundled example campaign, makes a changed version of it (connoisseurs from iq > 100 instead of 93, and the
# domestic-beer module reworded: 27% of the recipients change), and runs `onetoone diff OLD NEW --recipients FILE`
# over them, text and JSON, reporting the time and the peak RSS (GNU time's "Maximum resident set size").
#
#   benchmarks/run-diff.sh [N]     PARALLEL=2 (default: nproc)  TOOL=DIR (an onetoone build to use instead of building one)
#                                  WORK=DIR (keep files; the diff's output goes to WORK/diff.txt and WORK/diff.json)
set -euo pipefail
n=${1:-200000}
parallel=${PARALLEL:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"

tool=${TOOL:-$work/tool}
if [ -z "${TOOL:-}" ]; then
  echo "== build the tool (Release) into $tool"
  dotnet build src/OneToOne.Composition.Cli -c Release -o "$tool" -v quiet -nologo >/dev/null
fi

echo "== generate $n recipients into $work/recipients.jsonl, and the changed catalog into $work/new"
benchmarks/generate-recipients.sh "$n" "$work/recipients.jsonl"
mkdir -p "$work/new"
sed -e 's/connoisseurs: gender == "male" \&\& iq > 93/connoisseurs: gender == "male" \&\& iq > 100/' \
    -e 's/Grab a six-pack of \*\*Hometown Lager\*\*\./Grab a twelve-pack of **Hometown Lager**./' \
    examples/beer-of-the-month/catalog.yaml > "$work/new/catalog.yaml"

echo "== machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for format in text json; do
  out="$work/diff.$([ "$format" = text ] && echo txt || echo json)"
  cmd=(dotnet "$tool/onetoone.dll" diff examples/beer-of-the-month "$work/new" --recipients "$work/recipients.jsonl"
       --format "$format" --parallel "$parallel")
  /usr/bin/time -v "${cmd[@]}" > "$out" 2> "$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  rss_kb=$(grep 'Maximum resident set size' "$work/stderr.txt" | awk '{print $NF}')
  elapsed=$(grep 'Elapsed (wall clock) time' "$work/stderr.txt" | awk '{print $NF}')
  echo "diff --format $format: $n recipients, --parallel $parallel: $elapsed elapsed, peak RSS $((rss_kb / 1024)) MB;" \
       "output $(wc -c < "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16)"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
