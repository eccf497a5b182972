#!/usr/bin/env bash
# One-shot CLI speed (issue 14 part 1): `cnitest add` and `cnitest del` against Go's cnitool on the same 3-plugin
# conflist (Debian's bridge + host-local, portmap, tuning), all four commands in ONE hyperfine run so that the
# ratio is fair on a loaded machine; prints the ratios and the load (uptime) the run saw.
#
# Prerequisites (as root): hyperfine and cnitool. `apt-get install hyperfine containernetworking-plugins`;
# cnitool is built from Debian's source package by /work/shared/bench/build-cnitool.sh (golang-go from apt), or
# name yours with CNITOOL=PATH. CNITEST=PATH picks the cnitest to time (default: the repo's launcher's build, the
# NativeAOT executable .build/cli/cnitest, which this script builds first through ./cnitest so that the build itself
# is never timed).
#
# Isolation: the script re-executes itself in a private mount namespace whose /run/netns and /var/lib are tmpfs,
# creates a "host" network namespace (bridge, iptables rules and sysctls live there) and a container namespace, runs hyperfine inside the host namespace, and removes both on exit. The machine's
# own network namespace, /run/netns and result caches are never touched.
#
# CNITEST_BASELINE="dotnet /path/to/other/cnitest.dll" (or a native executable's path) adds that build's add and del
# to the same run (before/after).
# Usage: bench/cli/run.sh [RUNS]        (default 30 runs per command; the table also goes to .build/bench-cli.md)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
runs="${1:-30}"

if [ "$(id -u)" != 0 ]; then echo "bench/cli/run.sh: needs root (network namespaces)" >&2; exit 2; fi
CNITOOL="${CNITOOL:-/opt/anchors/bin/cnitool}"
[ -x /usr/bin/time ] || { echo "bench/cli/run.sh: missing /usr/bin/time (apt-get install time)" >&2; exit 2; }
for need in hyperfine "$CNITOOL" /usr/lib/cni/bridge /usr/lib/cni/portmap /usr/lib/cni/tuning; do
  command -v "$need" >/dev/null 2>&1 || { echo "bench/cli/run.sh: missing $need (see the prerequisites at the top)" >&2; exit 2; }
done

if [ -z "${CLISPEED_INSIDE:-}" ]; then
  if [ -z "${CNITEST:-}" ]; then
    "$root/cnitest" --help >/dev/null   # builds the CLI on first use, outside the timed part
    # The launcher itself is a bash script with a `find` staleness check; time the CLI, not the launcher: its
    # NativeAOT executable, or, where the launcher fell back to a framework-dependent build, that through dotnet.
    if [ -f "$root/.build/cli/cnitest.dll" ]; then
      echo "bench/cli/run.sh: the launcher's build is not native (NativeAOT could not build here): timing the JIT build" >&2
      CNITEST="dotnet $root/.build/cli/cnitest.dll"
    else
      CNITEST="$root/.build/cli/cnitest"
    fi
  fi
  export CNITEST CNITOOL CLISPEED_INSIDE=1 CNITEST_BASELINE="${CNITEST_BASELINE:-}"
  exec unshare --mount --propagation private "$0" "$@"
fi

