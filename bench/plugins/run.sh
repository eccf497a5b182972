#!/usr/bin/env bash
# Benchmark of our plugins against the Go reference, one command (issue 6 item 5):
#   bench/plugins/run.sh (as root)        # publishes cnitest-bridge/cnitest-ipam (NativeAOT) if stale, then measures
# Go bridge + host-local (/usr/lib/cni) vs cnitest-bridge + cnitest-ipam, same run, same machine, same config shape
# (isGateway, ipMasq false, private dataDir, bridge in a host netns this script creates):
#   1. VERSION exec time (hyperfine -N; a bash $EPOCHREALTIME loop without it)
#   2. ADD and DEL, a fresh container netns per cycle (median, p90)
#   3. ADD with 1 vs 200 existing attachments on the bridge (median at each level)
#   4. 50 ADDs 8 in parallel (wall, failures, unique IPs, each netns has the IP its result names), then 50 DELs
#   5. peak RSS of one ADD (/usr/bin/time -v)
# Prints a ratio table (ours/Go) and writes it with the issue targets to bench/plugins/RESULTS.md.
#
# Isolation (HELPER-COMMON "the host is sacred"): the script re-runs itself with `nsenter --net` inside a netns it
# creates (cnitest-bench-<id>-host), so bridges, veth host ends and the ip_forward sysctl live there; containers are
# netns cnitest-bench-<id>-*; IPAM state goes to /run/cnitest-bench/<id>. A trap removes all of it on EXIT/INT/TERM,
# and the machine's `ip link`/`ip addr`/`ip route`/`iptables-save` are compared before and after: any change fails.
#
# Environment: BENCH_PLUGIN_DIR=<dir with cnitest-bridge, cnitest-ipam> (skip publishing), BENCH_N (ADD/DEL cycles,
# 60), BENCH_SCALE (attachments for the scale test, 200), BENCH_SCALE_K (ADDs measured per level, 30),
# BENCH_PAR_N/BENCH_PAR_P (50/8), BENCH_VERSION_RUNS (300), BENCH_RESULTS (output markdown path).
set -euo pipefail

# ---------------------------------------------------------------------------------------------------- settings ---
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SELF="$REPO/bench/plugins/run.sh"
GO_DIR=/usr/lib/cni
N=${BENCH_N:-60}
SCALE=${BENCH_SCALE:-200}
SCALE_K=${BENCH_SCALE_K:-30}
PAR_N=${BENCH_PAR_N:-50}
PAR_P=${BENCH_PAR_P:-8}
VERSION_RUNS=${BENCH_VERSION_RUNS:-300}
RSS_RUNS=5
RESULTS=${BENCH_RESULTS:-$REPO/bench/plugins/RESULTS.md}
NOTES="$REPO/bench/plugins/NOTES.md"

# ------------------------------------------------------------------------------------------------ shared helpers ---
now() { echo "${EPOCHREALTIME/./}"; }   # microseconds, bash builtin: no fork inside the timed region

# "median p90 n" (ms) of microsecond samples on stdin; p90 is the nearest-rank 90th percentile.
stats() { sort -n | awk '{a[NR]=$1} END { if (NR == 0) { print "nan nan 0"; exit }
  m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; k = int(NR * 0.9 + 0.999999)
  printf "%.2f %.2f %d\n", m / 1000, a[k] / 1000, NR }'; }

# plugin IMPL CMD CONTAINERID NETNS [NET]: one call of the implementation's bridge, config on stdin, result on stdout.
# NET "small" is a second network of the same shape (own bridge, subnet, dataDir) used by the scale test.
# "oursexec" is our bridge forced to exec cnitest-ipam like Go execs host-local (information only).
plugin() {
  local impl=$1 cmd=$2 cid=$3 ns=$4 conf=$STATE/${1%exec}${5:+-$5}.json
  case $impl in
    go) CNI_COMMAND=$cmd CNI_CONTAINERID=$cid CNI_NETNS=/var/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH=$GO_DIR \
          "$GO_DIR/bridge" < "$conf" ;;
    ours) CNI_COMMAND=$cmd CNI_CONTAINERID=$cid CNI_NETNS=/var/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH=$PLUGIN_DIR \
          "$PLUGIN_DIR/cnitest-bridge" < "$conf" ;;
    oursexec) CNITEST_BRIDGE_EXEC_IPAM=1 CNI_COMMAND=$cmd CNI_CONTAINERID=$cid CNI_NETNS=/var/run/netns/$ns \
          CNI_IFNAME=eth0 CNI_PATH=$PLUGIN_DIR "$PLUGIN_DIR/cnitest-bridge" < "$conf" ;;
  esac
}
# ipam IMPL CMD CONTAINERID [NET]: the IPAM plugin alone (exec'd, as Go's bridge runs it), same network and dataDir.
ipam() {
  local bin=$GO_DIR/host-local
  [ "$1" = go ] || bin=$PLUGIN_DIR/cnitest-ipam
  CNI_COMMAND=$2 CNI_CONTAINERID=$3 CNI_NETNS=/var/run/netns/$HOSTNS CNI_IFNAME=eth0 CNI_PATH=$GO_DIR:$PLUGIN_DIR \
    "$bin" < "$STATE/$1${4:+-$4}-ipam.json"
}
bridge_of() { case $1 in go) echo cnbgo0 ;; *) echo cnbours0 ;; esac; }
network_of() { case $1 in go) echo cnb-go ;; *) echo cnb-ours ;; esac; }
# Reservations = files named after an address in <dataDir>/<network>/ (host-local's layout, which ours keeps).
ipam_files() {
  local d="$STATE/ipam-${1%exec}/$(network_of "$1")"
  if [ -d "$d" ]; then { ls "$d" | grep -Ec '^[0-9a-f.:]+$' || true; }; else echo 0; fi
}
ports_of() { ip -o link show master "$(bridge_of "$1")" 2>/dev/null | grep -c . || true; }

