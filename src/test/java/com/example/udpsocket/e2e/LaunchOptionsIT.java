package com.example.udpsocket.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.LaunchLayout;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import com.example.udpsocket.UdpSocketApplication;

/**
 * The extracted layout with the launch options of {@code deploy/jvm}, prepared the way the
 * Dockerfile prepares it (the benchmark's {@link LaunchLayout}): the jar extracted,
 * {@code train.sh} writing the class-data archives, then the server and the client started
 * with their {@code .args} files.
 */
class LaunchOptionsIT {

	static final String LISTENING = "UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n";

	@TempDir
	static Path parent;

	static Path layout;

	static ChildProcess server;

	static int port;

	@BeforeAll
	static void prepareAndStartServer() {
		layout = parent.resolve("layout");
		LaunchLayout.prepare(ChildProcess.JAR, LaunchLayout.LAUNCH_OPTIONS, layout);
		assertThat(layout.resolve("server.jsa")).isNotEmptyFile();
		assertThat(layout.resolve("client.jsa")).isNotEmptyFile();
		// -Xshare:on: the JVM refuses to start unless the archive maps (by default it would go on without)
		server = ChildProcess.command(LaunchLayout.serverCommand("-Xshare:on"))
			.args("--udp.server.port=0", "--server.port=0")
			.directory(layout)
			.start();
		port = Integer.parseInt(server.awaitOut(LISTENING, Timeouts.PROCESS));
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
		Path jcmd = Path.of(ChildProcess.java()).resolveSibling("jcmd");
		try (ChildProcess commandLine = ChildProcess.command(jcmd.toString(), Long.toString(server.pid()),
				"VM.command_line").start()) {
			assertThat(commandLine.awaitExit(Timeouts.PROCESS)).isZero();
			assertThat(commandLine.out()).containsPattern(
					"jvm_args: -XX:SharedArchiveFile=server.jsa -Dspring.aot.enabled=true -Xmx128m .*-Xshare:on");
		}
	}

	@Test
	void clientWithItsOwnOptionsPrintsOnlyTheReply() {
		try (ChildProcess client = ChildProcess.command(LaunchLayout.clientCommand("-Xshare:on"))
			.args("--spring.profiles.active=client", "--udp.client.port=" + port)
			.directory(layout)
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
			assertThat(client.err()).isEmpty();
		}
	}

	@Test
	void clientStartedWithTheServersOptionsBuildsItsOwnContext() {
		try (ChildProcess client = LaunchLayout
			.server(layout, "--spring.profiles.active=client", "--udp.client.port=" + port, "from the server's options")
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:from the server's options)\\n", Timeouts.AWAIT);
	}

	@Test
	void theJvmsOwnWarningsNeverReachStdoutWithEitherArgumentFile() {
		// large pages are not configured here: the JVM warns about them, by default on stdout
		for (List<String> command : List.of(LaunchLayout.clientCommand("-XX:+UseLargePages"),
				LaunchLayout.serverCommand("-XX:+UseLargePages"))) {
			try (ChildProcess client = ChildProcess.command(command)
				.args("--spring.profiles.active=client", "--udp.client.port=" + port)
				.directory(layout)
				.start()) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
				assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
				assertThat(client.err()).contains("UseLargePages");
			}
		}
	}

	@Test
	void runTimeSettingsStillApplyToTheAheadOfTimeProcessedServer() {
		// the reply and the console's pattern are read when the server starts, not settled by the build
		try (ChildProcess other = LaunchLayout
			.server(layout, "--udp.server.port=0", "--server.port=0", "--udp.server.reply=Answered all the same",
					"--logging.pattern.console=%m%n")
			.start()) {
			String otherPort = other.awaitOut("(?m)^UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)$", Timeouts.PROCESS);
			try (ChildProcess client = LaunchLayout
				.client(layout, "--spring.profiles.active=client", "--udp.client.port=" + otherPort)
				.start()) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: Answered all the same\n");
			}
			other.awaitOut("(?m)^(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:" + Pattern.quote(Original.MESSAGE) + ")$", Timeouts.AWAIT);
		}
	}

}
