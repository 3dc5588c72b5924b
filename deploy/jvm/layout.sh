#!/bin/sh
# Makes the quick-start layout of a built jar: the jar extracted (the application's jar and lib/),
# the launch options and launchers of deploy/jvm beside it, and the class-data archives of their
# training runs. ./mvnw package runs it (target/udp-socket); by hand:
#   sh deploy/jvm/layout.sh target/udp-socket.jar target/udp-socket
# JAVA is the JVM to extract and train with, the one that will run the layout (default: java).
set -eu
jar=$1
layout=$2
options=$(cd "$(dirname "$0")" && pwd)
JAVA=${JAVA:-java}
rm -rf "$layout"
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$layout" > /dev/null
cp "$options/server.args" "$options/client.args" "$options/train.sh" "$layout/"
mkdir -p "$layout/bin"
cp "$options/bin/server" "$options/bin/client" "$layout/bin/"
chmod +x "$layout/bin/server" "$layout/bin/client"
(cd "$layout" && JAVA="$JAVA" sh train.sh)
