#!/usr/bin/env bash
# Line and branch coverage for ci/test.sh with coverlet (coverlet.msbuild's instrumentation; see ci/coverage.targets
# for why not coverlet.collector).
#   ci/coverage.sh run PROJECT.csproj OUTDIR ARGS...  runs the project's built test executable with ARGS, exactly as
#                                                      without coverage, and merges its hits into OUTDIR/coverage.json;
#                                                      exits with the executable's status
#   ci/coverage.sh summary OUTDIR                      one line per product assembly: line % and branch %
set -uo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
run)
  project="$2" out="$3"; shift 3
  mkdir -p "$out"
  name="$(basename "$project" .csproj)"
  log="$out/$name.log"
  # Each project's hits are merged into the previous ones (coverlet's MergeWith), so the last report covers all.
  merge=()
  [ -s "$out/coverage.json" ] && merge=("-p:MergeWith=$out/coverage.json")
  # Product assemblies only: ours are CniTest.* and the CLI's "cnitest"; test code and the test fixtures are not product.
  # MSBuild needs the commas of a property value escaped (%2c).
  if ! dotnet msbuild "$project" -nologo -tl:off -v:q -t:CniTestCoverageRun -p:Configuration=Release \
      "-p:CustomAfterMicrosoftCommonTargets=$PWD/ci/coverage.targets" \
      "-p:Include=[CniTest.*]*%2c[cnitest]*" "-p:Exclude=[*.Tests]*%2c[CniTest.TestSupport]*" \
      "-p:CniTestArguments=$*" "-p:CniTestLog=$log" \
      "-p:CoverletOutputFormat=json%2ccobertura" "-p:CoverletOutput=$out/" "${merge[@]}" >"$out/$name.msbuild.log" 2>&1; then
    [ -f "$log" ] && cat "$log"
    echo "$name: coverage collection failed:" >&2
    grep -E "error|warn" "$out/$name.msbuild.log" | head -20 >&2
    exit 1
  fi
  cat "$log"
  exit "$(cat "$log.exit")"
  ;;
summary)
  report="$2/coverage.cobertura.xml"
  if [ ! -s "$report" ]; then
    echo "coverage: no report written"
    exit 1
  fi
  # Cobertura: one <package> per assembly with line-rate and branch-rate between 0 and 1.
  grep -o '<package [^>]*' "$report" | sed -E 's/.*name="([^"]*)".*line-rate="([0-9.]*)".*branch-rate="([0-9.]*)".*/\1 \2 \3/' |
    sort | awk '{ name = $1 == "cnitest" ? "CniTest.Cli (cnitest)" : $1; printf "coverage %-22s line %5.1f%%  branch %5.1f%%\n", name, $2 * 100, $3 * 100 }'
  ;;
*)
  echo "usage: ci/coverage.sh run PROJECT OUTDIR ARGS... | summary OUTDIR" >&2
  exit 2
  ;;
esac
