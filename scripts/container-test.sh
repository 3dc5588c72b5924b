#!/usr/bin/env bash
# Container test: builds the image from the repository's Dockerfile with podman and checks the
# running container end to end. Made for a Debian 12 machine run as root with no Docker engine and
# no reachable container registry: everything comes from the Debian apt mirror the host already
# uses, plus Maven Central for the application build.
#
#   bash scripts/container-test.sh
#
# Steps: podman and friends from apt (skipped when installed); local base images, a JDK 17 to build
# with and a runtime base without Java, made from Debian's packages with debootstrap (skipped when
# they already exist); `podman build` with the base images as build arguments; the image's size,
# whole (at most 200 MB) and per layer; a server container, run with compose.yaml's hardening
# (read-only root filesystem, tmpfs /tmp, no capabilities, no-new-privileges, memory and pids
# limits, rotated logs), that must answer a datagram from the host, use its class-data archives,
# report healthy, prove it is locked down, serve every Actuator endpoint and the meters that need
# modules beyond java.base, and serve client-profile containers run the same way; SIGTERM, after
# which the JVM must exit cleanly within 10 s.
# Exits non-zero on any failure and removes its containers either way.
#
# Environment (all optional):
#   CONTAINER_TEST_WORK       podman config, storage and logs (default /tmp/udp-socket-container)
#   CONTAINER_TEST_UDP_PORT   host port published for UDP (default: first free from 50001)
#   CONTAINER_TEST_HTTP_PORT  host port published for HTTP (default: first free from 18080)
#   CONTAINER_TEST_REBUILD_BASE=1  make the base images again
set -Eeuo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${CONTAINER_TEST_WORK:-/tmp/udp-socket-container}
# The tag names the recipe's version: change it when the base images' recipe changes.
BASE_TAG=bookworm-2
RUNTIME_BASE=localhost/udp-socket-base/runtime:$BASE_TAG
JDK_BASE=localhost/udp-socket-base/jdk17:$BASE_TAG
IMAGE=localhost/udp-socket:test
# The image may weigh at most 200 MB in podman's decimal megabytes: 200,000,000 bytes.
IMAGE_LIMIT=200000000
NET=udp-socket-test
SERVER=udp-socket-test-server
CLIENT=udp-socket-test-client
REPLY='UDPServer has received your message'
STOP_LIMIT=10

