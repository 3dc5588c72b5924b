package com.example.udpsocket.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extracted layout with the launch options of {@code deploy/jvm}, prepared the way the
 * Dockerfile prepares it: the jar extracted, {@code train.sh} writing the class-data
 * archives, then the server and the client started with their {@code .args} files.
 */
class LaunchOptionsIT {

	static final Duration LIMIT = Duration.ofSeconds(120);

	static final Path LAUNCH_OPTIONS = Path.of("deploy", "jvm");

	@TempDir
	static Path layout;

	static RunningProcess server;

	static int port;

	@BeforeAll
	static void prepareAndStartServer() throws IOException {
		try (RunningProcess extract = RunningProcess.command(RunningProcess.java(), "-Djarmode=tools", "-jar",
				RunningProcess.JAR.toString(), "extract", "--destination", layout.toString())) {
			assertThat(extract.awaitExit(LIMIT)).as(extract.err()).isZero();
		}
		for (String file : new String[] { "server.args", "client.args", "train.sh" }) {
			Files.copy(LAUNCH_OPTIONS.resolve(file), layout.resolve(file));
		}
		try (RunningProcess training = RunningProcess.in(layout, "env", "JAVA=" + RunningProcess.java(), "sh",
				"train.sh")) {
			assertThat(training.awaitExit(LIMIT)).as(training.err()).isZero();
		}
		assertThat(layout.resolve("server.jsa")).isNotEmptyFile();
		assertThat(layout.resolve("client.jsa")).isNotEmptyFile();
		// -Xshare:on: the JVM refuses to start unless the archive maps (by default it would go on without)
		server = RunningProcess.in(layout, RunningProcess.java(), "@server.args", "-Xshare:on", "-jar",
				"udp-socket.jar", "--udp.server.port=0", "--server.port=0");
		port = Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", LIMIT));
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void serverRunsTheAheadOfTimeProcessedContextWithTheOptionsOfItsArgumentFile() {
		assertThat(server.out()).contains("Starting AOT-processed UdpSocketApplication");
		assertThat(server.err()).isEmpty();
		Path jcmd = Path.of(RunningProcess.java()).resolveSibling("jcmd");
		try (RunningProcess commandLine = RunningProcess.command(jcmd.toString(), Long.toString(server.pid()),
				"VM.command_line")) {
			assertThat(commandLine.awaitExit(LIMIT)).isZero();
			assertThat(commandLine.out()).containsPattern(
					"jvm_args: -XX:SharedArchiveFile=server.jsa -Dspring.aot.enabled=true -Xmx128m .*-Xshare:on");
		}
	}

	@Test
	void clientWithItsOwnOptionsPrintsOnlyTheReply() {
		try (RunningProcess client = RunningProcess.in(layout, RunningProcess.java(), "@client.args", "-Xshare:on",
				"-jar", "udp-socket.jar", "--spring.profiles.active=client", "--udp.client.port=" + port)) {
			assertThat(client.awaitExit(LIMIT)).isZero();
			assertThat(client.out()).isEqualTo(PackagedJarIT.REPLY_LINE);
			assertThat(client.err()).isEmpty();
		}
	}

	@Test
	void clientStartedWithTheServersOptionsBuildsItsOwnContext() {
		try (RunningProcess client = RunningProcess.in(layout, RunningProcess.java(), "@server.args", "-jar",
				"udp-socket.jar", "--spring.profiles.active=client", "--udp.client.port=" + port,
				"from the server's options")) {
			assertThat(client.awaitExit(LIMIT)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo(PackagedJarIT.REPLY_LINE);
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:from the server's options)\\n", Duration.ofSeconds(10));
	}

	@Test
	void runTimeSettingsStillApplyToTheAheadOfTimeProcessedServer() {
		// the console's set-up is read when the server starts, not settled by the build
		try (RunningProcess synchronous = RunningProcess.in(layout, RunningProcess.java(), "@server.args", "-jar",
				"udp-socket.jar", "--udp.server.port=0", "--server.port=0", "--udp.log.async=false")) {
			String otherPort = synchronous.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", LIMIT);
			try (RunningProcess client = RunningProcess.in(layout, RunningProcess.java(), "@client.args", "-jar",
					"udp-socket.jar", "--spring.profiles.active=client", "--udp.client.port=" + otherPort)) {
				assertThat(client.awaitExit(LIMIT)).isZero();
				assertThat(client.out()).isEqualTo(PackagedJarIT.REPLY_LINE);
			}
			synchronous.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:Hello, UDPServer!)\\n", Duration.ofSeconds(10));
		}
	}

}