# =============================================================================================== inner (host netns) ===
if [ "${1:-}" = --inner ]; then
  export STATE PLUGIN_DIR PREFIX GO_DIR HOSTNS
  export -f plugin
  RAW=$STATE/raw
  mkdir -p "$RAW"
  fact() { printf '%s=%q\n' "$1" "$2" >> "$RAW/facts.env"; }
  fail=0

  # ---- 1. VERSION exec latency -------------------------------------------------------------------------------
  echo "[1/5] VERSION exec time ($VERSION_RUNS runs each)"
  if command -v hyperfine >/dev/null; then
    fact version_tool "hyperfine $(hyperfine --version | awk '{print $2}') -N, 20 warm-up runs, $VERSION_RUNS runs"
    CNI_COMMAND=VERSION hyperfine -N -i --warmup 20 --runs "$VERSION_RUNS" --export-json "$RAW/version.json" \
      -n true /bin/true -n go-bridge "$GO_DIR/bridge" -n ours-bridge "$PLUGIN_DIR/cnitest-bridge" \
      -n go-ipam "$GO_DIR/host-local" -n ours-ipam "$PLUGIN_DIR/cnitest-ipam" > "$RAW/hyperfine.log" 2>&1
    for name in true go-bridge ours-bridge go-ipam ours-ipam; do
      jq -r --arg n "$name" '.results[] | select(.command == $n) | .times[] | . * 1000000 | floor' "$RAW/version.json" \
        > "$RAW/version-$name.txt"
    done
  else
    fact version_tool "bash \$EPOCHREALTIME loop (hyperfine not installed), 20 warm-up runs, $VERSION_RUNS runs"
    for pair in true:/bin/true go-bridge:$GO_DIR/bridge ours-bridge:$PLUGIN_DIR/cnitest-bridge \
                go-ipam:$GO_DIR/host-local ours-ipam:$PLUGIN_DIR/cnitest-ipam; do
      name=${pair%%:*}; bin=${pair#*:}; : > "$RAW/version-$name.txt"
      for ((i = 0; i < 20; i++)); do CNI_COMMAND=VERSION "$bin" </dev/null >/dev/null; done
      for ((i = 0; i < VERSION_RUNS; i++)); do
        t0=$(now); CNI_COMMAND=VERSION "$bin" </dev/null >/dev/null; t1=$(now); echo $((t1 - t0)) >> "$RAW/version-$name.txt"
      done
    done
  fi

  # ---- 2. ADD / DEL, fresh netns per cycle ---------------------------------------------------------------------
  # Implementations are interleaved (and their order rotated) per cycle, so machine noise hits all of them alike.
  # Netns creation and deletion are not timed. "kernel" times only the kernel's part of a DEL: our ADD, then
  # `ip -n NS link del eth0` timed (one ip exec, ~1 ms, included), then our DEL to release the address.
  echo "[2/5] ADD/DEL cycles, fresh netns each ($N per implementation)"
  impls=(go ours oursexec kernel)
  # Used netns are deleted in batches, then the kernel gets a moment: a netns dies asynchronously (cleanup_net in a
  # kworker, under the RTNL lock), and the more netns the machine holds the longer that takes. Deleting one right
  # before each timed call measured our own churn: with 200 attachments it doubled ADD times within a few cycles.
  pending_ns=()
  flush_ns() { local ns; for ns in "${pending_ns[@]}"; do ip netns del "$ns"; done; pending_ns=(); sleep 0.3; }
  cycle() { # IMPL TAG FILE-PREFIX [NET]
    local impl=$1 ns=$PREFIX-$2 net=${4:-} t0 t1 t2 rc1=0 rc2=0 TIMEFORMAT='%3U %3S' cpu=/dev/null
    if [ -n "${3:-}" ]; then cpu=$3-cpu.txt; fi
    ip netns add "$ns"
    if [ "$impl" = kernel ]; then
      plugin ours ADD "cyc-$2" "$ns" > /dev/null 2>>"$RAW/errors.log" || rc1=$?
      t1=$(now); ip -n "$ns" link del eth0 2>>"$RAW/errors.log" || rc2=$?; t2=$(now); t0=$t1
      plugin ours DEL "cyc-$2" "$ns" > /dev/null 2>>"$RAW/errors.log" || rc2=$?
    else
      # bash's `time` adds the plugin's user+system CPU (and its children's): less load-dependent than wall time
      t0=$(now); { time plugin "$impl" ADD "cyc-$2" "$ns" $net > /dev/null 2>>"$RAW/errors.log"; } 2>>"$cpu" || rc1=$?; t1=$(now)
      plugin "$impl" DEL "cyc-$2" "$ns" $net > /dev/null 2>>"$RAW/errors.log" || rc2=$?; t2=$(now)
    fi
    pending_ns+=("$ns")
    if [ $rc1 != 0 ] || [ $rc2 != 0 ]; then echo "  FAIL $impl $2 add=$rc1 del=$rc2"; fail=$((fail + 1)); return; fi
    if [ -n "${3:-}" ]; then echo $((t1 - t0)) >> "$3-add.txt"; echo $((t2 - t1)) >> "$3-del.txt"; fi
  }
  for impl in "${impls[@]}"; do cycle "$impl" "w$impl" ""; cycle "$impl" "w2$impl" ""; done   # creates the bridges
  flush_ns
  for ((i = 1; i <= N; i++)); do
    for ((j = 0; j < ${#impls[@]}; j++)); do
      impl=${impls[$(((i + j) % ${#impls[@]}))]}
      cycle "$impl" "c$i$impl" "$RAW/cycle-$impl"
    done
    if ((i % 3 == 0)); then flush_ns; fi
  done
  flush_ns

  # ---- 3. ADD at 1 vs at SCALE existing attachments ----------------------------------------------------------------
  # Go and ours interleaved call by call, bracketed against drift (this machine is shared and noisy):
  #   A1: K ADD/DEL cycles on each "small" network, which holds 1 attachment; the machine holds nothing else
  #   fill both main networks to SCALE attachments (2 × SCALE netns; per network SCALE ports and reservations)
  #   B:  K cycles alternating between the main network (SCALE attachments) and the small one (still 1), plus
  #       K IPAM-alone ADD/DEL pairs on each (exec'd, same dataDir): the plugin's own share of the growth
  #   drain, then A2: K cycles on the small network again
  # "ADD at 1" is the median of A1+A2, "ADD at SCALE" that of B on the main network. B on the small network tells
  # the machine-wide part (more netns and links on the machine) from the per-network part (ports, reservations).
  echo "[3/5] ADD with 1 vs $SCALE existing attachments ($SCALE_K ADDs per level)"
  ipam_pair() { # IMPL TAG FILE [NET]
    local t0 t1 rc=0
    t0=$(now); ipam "$1" ADD "ipam-$2" ${4:-} > /dev/null 2>>"$RAW/errors.log" || rc=$?; t1=$(now)
    ipam "$1" DEL "ipam-$2" ${4:-} > /dev/null 2>>"$RAW/errors.log" || rc=$?
    if [ $rc = 0 ]; then echo $((t1 - t0)) >> "$3"; else echo "  FAIL ipam $1 $2"; fail=$((fail + 1)); fi
  }
  # Load-independent evidence (issue 14): the syscalls of one ADD under strace at 1 and at SCALE attachments, and
  # the bytes it received from netlink. Wall times on a shared machine move with the load; these do not.
  syscalls() { # IMPL LEVEL [NET]: "syscalls netlink-bytes" of one ADD into a fresh netns (then DEL'd)
    local ns=$PREFIX-sys$1$2 out=$RAW/strace-$1-$2.txt
    ip netns add "$ns"
    plugin "$1" ADD "sys-$2" "$ns" ${3:-} > /dev/null 2>>"$RAW/errors.log" || true
    plugin "$1" DEL "sys-$2" "$ns" ${3:-} > /dev/null 2>>"$RAW/errors.log" || true
    local id=sys2-$2 rc=0
    STRACE_OUT=$out strace_plugin "$1" ADD "$id" "$ns" ${3:-} > /dev/null 2>>"$RAW/errors.log" || rc=$?
    plugin "$1" DEL "$id" "$ns" ${3:-} > /dev/null 2>>"$RAW/errors.log" || true
    pending_ns+=("$ns")
    if [ $rc != 0 ]; then fact "sys_$1_$2" "failed"; return; fi
    fact "sys_$1_$2" "$(awk '/^[0-9]+ +[a-z_0-9]+\(/ {n++} /^[0-9]+ +(<\.\.\. )?recv(from|msg)[ (]/ && $NF ~ /^[0-9]+$/ {b += $NF} END {printf "%d %d", n, b}' "$out")"
  }
  strace_plugin() { # like plugin, under strace -f (all syscalls, one line each)
    local impl=$1 cmd=$2 cid=$3 ns=$4 conf=$STATE/${1%exec}${5:+-$5}.json bin dir
    case $impl in go) bin=$GO_DIR/bridge dir=$GO_DIR ;; *) bin=$PLUGIN_DIR/cnitest-bridge dir=$PLUGIN_DIR ;; esac
    CNI_COMMAND=$cmd CNI_CONTAINERID=$cid CNI_NETNS=/var/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH=$dir \
      strace -f -qq -o "$STRACE_OUT" "$bin" < "$conf"
  }
  have_strace=0; command -v strace > /dev/null && have_strace=1
  fill() { # IMPL FROM TO CMD [NET]
    local impl=$1 k rc
    for ((k = $2; k <= $3; k++)); do
      if [ "$4" = ADD ]; then ip netns add "$PREFIX-s$impl${5:-}$k"; fi
      rc=0; plugin "$impl" "$4" "fill-$k" "$PREFIX-s$impl${5:-}$k" ${5:-} > /dev/null 2>>"$RAW/errors.log" || rc=$?
      if [ $rc != 0 ]; then echo "  FAIL fill $impl $4 $k"; fail=$((fail + 1)); fi
      if [ "$4" = DEL ]; then ip netns del "$PREFIX-s$impl${5:-}$k"; fi
    done
  }
  # Go and ours take turns call by call (order alternating), so the load drift of a shared machine hits both alike:
  # issue 14 compares their growths, which a phase run minutes after the other's could not tell from the drift.
  pair_order() { if (($1 % 2)); then echo go ours; else echo ours go; fi; }
  both_small() { # TAG-LETTER: SCALE_K cycles on each small network, interleaved
    local i impl
    for ((i = 1; i <= SCALE_K; i++)); do
      for impl in $(pair_order "$i"); do cycle "$impl" "$1$i$impl" "$RAW/scaleA-$impl" small; done
      if ((i % 5 == 0)); then flush_ns; fi
    done
    flush_ns
  }
  for impl in go ours; do fill "$impl" 1 1 ADD small; done
  both_small a
  if [ $have_strace = 1 ]; then for impl in go ours; do syscalls "$impl" 1 small; done; flush_ns; fi
  for ((k = 1; k <= SCALE; k++)); do for impl in go ours; do fill "$impl" "$k" "$k" ADD; done; done
  sleep 1
  if [ $have_strace = 1 ]; then for impl in go ours; do syscalls "$impl" "$SCALE"; done; flush_ns; fi
  for impl in go ours; do fact "scale_${impl}_ports_high" "$(ports_of $impl)"; fact "scale_${impl}_ipam_high" "$(ipam_files $impl)"; done
  for ((i = 1; i <= SCALE_K; i++)); do   # order alternates: a call right after a netns deletion runs slower
    for impl in $(pair_order "$i"); do
      if ((i % 2)); then
        cycle "$impl" "b$i$impl" "$RAW/scaleN-$impl"; cycle "$impl" "d$i$impl" "$RAW/scaleNsmall-$impl" small
        ipam_pair "$impl" "n$i" "$RAW/ipamN-$impl.txt"; ipam_pair "$impl" "o$i" "$RAW/ipam1-$impl.txt" small
      else
        cycle "$impl" "d$i$impl" "$RAW/scaleNsmall-$impl" small; cycle "$impl" "b$i$impl" "$RAW/scaleN-$impl"
        ipam_pair "$impl" "o$i" "$RAW/ipam1-$impl.txt" small; ipam_pair "$impl" "n$i" "$RAW/ipamN-$impl.txt"
      fi
    done
    if ((i % 3 == 0)); then flush_ns; fi
  done
  flush_ns
  for ((k = 1; k <= SCALE; k++)); do for impl in go ours; do fill "$impl" "$k" "$k" DEL; done; done
  for impl in go ours; do fact "scale_${impl}_ports_after" "$(ports_of $impl)"; fact "scale_${impl}_ipam_after" "$(ipam_files $impl)"; done
  sleep 2   # 2 × SCALE netns were just deleted: let their cleanup finish before measuring again
  both_small e
  for impl in go ours; do fill "$impl" 1 1 DEL small; done

  # ---- 4. PAR_N ADDs, PAR_P in parallel, then PAR_N DELs ---------------------------------------------------------
  # warm: the bridge exists; cold: it is deleted first, so the ADDs race to create it (plugins#366).
  echo "[4/5] $PAR_N ADDs, $PAR_P in parallel, then DELs (warm and cold bridge)"
  par() { # ADD|DEL IMPL DIR I
    local rc=0; plugin "$2" "$1" "par-$4" "$PREFIX-p$4" > "$3/$1-$4.out" 2> "$3/$1-$4.err" || rc=$?; echo $rc > "$3/$1-$4.rc"
  }
  export -f par
  for scenario in warm cold; do
    for impl in go ours; do
      d=$RAW/par-$scenario-$impl; mkdir -p "$d"
      for ((i = 1; i <= PAR_N; i++)); do ip netns add "$PREFIX-p$i"; done
      if [ $scenario = cold ]; then ip link del "$(bridge_of $impl)"; fi
      t0=$(now); seq 1 "$PAR_N" | xargs -P "$PAR_P" -I{} bash -c 'par ADD "$0" "$1" "$2"' "$impl" "$d" {}; t1=$(now)
      addfail=$(cat "$d"/ADD-*.rc | grep -vc '^0$' || true)
      ips=$(cat "$d"/ADD-*.out | jq -r '.ips[0].address' 2>/dev/null | grep -v null || true)
      nip=$(grep -c . <<< "$ips" || true); nuniq=$(sort -u <<< "$ips" | grep -c . || true)
      mism=0
      for ((i = 1; i <= PAR_N; i++)); do
        want=$(jq -r '.ips[0].address' "$d/ADD-$i.out" 2>/dev/null || true)
        have=$(ip -n "$PREFIX-p$i" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')
        if [ -z "$want" ] || [ "$want" != "$have" ]; then mism=$((mism + 1)); fi
      done
      ports=$(ports_of $impl); files=$(ipam_files $impl); bridges=$(ip -o link show type bridge | grep -c "$(bridge_of $impl)" || true)
      t2=$(now); seq 1 "$PAR_N" | xargs -P "$PAR_P" -I{} bash -c 'par DEL "$0" "$1" "$2"' "$impl" "$d" {}; t3=$(now)
      delfail=$(cat "$d"/DEL-*.rc | grep -vc '^0$' || true)
      k=par_${scenario}_$impl
      fact "${k}_add_wall" $(((t1 - t0) / 1000)); fact "${k}_add_fail" "$addfail"; fact "${k}_ips" "$nip"
      fact "${k}_unique" "$nuniq"; fact "${k}_mismatch" "$mism"; fact "${k}_ports" "$ports"; fact "${k}_files" "$files"
      fact "${k}_bridges" "$bridges"; fact "${k}_del_wall" $(((t3 - t2) / 1000)); fact "${k}_del_fail" "$delfail"
      fact "${k}_ports_after" "$(ports_of $impl)"; fact "${k}_files_after" "$(ipam_files $impl)"
      for f in "$d"/*.err; do if [ -s "$f" ]; then echo "  $impl $scenario $(basename "$f"): $(head -c 300 "$f")"; fi; done
      for ((i = 1; i <= PAR_N; i++)); do ip netns del "$PREFIX-p$i"; done
    done
  done

  # ---- 5. peak RSS of one ADD ----------------------------------------------------------------------------------------
  # GNU time reports the largest ru_maxrss of the process and its waited-for children: for Go that is
  # max(bridge, host-local), for ours the one process (IPAM runs in-process).
  echo "[5/5] peak RSS of one ADD ($RSS_RUNS each)"
  if [ -x /usr/bin/time ]; then
    for impl in go ours; do
      for ((i = 1; i <= RSS_RUNS; i++)); do
        ns=$PREFIX-r$i; ip netns add "$ns"
        case $impl in
          go) CNI_COMMAND=ADD CNI_CONTAINERID=rss-$i CNI_NETNS=/var/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH=$GO_DIR \
                /usr/bin/time -v -o "$RAW/time.txt" "$GO_DIR/bridge" < "$STATE/go.json" > /dev/null ;;
          ours) CNI_COMMAND=ADD CNI_CONTAINERID=rss-$i CNI_NETNS=/var/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH=$PLUGIN_DIR \
                /usr/bin/time -v -o "$RAW/time.txt" "$PLUGIN_DIR/cnitest-bridge" < "$STATE/ours.json" > /dev/null ;;
        esac
        awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$RAW/time.txt" >> "$RAW/rss-$impl.txt"
        plugin "$impl" DEL "rss-$i" "$ns" > /dev/null; ip netns del "$ns"
      done
    done
  fi
  fact failures "$fail"
  exit 0
fi

# ============================================================================================= outer (machine netns) ===
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (network namespaces)" >&2; exit 1; }
[ -x "$GO_DIR/bridge" ] && [ -x "$GO_DIR/host-local" ] || { echo "run.sh: Go plugins missing in $GO_DIR (apt-get install containernetworking-plugins)" >&2; exit 1; }
command -v jq >/dev/null || apt-get install -y jq >/dev/null
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null 2>&1 || echo "hyperfine not installable: using a bash loop"
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null 2>&1 || echo "GNU time not installable: no RSS numbers"
command -v strace >/dev/null || apt-get install -y strace >/dev/null 2>&1 || echo "strace not installable: no syscall counts"

# ---- publish our plugins (NativeAOT) unless the binaries are newer than every source they are built from ----------
if [ -n "${BENCH_PLUGIN_DIR:-}" ]; then
  PLUGIN_DIR=$(cd "$BENCH_PLUGIN_DIR" && pwd)
else
  PLUGIN_DIR=$REPO/artifacts/plugins
  stale=0
  for bin in cnitest-bridge cnitest-ipam; do
    [ -x "$PLUGIN_DIR/$bin" ] || stale=1
  done
  if [ $stale = 0 ] && [ -n "$(find "$REPO"/plugins-under-test/CniTest.{Bridge,Ipam,IpamPlugin,Netlink,PluginSdk} \
      "$REPO"/plugins-under-test/*.props "$REPO"/Directory.Build.props "$REPO"/Directory.Packages.props \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -newer "$PLUGIN_DIR/cnitest-bridge" -print -quit)" ]; then
    stale=1
  fi
  if [ $stale = 1 ]; then
    echo "publishing cnitest-bridge and cnitest-ipam (NativeAOT) to $PLUGIN_DIR ..."
    "$REPO/ci/publish-plugins.sh" "$PLUGIN_DIR"
  fi
fi
for bin in cnitest-bridge cnitest-ipam; do [ -x "$PLUGIN_DIR/$bin" ] || { echo "run.sh: $PLUGIN_DIR/$bin missing" >&2; exit 1; }; done

ID=$(printf '%04x%04x' $RANDOM $RANDOM)
PREFIX=cnitest-bench-$ID
HOSTNS=$PREFIX-host
STATE=/run/cnitest-bench/$ID
RAWKEEP=/tmp/cnitest-bench-results
INNER=""

# Everything that could differ on the machine if this script leaked something; counters and comments stripped.
host_snapshot() {
  echo "## ip link"; ip -o link show | sed 's/ link-netnsid [0-9]*//'
  echo "## ip addr"; ip -o addr show | sed 's/valid_lft.*//'
  echo "## ip route"; ip route show table all 2>/dev/null | grep -v ' proto kernel .*linkdown$' || true
  echo "## iptables-save"; iptables-save 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
  echo "## ip6tables-save"; ip6tables-save 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
  echo "## ip_forward"; cat /proc/sys/net/ipv4/ip_forward
}

cleanup() {
  local rc=$? pgid
  trap - EXIT INT TERM
  if [ -n "$INNER" ] && kill -0 "$INNER" 2>/dev/null; then
    # The inner run is its own process group (setsid): stop it and the plugins/xargs it started.
    pgid=$(awk '{print $5}' "/proc/$INNER/stat" 2>/dev/null || true)
    if [ -n "$pgid" ] && [ "$pgid" = "$INNER" ]; then kill -TERM -- "-$pgid" 2>/dev/null || true; else kill -TERM "$INNER" 2>/dev/null || true; fi
    wait "$INNER" 2>/dev/null || true
  fi
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do ip netns del "$ns" 2>/dev/null || true; done
  if [ -d "$STATE/raw" ]; then rm -rf "$RAWKEEP"; cp -r "$STATE/raw" "$RAWKEEP"; fi
  rm -rf "$STATE"; rmdir /run/cnitest-bench 2>/dev/null || true
  if [ -n "${BEFORE:-}" ]; then
    local after; after=$(host_snapshot)
    if [ "$after" != "$BEFORE" ]; then
      echo "run.sh: THE MACHINE'S NETWORK STATE CHANGED during the benchmark:" >&2
      diff <(echo "$BEFORE") <(echo "$after") >&2 || true
      rc=3
    else
      echo "host check: ip link/addr/route, iptables-save, ip_forward unchanged; no $PREFIX-* netns left"
    fi
  fi
  if ip netns list | grep -q "^$PREFIX-"; then echo "run.sh: netns $PREFIX-* left behind" >&2; rc=3; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

BEFORE=$(host_snapshot)
mkdir -p "$STATE/ipam-go" "$STATE/ipam-ours"
ip netns add "$HOSTNS"
ip -n "$HOSTNS" link set lo up
# Same shape for both; ours names its own IPAM (called in-process by the bridge, as issue 6 allows).
cat > "$STATE/go.json" <<JSON
{"cniVersion":"1.0.0","name":"cnb-go","type":"bridge","bridge":"cnbgo0","isGateway":true,"ipMasq":false,"hairpinMode":false,
 "ipam":{"type":"host-local","dataDir":"$STATE/ipam-go","ranges":[[{"subnet":"10.250.0.0/16"}]]}}
JSON
cat > "$STATE/ours.json" <<JSON
{"cniVersion":"1.0.0","name":"cnb-ours","type":"cnitest-bridge","bridge":"cnbours0","isGateway":true,"ipMasq":false,"hairpinMode":false,
 "ipam":{"type":"cnitest-ipam","dataDir":"$STATE/ipam-ours","ranges":[[{"subnet":"10.252.0.0/16"}]]}}
JSON
# The scale test's second network: same shape, own bridge, subnet and dataDir. And IPAM-only configs for both.
for impl in go ours; do
  jq -c '.name += "-small" | .bridge = (.bridge | sub("0$"; "1")) | .ipam.dataDir += "-small"
         | .ipam.ranges[0][0].subnet = (.ipam.ranges[0][0].subnet | sub("^10\\.25(?<d>[0-9])"; "10.24\(.d)"))' \
    "$STATE/$impl.json" > "$STATE/$impl-small.json"
  for conf in "$impl" "$impl-small"; do jq -c '{cniVersion, name, ipam}' "$STATE/$conf.json" > "$STATE/$conf-ipam.json"; done
done

START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DATADIR_FS=$(findmnt -n -o FSTYPE -T "$STATE" 2>/dev/null || echo "?")
export STATE PLUGIN_DIR PREFIX HOSTNS N SCALE SCALE_K PAR_N PAR_P VERSION_RUNS RSS_RUNS
setsid nsenter --net="/var/run/netns/$HOSTNS" bash "$SELF" --inner &
INNER=$!
wait "$INNER" || { echo "run.sh: measurement failed" >&2; exit 1; }
INNER=""
ELAPSED=$(( $(date +%s) - START ))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
RAW=$STATE/raw

# ----------------------------------------------------------------------------------------------------- report ---
# shellcheck disable=SC1091
. "$RAW/facts.env"
read -r v_go _ < <(stats < "$RAW/version-go-bridge.txt"); read -r v_ours _ < <(stats < "$RAW/version-ours-bridge.txt")
read -r vi_go _ < <(stats < "$RAW/version-go-ipam.txt"); read -r vi_ours _ < <(stats < "$RAW/version-ours-ipam.txt")
read -r v_true _ < <(stats < "$RAW/version-true.txt")
read -r add_go add90_go _ < <(stats < "$RAW/cycle-go-add.txt"); read -r add_ours add90_ours _ < <(stats < "$RAW/cycle-ours-add.txt")
read -r del_go del90_go _ < <(stats < "$RAW/cycle-go-del.txt"); read -r del_ours del90_ours _ < <(stats < "$RAW/cycle-ours-del.txt")
read -r add_ox add90_ox _ < <(stats < "$RAW/cycle-oursexec-add.txt"); read -r del_ox del90_ox _ < <(stats < "$RAW/cycle-oursexec-del.txt")
read -r del_k del90_k _ < <(stats < "$RAW/cycle-kernel-del.txt")
for impl in go ours; do
  read -r "s1_$impl" _ < <(stats < "$RAW/scaleA-$impl-add.txt"); read -r "sN_$impl" _ < <(stats < "$RAW/scaleN-$impl-add.txt")
  read -r "sNs_$impl" _ < <(stats < "$RAW/scaleNsmall-$impl-add.txt")
  read -r "i1_$impl" _ < <(stats < "$RAW/ipam1-$impl.txt"); read -r "iN_$impl" _ < <(stats < "$RAW/ipamN-$impl.txt")
done
rss_go=$( [ -s "$RAW/rss-go.txt" ] && sort -n "$RAW/rss-go.txt" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]/1024}' || echo nan)
rss_ours=$( [ -s "$RAW/rss-ours.txt" ] && sort -n "$RAW/rss-ours.txt" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]/1024}' || echo nan)

f2() { awk -v x="$1" 'BEGIN { if (x == "nan") print "n/a"; else printf "%.2f", x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "n/a"; else printf "%.2f×", a / b }'; }
growth() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f %%", (b / a - 1) * 100 }'; }
# verdict VALUE LIMIT WHAT: "met" / "missed" with the margin, for "value ≤ limit"
verdict() { awk -v v="$1" -v l="$2" -v w="$3" 'BEGIN {
  if (v <= l) printf "**met** (%s, %.0f %% under the limit)", w, (1 - v / l) * 100;
  else printf "**missed** by %.0f %% (%s)", (v / l - 1) * 100, w }'; }

r_add=$(awk -v a="$add_ours" -v b="$add_go" 'BEGIN{print a/b}'); r_del=$(awk -v a="$del_ours" -v b="$del_go" 'BEGIN{print a/b}')
g_ours=$(awk -v a="$s1_ours" -v b="$sN_ours" 'BEGIN{print b/a}')
add_v=$(verdict "$r_add" 0.5 "$(printf '%.2f× Go: %s vs %s ms' "$r_add" "$add_ours" "$add_go")")
del_v=$(verdict "$r_del" 0.8 "$(printf '%.2f× Go: %s vs %s ms; the kernel alone takes %s ms, %.2f× Go' "$r_del" "$del_ours" "$del_go" "$del_k" "$(awk -v a="$del_k" -v b="$del_go" 'BEGIN{print a/b}')")")
scale_v=$(verdict "$g_ours" 1.10 "$(printf '@%s %s ms vs @1 %s ms = %s: machine-wide %s, per network %s' "$SCALE" "$sN_ours" "$s1_ours" \
  "$(growth "$s1_ours" "$sN_ours")" "$(growth "$s1_ours" "$sNs_ours")" "$(growth "$sNs_ours" "$sN_ours")")")
par_ok=1
for sc in warm cold; do
  eval "pf=\$par_${sc}_ours_add_fail pu=\$par_${sc}_ours_unique pm=\$par_${sc}_ours_mismatch pd=\$par_${sc}_ours_del_fail"
  [ "$pf" = 0 ] && [ "$pu" = "$PAR_N" ] && [ "$pm" = 0 ] && [ "$pd" = 0 ] || par_ok=0
done
if [ $par_ok = 1 ]; then par_v="**met** (warm and cold bridge: 0 failures, $PAR_N/$PAR_N unique IPs, every netns holds its result's IP, 0 DEL failures)"
else par_v="**missed** (see the parallel rows below)"; fi

par_row() { # SCENARIO FIELD LABEL
  local g o; eval "g=\$par_$1_go_$2 o=\$par_$1_ours_$2"; echo "| $3 | $g | $o | $( [ "$2" = add_wall ] || [ "$2" = del_wall ] && ratio "$o" "$g" || echo "" ) |"
}

# Issue 14: our ADD may grow from 1 to SCALE attachments by no more than Go's does in the same run.
sys_row() { # FIELD(1=syscalls 2=bytes) IMPL
  local a b; eval "a=\${sys_$2_1:-} b=\${sys_$2_$SCALE:-}"
  if [ -z "$a" ] || [ -z "$b" ] || [ "$a" = failed ] || [ "$b" = failed ]; then echo "n/a"; return; fi
  echo "$(echo "$a" | cut -d' ' -f"$1") → $(echo "$b" | cut -d' ' -f"$1")"
}
g_go=$(awk -v a="$s1_go" -v b="$sN_go" 'BEGIN{print b/a}')
# mean user+system CPU ms per ADD (bash `time`, 1 ms resolution per sample, so the mean of all samples)
cpu_mean() { if [ -s "$1" ]; then awk '{s += $1 + $2; n++} END {printf "%.2f", s / n * 1000}' "$1"; else echo nan; fi; }
for impl in go ours; do eval "c1_$impl=\$(cpu_mean \"\$RAW/scaleA-$impl-cpu.txt\") cN_$impl=\$(cpu_mean \"\$RAW/scaleN-$impl-cpu.txt\")"; done
growth_v=$(awk -v o="$g_ours" -v g="$g_go" -v n="$SCALE" -v os="$(growth "$s1_ours" "$sN_ours")" -v gs="$(growth "$s1_go" "$sN_go")" 'BEGIN {
  if (o <= g) printf "**met** (ours %s, Go %s, 1 → %d attachments, same run)", os, gs, n;
  else printf "**missed** (ours %s, Go %s, 1 → %d attachments, same run)", os, gs, n }')

table=$(cat <<EOF
| measurement | Go bridge + host-local | cnitest-bridge + cnitest-ipam | ours/Go |
|---|---:|---:|---:|
| VERSION exec, bridge, median ms | $(f2 "$v_go") | $(f2 "$v_ours") | $(ratio "$v_ours" "$v_go") |
| VERSION exec, IPAM alone, median ms | $(f2 "$vi_go") | $(f2 "$vi_ours") | $(ratio "$vi_ours" "$vi_go") |
| ADD median ms (fresh netns, N=$N) | $add_go | $add_ours | $(ratio "$add_ours" "$add_go") |
| ADD p90 ms | $add90_go | $add90_ours | $(ratio "$add90_ours" "$add90_go") |
| DEL median ms | $del_go | $del_ours | $(ratio "$del_ours" "$del_go") |
| DEL p90 ms | $del90_go | $del90_ours | $(ratio "$del90_ours" "$del90_go") |
| kernel alone: \`ip link del\` of the attached veth, median ms (floor of any DEL) | $del_k | $del_k | |
| ADD median ms, 1 attachment on the machine (K=$SCALE_K before + $SCALE_K after) | $s1_go | $s1_ours | $(ratio "$s1_ours" "$s1_go") |
| ADD median ms, network with $SCALE attachments | $sN_go | $sN_ours | $(ratio "$sN_ours" "$sN_go") |
| ADD growth 1 → $SCALE attachments | $(growth "$s1_go" "$sN_go") | $(growth "$s1_ours" "$sN_ours") | |
| — of which machine-wide: 1-attachment network while the machine holds $SCALE | $(growth "$s1_go" "$sNs_go") | $(growth "$s1_ours" "$sNs_ours") | |
| — of which per network: $SCALE- vs 1-attachment network, same moment | $(growth "$sNs_go" "$sN_go") | $(growth "$sNs_ours" "$sN_ours") | |
| ADD CPU (user+system, mean ms), 1 → $SCALE attachments | $c1_go → $cN_go ($(growth "$c1_go" "$cN_go")) | $c1_ours → $cN_ours ($(growth "$c1_ours" "$cN_ours")) | |
| syscalls of one ADD (\`strace -f\`, all threads and children), 1 → $SCALE attachments | $(sys_row 1 go) | $(sys_row 1 ours) | |
| bytes received from netlink by one ADD, 1 → $SCALE attachments | $(sys_row 2 go) | $(sys_row 2 ours) | |
| IPAM alone (exec'd) ADD median ms, 1 → $SCALE reservations | $i1_go → $iN_go ($(growth "$i1_go" "$iN_go")) | $i1_ours → $iN_ours ($(growth "$i1_ours" "$iN_ours")) | |
$(par_row warm add_wall "$PAR_N ADDs, $PAR_P parallel, wall ms (bridge exists)")
$(par_row warm add_fail "  ADD failures")
$(par_row warm unique "  unique IPs (of $PAR_N)")
$(par_row warm mismatch "  netns whose eth0 IP ≠ its result")
$(par_row warm del_wall "  then $PAR_N DELs, wall ms")
$(par_row warm del_fail "  DEL failures")
$(par_row cold add_wall "$PAR_N ADDs, $PAR_P parallel, wall ms (bridge created by the racing ADDs)")
$(par_row cold add_fail "  ADD failures")
$(par_row cold unique "  unique IPs (of $PAR_N)")
$(par_row cold bridges "  bridges afterwards (must be 1)")
$(par_row cold del_wall "  then $PAR_N DELs, wall ms")
$(par_row cold del_fail "  DEL failures")
| peak RSS of one ADD, MB (median of $RSS_RUNS) | $(f2 "$rss_go") | $(f2 "$rss_ours") | $(ratio "$rss_ours" "$rss_go") |
EOF
)
extra=$(cat <<EOF
| information only | Go | ours |
|---|---:|---:|
| /bin/true exec (spawn floor), median ms | $(f2 "$v_true") | |
| ours with IPAM exec'd (\`CNITEST_BRIDGE_EXEC_IPAM=1\`): ADD / DEL median ms | | $add_ox / $del_ox |
| bridge ports / IPAM files with $SCALE attachments | $scale_go_ports_high / $scale_go_ipam_high | $scale_ours_ports_high / $scale_ours_ipam_high |
| bridge ports / IPAM files after draining | $scale_go_ports_after / $scale_go_ipam_after | $scale_ours_ports_after / $scale_ours_ipam_after |
| after the parallel DELs (warm): ports / IPAM files | $par_warm_go_ports_after / $par_warm_go_files_after | $par_warm_ours_ports_after / $par_warm_ours_files_after |
| failed calls in the sequential phases | $failures (both) | |
EOF
)
targets=$(cat <<EOF
| issue 6 target | result |
|---|---|
| ADD median ≤ 0.5× Go | $add_v |
| DEL median ≤ 0.8× Go | $del_v |
| ADD at $SCALE attachments within 10 % of ADD at 1 | $scale_v |
| ADD growth 1 → $SCALE attachments ≤ Go's growth in the same run (issue 14) | $growth_v |
| $PAR_N ADDs $PAR_P in parallel: zero failures, unique IPs | $par_v |
EOF
)

echo; echo "$targets"; echo; echo "$table"; echo; echo "$extra"; echo
echo "ADD growth 1 → $SCALE attachments (median, same run): ours $(growth "$s1_ours" "$sN_ours") ($s1_ours → $sN_ours ms), Go $(growth "$s1_go" "$sN_go") ($s1_go → $sN_go ms): $(awk -v o="$g_ours" -v g="$g_go" 'BEGIN { print (o <= g) ? "ours grows no more than Go" : "ours grows MORE than Go" }')"
echo "ADD CPU (user+system) 1 → $SCALE attachments: ours $c1_ours → $cN_ours ms ($(growth "$c1_ours" "$cN_ours")), Go $c1_go → $cN_go ms ($(growth "$c1_go" "$cN_go"))"
echo "syscalls per ADD 1 → $SCALE: ours $(sys_row 1 ours), Go $(sys_row 1 go); netlink bytes: ours $(sys_row 2 ours), Go $(sys_row 2 go)"
echo "measuring took ${ELAPSED} s; load average $LOAD_START at the start, $LOAD_END at the end"

# Keep the previous run's verdicts (one level): on a shared machine a single run can mislead.
previous=""
if [ -f "$RESULTS" ]; then
  previous=$(awk '/^Written by/ {print; print ""} /^## Targets/ {t=1; next} /^## / {t=0} t && /^\|/' "$RESULTS")
fi
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$REPO" diff --quiet HEAD -- plugins-under-test 2>/dev/null || commit="$commit + uncommitted plugin changes"
{
  echo "# Plugin benchmark: cnitest-bridge + cnitest-ipam vs Go bridge + host-local"
  echo
  echo "Written by \`bench/plugins/run.sh\` (one command, as root; it took ${ELAPSED} s of measuring) on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- machine: $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r), $(nproc) CPU ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM;"
  echo "  load average (1/5/15 min) $LOAD_START at the start, $LOAD_END at the end (other work shares this machine)"
  echo "- Go: \`$GO_DIR/bridge\` + \`host-local\` from containernetworking-plugins $(dpkg-query -W -f '${Version}' containernetworking-plugins 2>/dev/null || echo '?')"
  echo "- ours: \`cnitest-bridge\` + \`cnitest-ipam\`, NativeAOT (commit $commit), IPAM called in-process by the bridge"
  echo "- timing: bash \`\$EPOCHREALTIME\` around each exec (no fork in the timed region); VERSION: $version_tool"
  echo "- config (both): cniVersion 1.0.0, \`isGateway: true\`, \`ipMasq: false\`, \`hairpinMode: false\`, private \`dataDir\` under $(dirname "$STATE") ($DATADIR_FS), one /16 range;"
  echo "  bridge, veth host ends and sysctls inside a netns the script creates; each ADD/DEL cycle gets a fresh container netns"
  echo "  (creation/deletion untimed); Go and ours interleaved cycle by cycle"
  echo
  echo "## Targets"
  echo
  echo "$targets"
  echo
  echo "## Measurements"
  echo
  echo "$table"
  echo
  echo "$extra"
  if [ -n "$previous" ]; then echo; echo "## Previous run"; echo; echo "$previous"; fi
  if [ -f "$NOTES" ]; then echo; cat "$NOTES"; fi
} > "$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
echo "wrote $RESULTS (raw samples: $RAWKEEP)"
