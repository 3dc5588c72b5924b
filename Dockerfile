# udp-socket: UDP request/reply server (default) or one-shot client, on a JRE.
#
#   docker build -t udp-socket .
#   docker run --rm -p 50001:50001/udp -p 127.0.0.1:8080:8080 udp-socket
#
# Both base images are build arguments so that the same file builds with the public images
# and with local ones where no registry is reachable (see scripts/container-test.sh).
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build

# The health probe changes rarely: built before the sources are copied so it stays cached.
COPY deploy/container/HealthProbe.java /probe-src/
RUN javac --release 17 -d /probe /probe-src/HealthProbe.java

COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# Extra Maven arguments, read by Maven itself (3.9+): a mirror, say, or a read-only local
# repository to consult first (-Dmaven.repo.local.tail=DIR, with DIR mounted into the build).
ARG MAVEN_ARGS=""
# The cache mount keeps the Maven distribution and the local repository between builds,
# so a source change does not download the dependencies again; it never enters the image.
RUN --mount=type=cache,id=udp-socket-m2,target=/root/.m2 \
    sh ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/udp-socket.jar extract --layers --destination /layers


FROM ${JRE_IMAGE}

# A fixed, unprivileged uid/gid: nothing in the container runs as root.
RUN groupadd --system --gid 10001 udpsocket \
 && useradd --system --uid 10001 --gid udpsocket --home-dir /nonexistent --no-create-home \
            --shell /usr/sbin/nologin udpsocket

WORKDIR /app
# Least to most often changed, each its own layer: a code change rebuilds and ships only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /probe/ /opt/healthprobe/
COPY --from=build /layers/application/ ./

# The launch options (deploy/jvm/*.args) and their training runs: class-data archives written by
# this image's JVM, for the server and for the client. They cut the start-up about in half.
COPY deploy/jvm/server.args deploy/jvm/client.args deploy/jvm/train.sh ./
RUN sh train.sh

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
