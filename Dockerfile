# udp-socket: UDP request/reply server (default) or one-shot client, on a Java runtime cut to the
# modules the application uses. Guide: deploy/container/README.md.
#
#   docker build -t udp-socket .
#   docker run --rm -p 50001:50001/udp -p 127.0.0.1:8080:8080 udp-socket
#
# Both base images are build arguments so that the same file builds with the public images
# and with local ones where no registry is reachable (see scripts/container-test.sh).
# BUILD_IMAGE: a JDK 17 with jlink, jdeps and the JDK's jmods.
# RUNTIME_IMAGE: no Java at all; glibc, libstdc++, libgcc_s, zlib, the C.UTF-8 locale, and on PATH
# sh, env and the commands train.sh uses (dirname, grep, cat, rm): what distroless's java-base is
# made for.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=gcr.io/distroless/java-base-debian12:debug

FROM ${BUILD_IMAGE} AS build
WORKDIR /build

# The health probe changes rarely: built before the sources are copied so it stays cached.
COPY deploy/container/HealthProbe.java /probe-src/
RUN javac --release 17 -d /probe /probe-src/HealthProbe.java

# The Java runtime, before the sources too: it changes only with this list or the JDK.
# The modules jdeps finds in the application and its libraries (checked below, after the build),
# plus jdk.random, which jdeps cannot see: RandomGenerator.getDefault() finds its algorithm by
# service lookup. Each of them is needed or reachable at run time: without java.security.jgss or
# java.instrument Tomcat does not start, without jdk.management the process CPU and open-files
# meters are missing. Left out, and not needed: TLS (jdk.crypto.*), JMX remote
# (jdk.management.agent), jcmd and the other tools, locales beyond English, extra charsets.
ARG JAVA_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.random,jdk.unsupported
# --strip-java-debug-attributes, not --strip-debug, which on Linux also runs objcopy over the
# native libraries: JDK images usually have no objcopy, and the JDK's libraries come without
# debug info anyway.
# --generate-cds-archive: the runtime's own class-data archive, which the application's archives
# (written by train.sh below) extend; the variant for heaps over 32 GB (no compressed oops) goes,
# as the heap here is 128 MB.
RUN jlink --add-modules "$JAVA_MODULES" --strip-java-debug-attributes --no-header-files --no-man-pages \
          --compress=2 --generate-cds-archive --output /jre \
 && rm -f /jre/lib/server/classes_nocoops.jsa \
 && /jre/bin/java -Xshare:on -version

COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# Extra Maven arguments, read by Maven itself (3.9+): a mirror, say, or a read-only local
# repository to consult first (-Dmaven.repo.local.tail=DIR, with DIR mounted into the build).
ARG MAVEN_ARGS=""
# The cache mount keeps the Maven distribution and the local repository between builds,
# so a source change does not download the dependencies again; it never enters the image.
# No quick-start layout (layout.skip): the image makes its own below, trained by its own runtime.
RUN --mount=type=cache,id=udp-socket-m2,target=/root/.m2 \
    sh ./mvnw -B -q -DskipTests -Dlayout.skip=true package \
 && java -Djarmode=tools -jar target/udp-socket.jar extract --layers --destination /layers

# A new dependency that needs a module the runtime lacks fails the build here, not the server at
# run time: jdeps over the jar and every library must name no module outside JAVA_MODULES.
RUN used=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
               $(find /layers -name '*.jar') 2>/dev/null | tail -n 1) \
 && echo "jdeps: $used" \
 && echo "$used" | grep -qE '^[a-z][a-z0-9.]*(,[a-z][a-z0-9.]*)*$' \
 && missing=$(echo "$used" | tr , '\n' | grep -vxF "$(echo "$JAVA_MODULES" | tr , '\n')" || true) \
 && if [ -n "$missing" ]; then echo "not in JAVA_MODULES:" $missing >&2; exit 1; fi


FROM ${RUNTIME_IMAGE}

# RUN steps in exec form, with `sh` from PATH: distroless's :debug images have their shell under
# /busybox, not /bin.
# A fixed, unprivileged uid/gid, with a name: the JVM names its perf-data directory after it.
RUN ["sh", "-c", "echo 'udpsocket:x:10001:10001:udp-socket:/nonexistent:/sbin/nologin' >>/etc/passwd && echo 'udpsocket:x:10001:' >>/etc/group"]

ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:$PATH \
    LANG=C.UTF-8
COPY --from=build /jre/ /opt/java/

WORKDIR /app
# Least to most often changed, each its own layer: a code change rebuilds and ships only the last ones.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /probe/ /opt/healthprobe/
COPY --from=build /layers/application/ ./

# The launch options (deploy/jvm/*.args) and their training runs: class-data archives written by
# this image's runtime, for the server and for the client, which shorten their start-up markedly.
# What the training runs leave in /tmp (perf data, Tomcat's work directories) stays out of the image.
COPY deploy/jvm/server.args deploy/jvm/client.args deploy/jvm/train.sh ./
RUN ["sh", "-c", "sh train.sh && rm -rf /tmp/*"]

# Defaults for a container, each overridable with -e: the server profile, UDP and HTTP listening
# on all interfaces of the container (the application's own default for both is 127.0.0.1), so
# that published ports reach them; publish HTTP on the host's loopback only (-p 127.0.0.1:8080:8080).
# JVM options are in server.args (heap, archives, ahead-of-time bean definitions).
ENV SPRING_PROFILES_ACTIVE=server \
    UDP_SERVER_HOST=0.0.0.0 \
    UDP_SERVER_PORT=50001 \
    SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080

EXPOSE 50001/udp 8080/tcp

# Readiness, not liveness: unhealthy until the UDP socket is bound and the receive loop runs.
# The probe JVM leaves out JAVA_TOOL_OPTIONS (meant for the server: an agent there would start
# with every probe) and gets a small fixed heap.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["env", "-u", "JAVA_TOOL_OPTIONS", \
         "java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", \
         "-cp", "/opt/healthprobe", "HealthProbe"]

USER 10001:10001

# Exec form: the JVM is PID 1 and receives SIGTERM itself, which starts Spring's graceful shutdown.
# The client profile runs with these options too (with its own ahead-of-time definitions); for its
# quickest start use its own options:
#   docker run --rm --entrypoint java udp-socket @client.args -jar udp-socket.jar --spring.profiles.active=client
ENTRYPOINT ["java", "@server.args", "-jar", "udp-socket.jar"]
