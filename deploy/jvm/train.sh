#!/bin/sh
# Training runs for the extracted layout: writes the class-data archives that server.args and
# client.args name, each by a run with the same options. It lives in the layout's directory
# (udp-socket.jar, lib/, the two .args files) and runs with the JVM that will run the application
# (JAVA, default java); layout.sh runs it:
#   sh deploy/jvm/layout.sh target/udp-socket.jar DIR
set -eu
cd "$(dirname "$0")"
JAVA=${JAVA:-java}
# An archive records the class path it was written with and is used only with the same one: the
# jar's full path, which the JVM matches whether a later run names it in full (bin/server) or from
# this directory (the container's entry point).
jar=$(pwd)/udp-socket.jar

# The options of an .args file with its archive option left out: a run that writes an archive
# must not also read one.
training_args() {
    grep -v -e '^-XX:SharedArchiveFile=' "$1" > "$2"
}

trap 'rm -f training.args' EXIT

# The server stops as soon as its context is refreshed (socket bound, Tomcat started), on ports
# of its choosing so that the run never collides with a server already running.
training_args server.args training.args
if ! "$JAVA" @training.args -XX:ArchiveClassesAtExit=server.jsa -Dspring.context.exit=onRefresh \
        -jar "$jar" --spring.profiles.active=server --udp.server.port=0 --server.port=0 \
        > training-server.log 2>&1; then
    cat training-server.log >&2
    echo "train.sh: the server's training run failed" >&2
    exit 1
fi

# The client sends once to a loopback port where nothing listens: it exits 3 (nothing listening)
# or, should something there take the datagram, 1 (no reply). Either way it ran its whole path.
# Its stdin is /dev/null: with no message and a stdin that is not a terminal it reads stdin.
training_args client.args training.args
status=0
"$JAVA" @training.args -XX:ArchiveClassesAtExit=client.jsa -jar "$jar" \
    --spring.profiles.active=client --udp.client.host=127.0.0.1 --udp.client.port=9 \
    --udp.client.retries=0 --udp.client.timeout=200ms < /dev/null > training-client.log 2>&1 || status=$?
if [ "$status" -ne 3 ] && [ "$status" -ne 1 ]; then
    cat training-client.log >&2
    echo "train.sh: the client's training run exited $status" >&2
    exit 1
fi
rm -f training-server.log training-client.log
echo "train.sh: wrote server.jsa and client.jsa"