# --- inside the private mount namespace ---
mount -t tmpfs clispeed-netns /run/netns 2>/dev/null || { mkdir -p /run/netns; mount -t tmpfs clispeed-netns /run/netns; }
# A tmpfs over the whole of /var/lib: both tools' default caches (/var/lib/cni, /var/lib/cnitest) land there, and
# nothing is created on the machine's disk even where those folders do not exist yet.
mount -t tmpfs clispeed-varlib /var/lib
state="$(mktemp -d /tmp/clispeed-bench.XXXXXX)"
hostns=clispeed-host
podns=clispeed-pod
cleanup() {
  ip netns del "$podns" 2>/dev/null || true
  ip netns del "$hostns" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT INT TERM

ip netns add "$hostns"
ip netns add "$podns"
ip -n "$hostns" link set lo up
mkdir -p "$state/net.d" "$state/ipam"
cat > "$state/net.d/10-clispeed.conflist" <<JSON
{"cniVersion":"1.0.0","name":"clispeed","plugins":[
 {"type":"bridge","bridge":"clibr0","isGateway":true,"ipMasq":false,"hairpinMode":false,
  "ipam":{"type":"host-local","dataDir":"$state/ipam","ranges":[[{"subnet":"10.252.0.0/16"}]]}},
 {"type":"portmap","capabilities":{"portMappings":true},"snat":false},
 {"type":"tuning","sysctl":{"net.core.somaxconn":"512"}}]}
JSON

export NETCONFPATH="$state/net.d" CNI_PATH=/usr/lib/cni CAP_ARGS='{"portMappings":[{"hostPort":18080,"containerPort":80,"protocol":"tcp"}]}'
pod=/run/netns/$podns
tool="$CNITOOL"
ours="$CNITEST"
# Each add is prepared by a del of the same tool and each del by an add: every timed call does the real work.
load_before="$(uptime)"
# Prepare steps: DEL with both tools first (each keeps its own cache), so that no attachment is left from the
# previous benchmark, then ADD with the tool under test when a DEL is timed.
cat > "$state/reset" <<SH
#!/bin/sh
$tool del clispeed $pod >/dev/null 2>&1; $ours del clispeed $pod >/dev/null 2>&1; ${CNITEST_BASELINE:+$CNITEST_BASELINE del clispeed $pod >/dev/null 2>&1}
[ "\$1" = tool ] && exec $tool add clispeed $pod >/dev/null
[ "\$1" = ours ] && exec $ours add clispeed $pod >/dev/null
[ "\$1" = base ] && exec $CNITEST_BASELINE add clispeed $pod >/dev/null
exit 0
SH
chmod +x "$state/reset"
nsenter --net=/run/netns/$hostns hyperfine --style basic --runs "$runs" --warmup 3 -N --export-json "$state/h.json" \
  --prepare "$state/reset" -n "cnitool add" "$tool add clispeed $pod" \
  --prepare "$state/reset" -n "cnitest add" "$ours add clispeed $pod" \
  --prepare "$state/reset tool" -n "cnitool del" "$tool del clispeed $pod" \
  --prepare "$state/reset ours" -n "cnitest del" "$ours del clispeed $pod" \
  --prepare true -n "cnitest --help" "$ours --help" \
  ${CNITEST_BASELINE:+--prepare "$state/reset" -n "baseline add" "$CNITEST_BASELINE add clispeed $pod"} \
  ${CNITEST_BASELINE:+--prepare "$state/reset base" -n "baseline del" "$CNITEST_BASELINE del clispeed $pod"}
load_after="$(uptime)"
# Peak RSS (VmHWM of the largest process of each call: the CLI itself) of one add and one del of each tool.
rss() { nsenter --net=/run/netns/$hostns /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
"$state/reset" >/dev/null 2>&1
rss_tool_add=$(rss $tool add clispeed $pod); rss_tool_del=$(rss $tool del clispeed $pod)
rss_ours_add=$(rss $ours add clispeed $pod); rss_ours_del=$(rss $ours del clispeed $pod)
$ours del clispeed "$pod" >/dev/null 2>&1 || true
"$tool" del clispeed "$pod" >/dev/null 2>&1 || true

python3 - "$state/h.json" "$load_before" "$load_after" "$rss_tool_add" "$rss_tool_del" "$rss_ours_add" "$rss_ours_del" <<'PY' | tee "$root/.build/bench-cli.md"
import json, sys, datetime
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda n: r[n]["mean"] * 1000
med = lambda n: r[n]["median"] * 1000
print(f"date {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; load before: {sys.argv[2].split('load average:')[1].strip()}; after: {sys.argv[3].split('load average:')[1].strip()}")
print()
print("| command | cnitool mean (median) | cnitest mean (median) | ratio of means | ratio of medians | cnitest user+sys CPU |")
print("|---|---|---|---|---|---|")
for verb in ("add", "del"):
    t, o = f"cnitool {verb}", f"cnitest {verb}"
    print(f"| {verb} | {ms(t):.1f} ms ({med(t):.1f}) | {ms(o):.1f} ms ({med(o):.1f}) | {ms(o)/ms(t):.2f}× | {med(o)/med(t):.2f}× "
          f"| {(r[o]['user']+r[o]['system'])*1000:.1f} ms (cnitool {(r[t]['user']+r[t]['system'])*1000:.1f}) |")
print(f"| start-up floor: `cnitest --help` | | {ms('cnitest --help'):.1f} ms ({med('cnitest --help'):.1f}) | | | {(r['cnitest --help']['user']+r['cnitest --help']['system'])*1000:.1f} ms |")
for verb in ("add", "del"):
    b, o = f"baseline {verb}", f"cnitest {verb}"
    if b in r:
        print(f"| baseline (CNITEST_BASELINE) {verb} | | {ms(b):.1f} ms ({med(b):.1f}) | {ms(b)/ms('cnitool ' + verb):.2f}× | {med(b)/med('cnitool ' + verb):.2f}× "
              f"| {(r[b]['user']+r[b]['system'])*1000:.1f} ms |")
print()
a = sys.argv[4:8]
print(f"peak RSS: cnitool add {int(a[0])/1024:.1f} MB, del {int(a[1])/1024:.1f} MB; cnitest add {int(a[2])/1024:.1f} MB, del {int(a[3])/1024:.1f} MB")
PY
