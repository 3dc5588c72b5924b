package com.example.udpsocket.e2e;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.LaunchLayout;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start the build makes ({@code target/udp-socket}): the jar extracted, the
 * launch options of {@code deploy/jvm}, their class-data archives trained with this JVM,
 * and the launchers, {@code bin/server} and {@code bin/client}, run from another working
 * directory as a user would run them.
 */
class LaunchOptionsIT {

	static final Path LAYOUT = LaunchLayout.BUILT.toAbsolutePath();

	static final String LISTENING = "UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n";

	/** The JVM refuses to start unless the archive maps: by default it would go on without. */
	static final String ARCHIVE_REQUIRED = "-Xshare:on";

	static ChildProcess server;

	static int port;

	@BeforeAll
	static void startServer() {
		assertThat(LAYOUT.resolve("server.jsa")).isNotEmptyFile();
		assertThat(LAYOUT.resolve("client.jsa")).isNotEmptyFile();
		server = LaunchLayout.server(LAYOUT, "--udp.server.port=0", "--server.port=0")
			.environment("JAVA_OPTS", ARCHIVE_REQUIRED)
			.directory(Path.of("src"))
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
	void serverRunsTheAheadOfTimeProcessedContextWithItsArchiveAndOptions() {
		assertThat(server.out()).contains("Starting AOT-processed UdpSocketApplication");
		assertThat(server.err()).isEmpty();
		Path jcmd = Path.of(ChildProcess.java()).resolveSibling("jcmd");
		try (ChildProcess commandLine = ChildProcess.command(jcmd.toString(), Long.toString(server.pid()),
				"VM.command_line").start()) {
			assertThat(commandLine.awaitExit(Timeouts.PROCESS)).isZero();
			assertThat(commandLine.out()).containsPattern("jvm_args: .*-Dspring.aot.enabled=true -Xmx128m .*"
					+ Pattern.quote("-XX:SharedArchiveFile=" + LAYOUT.resolve("server.jsa")) + " -Xshare:on");
		}
	}

	@Test
	void clientPrintsOnlyTheReplyFromItsOwnArchiveAndContext() {
		try (ChildProcess client = LaunchLayout.client(LAYOUT, "--udp.client.port=" + port)
			.environment("JAVA_OPTS", ARCHIVE_REQUIRED)
			.directory(Path.of("src"))
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
			assertThat(client.err()).isEmpty();
		}
	}

	@Test
	void clientStartedWithTheServersLauncherBuildsItsOwnContext() {
		try (ChildProcess client = LaunchLayout
			.server(LAYOUT, "--spring.profiles.active=client", "--udp.client.port=" + port, "from the server's launcher")
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:from the server's launcher)\\n", Timeouts.AWAIT);
	}

	@Test
	void theJvmsOwnWarningsNeverReachStdoutWithEitherLauncher() {
		// large pages are not configured here: the JVM warns about them, by default on stdout
		for (ChildProcess.Builder launcher : new ChildProcess.Builder[] {
				LaunchLayout.client(LAYOUT, "--udp.client.port=" + port),
				LaunchLayout.server(LAYOUT, "--spring.profiles.active=client", "--udp.client.port=" + port) }) {
			try (ChildProcess client = launcher.environment("JAVA_OPTS", "-XX:+UseLargePages").start()) {
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
			.server(LAYOUT, "--udp.server.port=0", "--server.port=0", "--udp.server.reply=Answered all the same",
					"--logging.pattern.console=%m%n")
			.start()) {
			String otherPort = other.awaitOut("(?m)^UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)$", Timeouts.PROCESS);
			try (ChildProcess client = LaunchLayout.client(LAYOUT, "--udp.client.port=" + otherPort).start()) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: Answered all the same\n");
			}
			other.awaitOut("(?m)^(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:" + Pattern.quote(Original.MESSAGE) + ")$",
					Timeouts.AWAIT);
		}
	}

}