T0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { printf '[%6ss] %s\n' "$(elapsed "$T0")" "$*"; }
fail() { printf '[%6ss] FAIL: %s\n' "$(elapsed "$T0")" "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (apt-get, debootstrap and rootful podman need it)"

ROOTFS=$WORK/rootfs
cleanup() {
    local rc=$?
    set +e
    mountpoint -q "$ROOTFS/proc" && umount "$ROOTFS/proc"
    if command -v podman >/dev/null && [ -n "${CONTAINERS_CONF:-}" ]; then
        podman rm -f -t 0 "$CLIENT" "$SERVER" >/dev/null 2>&1
        podman network rm -f "$NET" >/dev/null 2>&1
    fi
    # Nothing of ours runs any more: the next run starts from a fresh runtime state.
    mountpoint -q "$WORK/run" && umount "$WORK/run"
    [ "$rc" = 0 ] || printf 'container test FAILED after %ss (logs in %s)\n' "$(elapsed "$T0")" "$WORK" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK/tmp" "$WORK/logs"

# ---- 1. packages ---------------------------------------------------------------------------------
# runc, not crun: Debian 12's crun fails on this kind of machine's hybrid cgroup layout.
PACKAGES=(podman runc conmon netavark aardvark-dns iptables debootstrap iproute2 curl ca-certificates
          python3-yaml)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -q >"$WORK/logs/apt.log" 2>&1 || fail "apt-get update (see $WORK/logs/apt.log)"
    timeout 600 apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$WORK/logs/apt.log" 2>&1 \
        || fail "apt-get install (see $WORK/logs/apt.log)"
fi
step "packages ready: $(podman --version)"
# Every podman call is bounded in time; the long steps below set limits of their own.
PODMAN_BIN=$(command -v podman)
podman() { timeout 300 "$PODMAN_BIN" "$@"; }

# ---- 2. podman configuration, all under $WORK (nothing in /etc/containers is touched) ---------------
# Runtime state lives on a tmpfs of its own, as podman expects: after a reboot it is empty and
# podman resets its containers' states instead of trusting stale ones. The path stays short:
# `podman container cleanup`, run by conmon when a container exits, refuses a runroot longer than
# 50 characters, and every exit then takes podman 20 s to notice.
RUN_DIR=$WORK/run
[ ${#RUN_DIR} -le 42 ] || fail "CONTAINER_TEST_WORK is too long for podman's runroot: $WORK"
mkdir -p "$RUN_DIR"
mountpoint -q "$RUN_DIR" || mount -t tmpfs -o mode=0700,size=256m udp-socket-run "$RUN_DIR"
mkdir -p "$WORK/networks"
# default_ulimits: podman's own defaults (1048576) exceed the hard limits here and are refused.
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]

[network]
network_config_dir = "$WORK/networks"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$WORK/logs/events.log"
tmp_dir = "$RUN_DIR/libpod"
EOF
cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$RUN_DIR/storage"
EOF
# No search registries: every image here is local and nothing may be pulled.
printf 'unqualified-search-registries = []\n' >"$WORK/registries.conf"
export CONTAINERS_CONF=$WORK/containers.conf \
       CONTAINERS_STORAGE_CONF=$WORK/storage.conf \
       CONTAINERS_REGISTRIES_CONF=$WORK/registries.conf \
       TMPDIR=$WORK/tmp
# The same settings for podman by hand: . $WORK/env.sh
declare -p CONTAINERS_CONF CONTAINERS_STORAGE_CONF CONTAINERS_REGISTRIES_CONF TMPDIR \
    | sed 's/^declare -x/export/' >"$WORK/env.sh"

# Leftovers of an interrupted run.
podman rm -f -t 0 "$CLIENT" "$SERVER" >/dev/null 2>&1 || true
podman network rm -f "$NET" >/dev/null 2>&1 || true

# ---- 3. local base images from the host's apt mirror: a JDK to build with, and a runtime base ------
# The runtime base holds no Java (the image brings its own, cut by jlink) and only what that runtime
# and the image need, from Debian 12's packages, as distroless's java-base-debian12:debug (the
# Dockerfile's public default) does: glibc (less its iconv modules, which nothing here uses),
# libstdc++, libgcc_s, zlib, the C.UTF-8 locale, and busybox for sh, env and the basic commands.
RUNTIME_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g busybox)
mirror() {   # the host's Debian mirror, from deb822 sources or a one-line sources.list
    local m=""
    [ -f /etc/apt/sources.list.d/debian.sources ] &&
        m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    [ -n "$m" ] || m=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
    echo "${m:-http://deb.debian.org/debian}"
}
in_rootfs() {   # a shell command inside the rootfs; the host's TMPDIR does not exist there
    env -u TMPDIR DEBIAN_FRONTEND=noninteractive timeout 900 chroot "$ROOTFS" /bin/sh -ec "$1"
}
import_rootfs() {   # $1 = directory, $2 = tag, then extra --change arguments
    local dir=$1 tag=$2
    shift 2
    tar -C "$dir" --numeric-owner -c . | podman import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' "$@" - "$tag" >/dev/null
}
# The runtime base's root filesystem, from the packages installed in $ROOTFS.
make_runtime_rootfs() {   # $1 = directory to make
    local new=$1 d p
    rm -rf --one-file-system "$new"
    mkdir -p "$new"
    for d in bin sbin lib lib32 lib64 libx32; do   # bookworm's merged /usr: links into /usr
        if [ -L "$ROOTFS/$d" ]; then
            cp -a "$ROOTFS/$d" "$new/"
            mkdir -p "$new/$(readlink "$ROOTFS/$d")"
        fi
    done
    {
        chroot "$ROOTFS" dpkg-query -L "${RUNTIME_PACKAGES[@]}"
        chroot "$ROOTFS" dpkg-query -L libc-bin | grep '^/usr/lib/locale/C\.utf8/'
        printf '%s\n' /etc/os-release /usr/lib/os-release
    } | grep -v -e '/gconv/' -e '^/usr/share/' | sed 's|^/||' | sort -u | while read -r p; do
        # files and links below the top level only: tar makes the directories, and /lib stays a link
        case $p in */*) ;; *) continue ;; esac
        if [ -L "$ROOTFS/$p" ] || [ -f "$ROOTFS/$p" ]; then echo "$p"; fi
    done >"$WORK/logs/runtime-base-files.txt"
    tar -C "$ROOTFS" --numeric-owner -c -T "$WORK/logs/runtime-base-files.txt" \
        | tar -C "$new" --keep-directory-symlink -x
    chroot "$new" /bin/busybox --install -s /bin
    mkdir -p "$new/etc" "$new/tmp" "$new/root" "$new/dev" "$new/proc" "$new/sys" "$new/run"
    chmod 1777 "$new/tmp"
    chmod 0700 "$new/root"
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
        >"$new/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$new/etc/group"
    printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$new/etc/nsswitch.conf"
}
if [ "${CONTAINER_TEST_REBUILD_BASE:-0}" = 1 ]; then
    podman rmi -f "$IMAGE" "$RUNTIME_BASE" "$JDK_BASE" >/dev/null 2>&1 || true
fi
# Base images of an earlier recipe: nothing builds on them any more.
old_bases=$(podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/udp-socket-base/' \
    | grep -vF ":$BASE_TAG" || true)
if [ -n "$old_bases" ]; then
    podman rmi $old_bases >/dev/null 2>&1 || true
    step "removed base images of an earlier recipe: $(echo $old_bases)"
fi
if podman image exists "$RUNTIME_BASE" && podman image exists "$JDK_BASE"; then
    step "base images exist: $RUNTIME_BASE, $JDK_BASE"
else
    podman rmi "$IMAGE" "$RUNTIME_BASE" "$JDK_BASE" >/dev/null 2>&1 || true   # a half-made pair
    MIRROR=$(mirror)
    step "making base images: debootstrap bookworm from $MIRROR"
    rm -rf --one-file-system "$ROOTFS"
    timeout 900 debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$WORK/logs/debootstrap.log" 2>&1 \
        || fail "debootstrap (see $WORK/logs/debootstrap.log)"
    step "bookworm minbase rootfs ready"
    # The host's own apt sources (same mirror, plus updates and security) and no docs or man pages.
    rm -f "$ROOTFS/etc/apt/sources.list"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        cp /etc/apt/sources.list.d/debian.sources "$ROOTFS/etc/apt/sources.list.d/"
    else
        grep -E '^deb ' /etc/apt/sources.list >"$ROOTFS/etc/apt/sources.list"
    fi
    cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/01-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
    mount -t proc proc "$ROOTFS/proc"   # the JDK packages' scripts run java, which needs /proc
    # update-alternatives needs /usr/share/man/man1 to exist, even with man pages excluded.
    # openjdk-17-jdk-headless brings the jmods that jlink links the image's runtime from.
    in_rootfs "apt-get update -q && apt-get upgrade -y -q
               apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless ${RUNTIME_PACKAGES[*]}
               find /usr/share/doc ! -type d ! -name copyright -delete
               find /usr/share/doc -mindepth 1 -type d -empty -delete
               find /usr/share/man /usr/share/info /usr/share/locale ! -type d -delete
               mkdir -p /usr/share/man/man1
               apt-get clean; rm -rf /var/lib/apt/lists/* /var/log/apt/* /var/log/dpkg.log /var/cache/debconf/*-old" \
        >"$WORK/logs/base-jdk.log" 2>&1 || fail "JDK install in the rootfs (see $WORK/logs/base-jdk.log)"
    umount "$ROOTFS/proc"
    [ -d "$ROOTFS/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)/jmods" ] \
        || fail "the JDK in the rootfs has no jmods"
    make_runtime_rootfs "$WORK/runtime-rootfs"
    import_rootfs "$WORK/runtime-rootfs" "$RUNTIME_BASE" --change 'CMD ["/bin/sh"]'
    rm -rf --one-file-system "$WORK/runtime-rootfs"
    step "runtime base image made: $(podman image inspect --format '{{.Size}}' "$RUNTIME_BASE") bytes"
    import_rootfs "$ROOTFS" "$JDK_BASE" \
        --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" \
        --change 'CMD ["/bin/bash"]'
    rm -rf --one-file-system "$ROOTFS"
    step "JDK base image made"
fi

# ---- 4. the application image, from the repository's Dockerfile ----------------------------------
# The host's certificates are mounted into the build's RUN steps only (HTTPS to Maven Central passes
# a proxy that only the host trusts); --format docker keeps HEALTHCHECK, which OCI images drop.
# A local repository already filled on the host (by the unit tests, say) is consulted read-only
# before Maven Central; without one, the build downloads into its own cache mount.
host_repo=()
if [ -d "${HOME:-/root}/.m2/repository" ]; then
    host_repo=(-v "${HOME:-/root}/.m2/repository:/host-m2-repository:ro"
               --build-arg MAVEN_ARGS=-Dmaven.repo.local.tail=/host-m2-repository)
fi
step "building $IMAGE"
T_BUILD=$(date +%s.%N)
timeout 1200 podman build --format docker --pull=never \
    --build-arg BUILD_IMAGE="$JDK_BASE" --build-arg RUNTIME_IMAGE="$RUNTIME_BASE" \
    -v /etc/ssl/certs:/etc/ssl/certs:ro "${host_repo[@]}" \
    -t "$IMAGE" -f "$REPO/Dockerfile" "$REPO" >"$WORK/logs/build.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/build.log" >&2; fail "podman build (see $WORK/logs/build.log)"; }
BUILD_SECONDS=$(elapsed "$T_BUILD")
grep -m 1 '^jdeps: ' "$WORK/logs/build.log" || true
[ "$(podman image inspect --format '{{.Config.User}}' "$IMAGE")" != "" ] || fail "image has no USER"

# The size as podman reports it (decimal units: 1 MB = 1,000,000 bytes), the whole and each layer.
IMAGE_BYTES=$(podman image inspect --format '{{.Size}}' "$IMAGE")
IMAGE_MB=$(awk -v b="$IMAGE_BYTES" 'BEGIN { printf "%.1f", b / 1000000 }')
# (podman 4.3 formats a layer's size for people in tables; its JSON has the bytes)
podman history --format json "$IMAGE" | python3 -c '
import json, re, sys
for layer in json.load(sys.stdin):
    step = re.sub(r"^/bin/sh -c (#\(nop\) )?", "", " ".join(layer["CreatedBy"].split()))
    print("%9.1f MB  %s" % (layer["size"] / 1e6, step[:100]))
' >"$WORK/logs/layers.txt" || fail "podman history $IMAGE"
step "image built in ${BUILD_SECONDS}s: $IMAGE_MB MB ($IMAGE_BYTES bytes); its layers, newest first:"
cat "$WORK/logs/layers.txt"
[ "$IMAGE_BYTES" -le "$IMAGE_LIMIT" ] \
    || fail "the image is $IMAGE_MB MB, more than $((IMAGE_LIMIT / 1000000)) MB"

# ---- 5. server container, one datagram from the host ---------------------------------------------
# The hardening settings of a compose.yaml service as `podman run` flags, read from the file itself
# so that what is tested cannot drift from what is shipped. A setting missing from the file fails
# the test, and so does one this translation does not know (it would go untested).
compose_flags() {   # $1 = service
    python3 - "$REPO/compose.yaml" "$1" <<'PY'
import sys, yaml
service = yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]]
required = ["read_only", "tmpfs", "cap_drop", "security_opt", "mem_limit", "pids_limit", "logging"]
missing = [key for key in required if key not in service]
if missing or service["read_only"] is not True:
    sys.exit(f"compose.yaml service {sys.argv[2]}: hardening settings missing: {missing or ['read_only: true']}")
# podman also mounts tmpfs on /run, /tmp and /var/tmp of a read-only container unless told not to;
# Docker mounts only what the file asks for, and so does the test
flags = ["--read-only", "--read-only-tmpfs=false"]
for mount in service["tmpfs"]:
    flags += ["--tmpfs", mount]
for capability in service["cap_drop"]:
    flags += ["--cap-drop", capability]
for capability in service.get("cap_add", []):
    flags += ["--cap-add", capability]
for option in service["security_opt"]:
    flags += ["--security-opt", option]
flags += ["--memory", str(service["mem_limit"]), "--pids-limit", str(service["pids_limit"])]
logging = service["logging"]
unknown = set(logging) - {"driver", "options"}
if unknown:
    sys.exit(f"compose.yaml service {sys.argv[2]}: logging settings not translated: {sorted(unknown)}")
flags += ["--log-driver", logging["driver"]]
for name, value in logging.get("options", {}).items():
    flags += ["--log-opt", f"{name}={value}"]
print("\n".join(flags))
PY
}
mapfile -t SERVER_HARDENING < <(compose_flags server) && [ ${#SERVER_HARDENING[@]} -gt 0 ] \
    || fail "compose.yaml: the server's hardening settings"
mapfile -t CLIENT_HARDENING < <(compose_flags client) && [ ${#CLIENT_HARDENING[@]} -gt 0 ] \
    || fail "compose.yaml: the client's hardening settings"
step "hardening from compose.yaml: ${SERVER_HARDENING[*]}"

free_port() {   # $1 = u|t, $2 = first port to try
    local p
    for p in $(seq "$2" $(($2 + 100))); do
        [ -z "$(ss -H -l"$1"n "sport = :$p")" ] && { echo "$p"; return 0; }
    done
    return 1
}
UDP_PORT=${CONTAINER_TEST_UDP_PORT:-$(free_port u 50001)} || fail "no free UDP port"
HTTP_PORT=${CONTAINER_TEST_HTTP_PORT:-$(free_port t 18080)} || fail "no free TCP port"

udp_ask() {   # $1 = text, $2 = seconds (3 unless given); prints the one reply datagram, fails without one
    timeout "${2:-3}" bash -c 'exec 3<>"/dev/udp/127.0.0.1/$1" && printf %s "$2" >&3 && dd bs=65535 count=1 status=none <&3' \
        _ "$UDP_PORT" "$1" 2>/dev/null
}
server_logs() { podman logs "$SERVER" 2>&1; }
# Prints the first log line containing $1 once it is there (the console is asynchronous); 10 s at most.
await_log() {
    local deadline=$((SECONDS + 10))
    while [ $SECONDS -lt $deadline ]; do
        server_logs | grep -F -m 1 "$1" && return 0
        sleep 0.2
    done
    return 1
}
running() { [ "$(podman inspect --format '{{.State.Running}}' "$SERVER" 2>/dev/null)" = true ]; }

# Without systemd podman cannot schedule health checks and says so on stderr: that goes to
# $WORK/logs/podman.log, and the test runs the check itself with `podman healthcheck run`.
# A network of its own: unlike podman's default network it resolves container names, as Compose does.
podman network create "$NET" >/dev/null
step "starting $SERVER (UDP 127.0.0.1:$UDP_PORT, HTTP 127.0.0.1:$HTTP_PORT)"
T_RUN=$(date +%s.%N)
timeout 60 podman run -d --name "$SERVER" --network "$NET" "${SERVER_HARDENING[@]}" \
    -p "127.0.0.1:$UDP_PORT:50001/udp" -p "127.0.0.1:$HTTP_PORT:8080/tcp" \
    "$IMAGE" >/dev/null 2>>"$WORK/logs/podman.log" || fail "podman run (see $WORK/logs/podman.log)"
answer=""
deadline=$((SECONDS + 120))
while [ $SECONDS -lt $deadline ]; do
    # a datagram sent before the socket is bound is lost: ask again every second at most, so that
    # the time to the first reply is known to within about a second
    answer=$(udp_ask "hello from the host" 1) && [ -n "$answer" ] && break
    running || { server_logs | tail -n 30 >&2; fail "server container exited before answering"; }
    sleep 0.2
done
FIRST_REPLY=$(elapsed "$T_RUN")
[ "$answer" = "$REPLY" ] || { server_logs | tail -n 30 >&2; fail "no reply from the server within 120 s (last: '$answer')"; }
step "first reply after ${FIRST_REPLY}s: $answer"
# The socket answers as soon as it is bound; the line comes when the application is ready, a moment later.
await_log 'UDPServer listen at: 0.0.0.0:50001' || fail "no 'listen at' line in the server's log"
server_logs | grep -E 'Started [A-Za-z]+ in ' || true   # the JVM's own view of its start-up
await_log 'said]:hello from the host' || fail "the server did not log the host's datagram"
uid=$(podman exec "$SERVER" id -u) || fail "podman exec in the server container"
[ "$uid" != 0 ] || fail "the server runs as root"
# Text beyond ASCII survives the way in and the console: the runtime base has the C.UTF-8 locale
# the image's LANG names (without it the JVM's console would print '?').
answer=$(udp_ask "grüße from the host") && [ "$answer" = "$REPLY" ] || fail "no reply to a datagram in UTF-8"
await_log 'said]:grüße from the host' >/dev/null || fail "the server's console did not print a datagram in UTF-8 as sent"
# Both class-data archives are mapped: the runtime's own and the one train.sh wrote at build time.
maps=$(podman exec "$SERVER" cat /proc/1/maps) || fail "reading the server's /proc/1/maps"
grep -q '/opt/java/lib/server/classes\.jsa$' <<<"$maps" || fail "the runtime's class-data archive is not mapped"
grep -q '/app/server\.jsa$' <<<"$maps" || fail "the server's class-data archive (server.jsa) is not mapped"
step "non-root (uid $uid); UTF-8 console; class-data archives mapped: classes.jsa, server.jsa"

# ---- locked down, as the runtime applied it and as the JVM (PID 1) sees it -------------------------
status=$(podman exec "$SERVER" cat /proc/1/status) || fail "reading the server's /proc/1/status"
grep -qE '^CapEff:[[:space:]]+0+$' <<<"$status" || fail "the server has capabilities: $(grep '^Cap' <<<"$status" | tr '\n' ' ')"
grep -qE '^CapBnd:[[:space:]]+0+$' <<<"$status" || fail "the server's bounding set is not empty"
grep -qE '^NoNewPrivs:[[:space:]]+1$' <<<"$status" || fail "the server may gain privileges (NoNewPrivs is not 1)"
# /var/tmp is writable by everyone on a writable root filesystem, so only a read-only root refuses it
[ "$(podman exec "$SERVER" awk '$2 == "/" { top = $4 } END { split(top, o, ","); print o[1] }' /proc/mounts)" = ro ] \
    || fail "the server's root filesystem is not mounted read-only"
podman exec "$SERVER" sh -c 'touch /var/tmp/written 2>/dev/null' && fail "the server can write to its root filesystem"
podman exec "$SERVER" sh -c 'ls -d /tmp/hsperfdata_* && touch /tmp/written && rm /tmp/written' >/dev/null \
    || fail "the server cannot write /tmp (or the JVM wrote no perf data there)"
limits=$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}}' "$SERVER")
read -r readonly memory pids log_driver log_size <<<"$limits"
[ "$readonly" = true ] || fail "podman reports a writable root filesystem"
[ "$memory" -gt 0 ] && [ "$pids" -gt 0 ] || fail "no memory or pids limit: $limits"
# the cgroup the JVM runs in enforces them (v2 names first, then v1)
cgroup_limit() {   # $1 = v2 file, $2 = v1 file
    podman exec "$SERVER" sh -c "cat /sys/fs/cgroup/$1 2>/dev/null || cat /sys/fs/cgroup/$2 2>/dev/null"
}
[ "$(cgroup_limit memory.max memory/memory.limit_in_bytes)" = "$memory" ] || fail "the cgroup's memory limit is not $memory"
[ "$(cgroup_limit pids.max pids/pids.max)" = "$pids" ] || fail "the cgroup's pids limit is not $pids"
step "locked down: no capabilities, NoNewPrivs, read-only root with a writable /tmp, memory $((memory / 1048576)) MiB, pids $pids, logs $log_driver (max size $log_size)"

# ---- 6. health ----------------------------------------------------------------------------------
health="" healthy=false
deadline=$((SECONDS + 60))
while [ $SECONDS -lt $deadline ]; do
    health=$(timeout 15 podman healthcheck run "$SERVER" 2>&1) && { healthy=true; break; }
    running || break
    sleep 1
done
$healthy || fail "podman healthcheck run did not report healthy: $health"
step "healthcheck: ${health:-healthy}"
readiness=$(curl -fsS -m 5 "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness") || fail "readiness over the published HTTP port"
step "readiness from the host: $readiness"

# ---- the runtime has what the application uses -----------------------------------------------
# Every exposed endpoint answers, and the meters that need modules beyond java.base are there:
# the process's CPU and open files come through jdk.management, the JVM's memory through
# java.management.
for endpoint in health/liveness info metrics prometheus integrationgraph; do
    curl -fsS -m 10 -o /dev/null "http://127.0.0.1:$HTTP_PORT/actuator/$endpoint" || fail "GET /actuator/$endpoint"
done
scrape=$(curl -fsS -m 10 "http://127.0.0.1:$HTTP_PORT/actuator/prometheus") || fail "GET /actuator/prometheus"
for meter in process_cpu_usage system_cpu_usage process_files_open_files jvm_memory_used_bytes \
             udp_server_datagrams_received_total; do
    grep -q "^$meter[{ ]" <<<"$scrape" || fail "the scrape has no $meter"
done
step "Actuator endpoints answer; process, system, JVM and server meters present"

# ---- 7. a client-profile container, reaching the server by its name ------------------------------
set +e
client_out=$(timeout 120 podman run --rm --name "$CLIENT" --network "$NET" --no-healthcheck "${CLIENT_HARDENING[@]}" \
    -e SPRING_PROFILES_ACTIVE=client -e UDP_CLIENT_HOST="$SERVER" -e UDP_CLIENT_PORT=50001 \
    "$IMAGE" "hello from the client container" 2>"$WORK/logs/client.err")
client_rc=$?
set -e
printf '%s\n' "$client_out"
[ "$client_rc" = 0 ] || { cat "$WORK/logs/client.err" >&2; fail "client container exited $client_rc"; }
grep -qxF "[UDPServer said]: $REPLY" <<<"$client_out" || fail "the client did not print the reply"
await_log 'said]:hello from the client container' || fail "the server did not log the client's datagram"
step "client container: exit 0, reply printed"
# With the client's own options (the image's comment and the guide show them): -Xshare:on makes
# an unusable client.jsa an error instead of a slower start.
set +e
client_out=$(timeout 120 podman run --rm --name "$CLIENT" --network "$NET" --no-healthcheck "${CLIENT_HARDENING[@]}" \
    --entrypoint java "$IMAGE" @client.args -Xshare:on -jar udp-socket.jar --spring.profiles.active=client \
    --udp.client.host="$SERVER" "hello with the client's options" 2>"$WORK/logs/client.err")
client_rc=$?
set -e
printf '%s\n' "$client_out"
[ "$client_rc" = 0 ] || { cat "$WORK/logs/client.err" >&2; fail "client container (client.args) exited $client_rc"; }
grep -qxF "[UDPServer said]: $REPLY" <<<"$client_out" || fail "the client (client.args) did not print the reply"
step "client container with client.args and its archive (-Xshare:on): exit 0, reply printed"

# ---- 8. SIGTERM -----------------------------------------------------------------------------------
# podman stop sends the image's stop signal (SIGTERM) and only sends SIGKILL after $STOP_LIMIT s.
T_STOP=$(date +%s.%N)
timeout $((STOP_LIMIT + 20)) podman stop -t "$STOP_LIMIT" "$SERVER" >/dev/null 2>>"$WORK/logs/podman.log" \
    || fail "podman stop (see $WORK/logs/podman.log)"
STOP_SECONDS=$(elapsed "$T_STOP")
EXIT_CODE=$(podman inspect --format '{{.State.ExitCode}}' "$SERVER")
# When the JVM itself ended, as the runtime recorded it (podman stop returns a little later).
finished=$(podman inspect --format '{{.State.FinishedAt}}' "$SERVER")
EXIT_SECONDS=$(awk -v a="$T_STOP" -v b="$(date -d "${finished% UTC}" +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
server_logs | tail -n 5
# A module missing from the runtime shows as a class or library not found, wherever it happened.
if server_logs | grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError' >&2; then
    fail "the server's log shows a class or library missing from the runtime"
fi
# 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal; 137 would mean SIGKILL.
case "$EXIT_CODE" in
    143 | 0) ;;
    *) fail "server exit code $EXIT_CODE after SIGTERM (${STOP_SECONDS}s)" ;;
esac
awk -v s="$STOP_SECONDS" -v l="$STOP_LIMIT" 'BEGIN { exit !(s < l) }' || fail "stop took ${STOP_SECONDS}s"
step "SIGTERM: exit code $EXIT_CODE, JVM gone after ${EXIT_SECONDS}s, podman stop returned after ${STOP_SECONDS}s"

echo "----"
echo "image:               $IMAGE, $IMAGE_MB MB ($IMAGE_BYTES bytes; at most $((IMAGE_LIMIT / 1000000)) MB), built in ${BUILD_SECONDS}s"
echo "runtime base:        $RUNTIME_BASE, $(podman image inspect --format '{{.Size}}' "$RUNTIME_BASE" | awk '{ printf "%.1f MB", $1 / 1000000 }')"
echo "run to first reply:  ${FIRST_REPLY}s"
echo "run locked down:     ${SERVER_HARDENING[*]}"
echo "SIGTERM:             exit $EXIT_CODE, JVM gone after ${EXIT_SECONDS}s (podman stop: ${STOP_SECONDS}s)"
echo "container test passed in $(elapsed "$T0")s"
