#!/usr/bin/env bash
# How `onetoone analyze` scales: generates catalogs of S slots x 10 modules whose conditions all read the same five
# fields ('FIELD > N && tier == "tK"', the last module of each slot unconditional), so every slot of a catalog is in one
# group that shares fields, and times the analysis of each (wall clock, start-up included) with its peak RSS.
#
# An argument wN is another shape: one slot of N candidates 'points > X && tier == "tK"' (X up to 1,000), then an
# unconditional one, so that a slot's candidates are compared pairwise (the overlap check) over a field of many values.
# An argument pN is a product feed: one slot of N candidates 'sku == "sK"', one per product (N + 1 combinations).
#
#   benchmarks/analyze-scale.sh [S|wN|pN ...]     default: 8 15 30 100        WORK=DIR (keep files)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"
echo "== build the tool (Release) into $work/tool"
dotnet build src/OneToOne.Composition.Cli -c Release -o "$work/tool" -v quiet -nologo >/dev/null
fields=(age points spend visits)
for slots in "${@:-8 15 30 100}"; do
  for s in $slots; do
    dir="$work/c$s"
    mkdir -p "$dir"
    if [[ $s == w* ]]; then
      n=${s#w}
      {
        echo "catalog: wide-$n"
        echo "modules:"
        for ((m = 0; m < n; m++)); do echo "  m$m: { when: 'points > $((m * 7 % 1000)) && tier == \"t$((m % 3))\"', content: \"module $m\" }"; done
        echo "  last: \"last\""
        echo "slots:"
        echo "  s: { from: [$(for ((m = 0; m < n; m++)); do printf 'm%d, ' "$m"; done)last] }"
        echo "messages:"
        echo "  main:"
        echo "    body: '{{ slot \"s\" }}'"
      } > "$dir/catalog.yaml"
    elif [[ $s == p* ]]; then
      n=${s#p}
      {
        echo "catalog: feed-$n"
        echo "modules:"
        for ((m = 0; m < n; m++)); do echo "  m$m: { when: 'sku == \"s$m\"', content: 'Product $m for {{ name }}' }"; done
        echo "slots:"
        echo "  s: { from: [$(for ((m = 0; m < n; m++)); do printf 'm%d%s' "$m" "$( ((m < n - 1)) && echo ', ')"; done)] }"
        echo "messages:"
        echo "  main:"
        echo "    body: '{{ slot \"s\" }}'"
      } > "$dir/catalog.yaml"
    else
    {
      echo "catalog: scale-$s"
      echo "modules:"
      for ((i = 0; i < s; i++)); do
        for ((m = 0; m < 10; m++)); do
          if ((m < 9)); then
            echo "  s$i-m$m: { when: '${fields[$(((i * 10 + m) % 4))]} > $(((i * 37 + m * 11) % 100)) && tier == \"t$(((i + m) % 3))\"', content: \"slot $i module $m\" }"
          else
            echo "  s$i-m$m: \"slot $i module $m\""
          fi
        done
      done
      echo "slots:"
      for ((i = 0; i < s; i++)); do
        echo "  s$i: { from: [$(for ((m = 0; m < 10; m++)); do printf 's%d-m%d%s' "$i" "$m" "$([ $m -lt 9 ] && echo ', ')"; done)] }"
      done
      echo "messages:"
      echo "  main:"
      echo "    body: |"
      for ((i = 0; i < s; i++)); do echo "      {{ slot \"s$i\" }}"; done
    } > "$dir/catalog.yaml"
    fi
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%M' -o "$work/rss.txt" dotnet "$work/tool/onetoone.dll" analyze "$dir" > "$work/out.txt" || true
      rss="peak RSS $(($(cat "$work/rss.txt") / 1024)) MB"
    else
      dotnet "$work/tool/onetoone.dll" analyze "$dir" > "$work/out.txt" || true
      rss="peak RSS not measured (no /usr/bin/time)"
    fi
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
    shape=$([[ $s == w* ]] && echo "one slot of ${s#w} candidates" || { [[ $s == p* ]] && echo "a feed of ${s#p} products"; } || echo "$s slots x 10 modules")
    echo "$shape: ${seconds} s, $rss; $(grep "^message 'main'" "$work/out.txt"); $(grep -c 'overlap check stopped' "$work/out.txt" || true) overlap check(s) stopped"
  done
done
echo "files kept in $work"
