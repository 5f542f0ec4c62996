#!/usr/bin/env bash
# Reproducible proof run over a whole customer file, as an approver runs it: generates N recipients (default 200,000)
# for the bundled example campaign and runs `onetoone proof examples/beer-of-the-month --message monthly --sample FILE`
# over them, reporting the time, the peak RSS (GNU time's "Maximum resident set size") and the proof sheet's sha256.
#
#   benchmarks/run-proof.sh [N]     TOOL=DIR (an onetoone build to use instead of building one)
#                                   WORK=DIR (keep files; the sheet goes to WORK/proof/proof.html)
set -euo pipefail
n=${1:-200000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"

tool=${TOOL:-$work/tool}
if [ -z "${TOOL:-}" ]; then
  echo "== build the tool (Release) into $tool"
  dotnet build src/OneToOne.Composition.Cli -c Release -o "$tool" -v quiet -nologo >/dev/null
fi

echo "== generate $n recipients into $work/recipients.jsonl"
benchmarks/generate-recipients.sh "$n" "$work/recipients.jsonl"

echo "== machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work/proof"
cmd=(dotnet "$tool/onetoone.dll" proof examples/beer-of-the-month --message monthly --sample "$work/recipients.jsonl" --out "$work/proof")
/usr/bin/time -v "${cmd[@]}" > "$work/stdout.txt" 2> "$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
rss_kb=$(grep 'Maximum resident set size' "$work/stderr.txt" | awk '{print $NF}')
elapsed=$(grep 'Elapsed (wall clock) time' "$work/stderr.txt" | awk '{print $NF}')
echo "proof --sample: $n recipients: $elapsed elapsed, peak RSS $((rss_kb / 1024)) MB;" \
     "proof.html $(wc -c < "$work/proof/proof.html") bytes, sha256 $(sha256sum "$work/proof/proof.html" | cut -c1-16)"
cat "$work/stdout.txt"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
