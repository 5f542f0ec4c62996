#!/usr/bin/env bash
# Writes N generated recipients of the bundled example (examples/beer-of-the-month) as JSON Lines to OUT:
# ids c0000001 …, a mix of genders, tiers, iq, points and categories, every 29th unsubscribed. Deterministic: the
# same N gives the same bytes, so runs of run-batch.sh and history-year.sh on one machine read the same input.
# Usage: benchmarks/generate-recipients.sh N OUT
set -euo pipefail
n=${1:?usage: generate-recipients.sh N OUT}
out=${2:?usage: generate-recipients.sh N OUT}
awk -v n="$n" 'BEGIN {
  split("gold silver bronze bronze", tiers, " ");
  for (i = 1; i <= n; i++) {
    gender = (i % 3 == 0) ? "female" : "male";
    printf("{\"id\":\"c%07d\",\"first_name\":\"Name%d\",\"email\":\"c%d@example.com\",\"gender\":\"%s\",\"iq\":%d,\"tier\":\"%s\",\"points\":%d,\"last_category\":\"%s\",\"country\":\"US\",\"locale\":\"en-US\",\"unsubscribed\":%s}\n",
      i, i, i, gender, 80 + (i * 13 % 50), tiers[(i % 4) + 1], i * 37 % 9000, (i % 5 == 0) ? "ipa" : "lager", (i % 29 == 0) ? "true" : "false");
  }
}' > "$out"
