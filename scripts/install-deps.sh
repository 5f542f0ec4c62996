#!/usr/bin/env bash
# Installs the Debian packages the project needs (fonts for PDF output, Unicode's data files for the print tests).
# Idempotent and non-interactive: it installs only what is missing, so it is cheap to run before every build.
set -euo pipefail
packages=(fonts-dejavu-core fonts-dejavu-extra fonts-noto-color-emoji fonts-lohit-deva fonts-wqy-microhei fonts-tlwg-loma-ttf unicode-data jq)  # extra: DejaVu Sans Oblique for real italics in PDF output; noto-color-emoji: the default fallback that prints emoji (🍺) in colour instead of rejecting the record (11 MB installed; SIL OFL 1.1); lohit-deva: a Devanagari font (190 KB) for the print shaping tests; wqy-microhei: a Chinese and Japanese font (5 MB installed, the smallest with both) for the print line-breaking tests; tlwg-loma-ttf: a Thai font (425 KB) for the print tests of Thai; unicode-data: Unicode's BidiCharacterTest.txt and BidiTest.txt, read by the print tests to check our UAX #9 against Unicode's conformance data; jq: the README's recipe that adds up the shards' summaries, run by the docs tests
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
