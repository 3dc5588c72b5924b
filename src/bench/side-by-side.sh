#!/usr/bin/env bash
# Ours against the hand-written loop (BaselineServer) under a load generator that leaves the
# machine to the server (c/udp-load.c), one server at a time, W=64, logging off and on,
# rounds interleaved; the server's CPU per reply from /proc/<pid>/stat. BENCHMARKS.md,
# "Side by side", has a run of it. Needs a C compiler, and the jar and the benchmark's classes:
#   ./mvnw -q package -DskipTests
#   bash src/bench/side-by-side.sh [--rounds=3] [--console=file|pipe] [--jar=target/udp-socket.jar]
# --console: where the servers' output goes, a file (as in ./mvnw -Pbench verify) or a pipe
# (as under a container runtime or systemd, which read it from one).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=3 console=file jar=target/udp-socket.jar
for arg in "$@"; do
  case $arg in
    --rounds=*) rounds=${arg#*=} ;;
    --console=file|--console=pipe) console=${arg#*=} ;;
    --jar=*) jar=${arg#*=} ;;
    *) echo "usage: $0 [--rounds=N] [--console=file|pipe] [--jar=PATH]" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] && [ -f target/test-classes/com/example/udpsocket/bench/BaselineServer.class ] || {
  echo "build first: ./mvnw -q package -DskipTests" >&2; exit 2; }
work=target/bench/side-by-side
mkdir -p "$work"
cc -O2 -o "$work/udp-load" src/bench/c/udp-load.c

pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; pid=; fi; }
trap stop EXIT

# measure NAME LOGGING COMMAND...: prints "replies/s cpu-µs-per-reply"
measure() {
  trap stop EXIT
  local out=$work/$1-$2.out
  rm -f "$out" "$work/pid"
  if [ "$console" = pipe ]; then
    ( "${@:3}" 2>&1 & echo $! > "$work/pid"; wait ) | cat > "$out" &
    for _ in $(seq 50); do [ -s "$work/pid" ] && break; sleep 0.1; done
    pid=$(cat "$work/pid")
  else
    "${@:3}" > "$out" 2>&1 &
    pid=$!
  fi
  local port=
  for _ in $(seq 300); do
    port=$(grep -o -m1 'listen at: 127.0.0.1:[0-9]*' "$out" 2>/dev/null | sed 's/.*://') || true
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$1 did not start: $out" >&2; exit 1; }
  "$work/udp-load" "$port" 64 10 > /dev/null   # warm-up: the JIT compiler settles
  local before after result
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  result=$("$work/udp-load" "$port" 64 8)
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  stop
  awk -v r="$result" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(r, f, " "); printf "%.0f %.2f\n", f[10], ticks / hz * 1e6 / f[2] }'
}

ours=(java -jar "$jar" --udp.server.port=0 --server.port=0 --udp.server.rate-limit.exempt-sources=127.0.0.0/8)
baseline=(java -cp target/test-classes com.example.udpsocket.bench.BaselineServer 0)
echo "console to a $console, W=64, 4 sockets, 32-byte requests, 10 s warm-up, 8 s measured"
printf '%-5s %-7s %-3s %12s %12s %10s %10s\n' round logging "" "ours/s" "loop/s" ratio "CPU ratio"
for round in $(seq "$rounds"); do
  for logging in off on; do
    if [ $logging = off ]; then
      # every logger at WARN but the one that says where the server listens
      read -r o oc <<< "$(measure ours $logging "${ours[@]}" --logging.level.root=WARN \
        --logging.level.com.example.udpsocket.server.ListeningAnnouncer=INFO)"
      read -r b bc <<< "$(measure baseline $logging "${baseline[@]}")"
    else
      read -r o oc <<< "$(measure ours $logging "${ours[@]}")"
      read -r b bc <<< "$(measure baseline $logging "${baseline[@]}" --log)"
    fi
    [ -n "$o" ] && [ -n "$b" ] || exit 1
    awk -v round="$round" -v l=$logging -v o="$o" -v oc="$oc" -v b="$b" -v bc="$bc" 'BEGIN {
      printf "%-5s %-7s %-3s %12s %12s %9.2fx %9.2fx   (CPU per reply %.2f vs %.2f µs)\n",
        round, l, "", o, b, o / b, oc / bc, oc, bc }'
  done
done
