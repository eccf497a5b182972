#!/usr/bin/env bash
# The whole test suite (the README's test command). Builds the solution once, runs every xunit.v3 test project
# (each is an executable; run directly because this SDK's `dotnet test` no longer drives xunit.v3 through
# VSTest), and ends with the line "N passed, N failed, N skipped" summed over all projects.
# Exit status is non-zero when anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

if ! dotnet build CniConformance.sln -c Release -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in $(ls tests/*/*.csproj plugins-under-test/*Tests/*.csproj 2>/dev/null); do
  name="$(basename "$project" .csproj)"
  exe="$(dirname "$project")/bin/Release/net10.0/$name"
  echo "== $name"
  "$exe" -noColor -noLogo -xml "$results/$name.xml" || status=1
done

passed=0; failed=0; skipped=0
for xml in "$results"/*.xml; do
  [ -f "$xml" ] || continue
  while read -r p f s; do
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  done < <(
           grep -o '<assembly [^>]*>' "$xml" | while read -r line; do
             p=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$line")
             f=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$line")
             s=$(sed -nE 's/.* skipped="([0-9]+)".*/\1/p' <<<"$line")
             e=$(sed -nE 's/.* errors="([0-9]+)".*/\1/p' <<<"$line")
             echo "${p:-0} $(( ${f:-0} + ${e:-0} )) ${s:-0}"
           done)
done
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then failed=1; status=1; fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
