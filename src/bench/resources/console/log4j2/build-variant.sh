#!/bin/sh
# Builds the application with Log4j2's asynchronous loggers as its console instead of its own
# Logback appender, for the benchmark's comparison of consoles (BENCHMARKS.md):
#   sh src/bench/resources/console/log4j2/build-variant.sh target/udp-socket-log4j2.jar
# It copies the repository to a temporary directory, puts spring-boot-starter-log4j2 and the
# LMAX Disruptor in place of spring-boot-starter-logging, removes logback-spring.xml and the
# appender it declares, adds this directory's configuration, and packages the jar there.
set -eu
out=$(realpath -m "$1")
here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/../../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repository" ls-files -z | (cd "$repository" && xargs -0 cp --parents -t "$work")
cd "$work"
rm src/main/resources/logback-spring.xml
rm src/main/java/com/example/udpsocket/logging/ServerConsoleAppender.java \
   src/main/java/com/example/udpsocket/logging/ConsoleEncoder.java \
   src/main/java/com/example/udpsocket/logging/ConsoleMeters.java
sed -i -e '/ConsoleMeters consoleMeters()/,/^	}/d' -e '/^	@Bean$/d' -e '/import org.springframework.context.annotation.Bean;/d' \
    src/main/java/com/example/udpsocket/logging/ServerLogging.java
sed -i 's/@DefaultValue("" + ServerConsoleAppender.DEFAULT_QUEUE_SIZE)/@DefaultValue("8192")/' \
    src/main/java/com/example/udpsocket/logging/UdpLogProperties.java
cp "$here/log4j2-spring.xml" "$here/log4j2.component.properties" src/main/resources/
sed -i 's#<layout.skip>false</layout.skip>#<layout.skip>true</layout.skip><log4j2.version>2.26.1</log4j2.version>#' pom.xml
sed -i '0,/<dependencies>/s##<dependencies>\
        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter</artifactId>\
            <exclusions><exclusion><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-logging</artifactId></exclusion></exclusions></dependency>\
        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-log4j2</artifactId></dependency>\
        <dependency><groupId>com.lmax</groupId><artifactId>disruptor</artifactId><version>4.0.0</version></dependency>#' pom.xml
sh ./mvnw -B -q -Dmaven.test.skip=true package
cp target/udp-socket.jar "$out"
echo "build-variant.sh: wrote $out"
