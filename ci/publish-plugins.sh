#!/usr/bin/env bash
# Publishes our reference plugins as NativeAOT single binaries into artifacts/plugins/ (or $1). Any AOT or trimming
# warning fails the publish, because Directory.Build.props sets TreatWarningsAsErrors (issue 6 "Done when").
# Add a plugin by appending its project folder to the list below.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/plugins}"
mkdir -p "$out"
for project in plugins-under-test/CniTest.IpamPlugin plugins-under-test/CniTest.Bridge; do
  dotnet publish "$project" -c Release -r linux-x64 -nologo -v q -o "$out"
done
rm -f "$out"/*.pdb "$out"/*.dbg "$out"/*.xml
