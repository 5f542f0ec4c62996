#!/usr/bin/env bash
# Packs every library package twice, as a release would (ContinuousIntegrationBuild, file dates from the last commit),
# and checks what a consumer gets (scripts/check-packages.cs): the same bytes both times, MIT licence, readme without
# relative links, repository commit, XML docs, nullable annotations, symbols with /_/ paths, plain lower-bound
# dependencies (Scriban.Signed >= 7.5.2), no build-only dependency, no stray file, Print's Linux native assets.
# The tool's package is packed, installed and run by the CLI tests (PackedToolTests).
#   scripts/check-packages.sh              build, pack and check
#   scripts/check-packages.sh --no-build   pack what a Release build (with CI=true) left, as .ci/run does
set -euo pipefail
cd "$(dirname "$0")/.."
build=()
if [[ "${1:-}" == "--no-build" ]]; then build=(--no-build); fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --pretty=%ct)}
export SOURCE_DATE_EPOCH
for project in src/*/*.csproj; do
  [[ "$project" == */OneToOne.Composition.Cli.csproj ]] && continue
  for feed in a b; do
    dotnet pack "$project" -c Release -o "$out/$feed" -p:ContinuousIntegrationBuild=true "${build[@]}" -nologo -v q
  done
done
dotnet run scripts/check-packages.cs -- "$out/a" "$out/b"
