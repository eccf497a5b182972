#!/usr/bin/env bash
# The whole test suite (the README's test command). Builds the solution once, runs every xunit.v3 test project
# (each is an executable; run directly because this SDK's `dotnet test` no longer drives xunit.v3 through
# VSTest), and ends with the line "N passed, N failed" summed over all projects (skips on the line before).
# Each executable runs under coverlet's instrumentation (ci/coverage.sh), which prints one line of line and branch
# coverage per product assembly before the totals; CNITEST_COVERAGE=0 runs the executables bare.
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
publish_failed=0
# Plugins as shipped: NativeAOT binaries (a warning fails the publish); the plugin tests then run these binaries.
if ci/publish-plugins.sh "$results/plugins"; then
  export CNITEST_IPAM_BINARY="$results/plugins/cnitest-ipam" CNITEST_BRIDGE_DIR="$results/plugins"
else
  echo "NativeAOT publish of the plugins failed"
  publish_failed=1
fi
# The CLI as ./cnitest builds it for users: NativeAOT (issue 14). CNITEST_AOT=require makes the launcher fail here,
# with the publish's output, on a missing toolchain or any AOT/trim warning (an error: Directory.Build.props), instead of
# falling back to the JIT build; tests/CniTest.Integration.Tests (NativeCliTests) then run this binary.
aot_start=$SECONDS
if CNITEST_AOT=require ./cnitest --help >/dev/null; then
  export CNITEST_NATIVE_CLI="$PWD/.build/cli/cnitest"
  echo "NativeAOT CLI built by ./cnitest in $((SECONDS - aot_start)) s"
else
  echo "NativeAOT publish of the CLI failed"
  publish_failed=$((publish_failed + 1))
fi
for project in tests/*/*.csproj plugins-under-test/*Tests/*.csproj; do
  [ -f "$project" ] || continue
  name="$(basename "$project" .csproj)"
  # Only test projects (*.Tests) are executables; tests/CniTest.TestSupport is the library they share.
  case "$name" in *.Tests) ;; *) continue ;; esac
  exe="$(dirname "$project")/bin/Release/net10.0/$name"
  echo "== $name"
  if [ "${CNITEST_COVERAGE:-1}" = 0 ]; then
    if ! "$exe" -noColor -noLogo -xml "$results/$name.xml"; then status=1; fi
  elif ! ci/coverage.sh run "$project" "$results/coverage" -noColor -noLogo -xml "$results/$name.xml"; then
    status=1
  fi
  # A test host that crashed before writing its report counts as one failure, never as silence.
  [ -s "$results/$name.xml" ] || { echo "$name: no test report written" >&2; echo '<assembly failed="1">' >"$results/$name.xml"; }
done

# Sum one attribute of every <assembly> element over all reports.
sum() { grep -ho "<assembly [^>]*" "$results"/*.xml | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n' | awk '{n+=$1} END {print n+0}'; }
passed=$(sum passed); failed=$(( $(sum failed) + $(sum errors) )); skipped=$(sum skipped)
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then failed=1; fi
failed=$((failed + publish_failed))
[ "$failed" -gt 0 ] && status=1
[ "${CNITEST_COVERAGE:-1}" = 0 ] || ci/coverage.sh summary "$results/coverage"
echo "$skipped skipped"
echo "$passed passed, $failed failed"
exit $status
