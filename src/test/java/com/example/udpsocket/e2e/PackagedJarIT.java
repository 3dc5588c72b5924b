package com.example.udpsocket.e2e;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started the way the README says, as separate processes: the server's
 * console, the client's output and exit codes, and startup failures.
 */
class PackagedJarIT {

	static final Duration STARTUP = Duration.ofSeconds(60);

	static final String REPLY_LINE = "[UDPServer said]: UDPServer has received your message\n";

	static RunningProcess server;

	static int port;

	@BeforeAll
	static void startServer() {
		server = RunningProcess.jar("--spring.profiles.active=server", "--udp.server.port=0", "--server.port=0");
		port = Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", STARTUP));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void clientPrintsTheReplyAndExitsZeroAndTheServerLogsIt() {
		try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client", "--udp.client.port=" + port)) {
			assertThat(client.awaitExit(STARTUP)).isZero();
			assertThat(client.out()).isEqualTo(REPLY_LINE);
			assertThat(client.err()).isEmpty();
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:Hello, UDPServer!)\\n", Duration.ofSeconds(10));
	}

	@Test
	void serverLinesKeepSpringBootsConsoleFormat() {
		// the application name is written into the pattern once (FixedNamePattern): same bytes as Boot's
		try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client", "--udp.client.port=" + port,
				"format check")) {
			assertThat(client.awaitExit(STARTUP)).isZero();
		}
		server.awaitOut("(?m)^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:Z|[+-]\\d\\d:\\d\\d)  INFO "
				+ server.pid() + " --- \\[udp-socket\\] \\[[ \\w-]{15}\\] c\\.e\\.udpsocket\\.server\\.ReplyActivator +: "
				+ "\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:format check)$", Duration.ofSeconds(10));
	}

	@Test
	void clientExitsThreeWithOneLineWhenNothingListens() {
		int unused = Datagrams.unusedPort();
		try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client", "--udp.client.port=" + unused)) {
			assertThat(client.awaitExit(STARTUP)).isEqualTo(3);
			assertThat(client.out()).isEmpty();
			assertThat(client.err()).isEqualTo("Nothing listening at 127.0.0.1:" + unused + " (port unreachable, 4 attempts)\n");
		}
	}

	@Test
	void clientExitsOneOnAnInvalidPropertyWithoutAStackTrace() {
		try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client", "--udp.client.port=0")) {
			assertThat(client.awaitExit(STARTUP)).isEqualTo(1);
			assertThat(client.out()).isEmpty();
			assertThat(client.err()).contains("APPLICATION FAILED TO START", "udp.client.port").doesNotContain("\tat ");
		}
	}

	@Test
	void secondServerOnTheSamePortFailsWithExitOneNamingHostAndPort() {
		try (RunningProcess second = RunningProcess.jar("--udp.server.port=" + port, "--server.port=0")) {
			assertThat(second.awaitExit(STARTUP)).isEqualTo(1);
			assertThat(second.out()).contains("APPLICATION FAILED TO START")
				.contains("UDP port 127.0.0.1:" + port + " is already in use.")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void answersAPythonClientWrittenLikeTheOriginal() {
		try (RunningProcess python = RunningProcess.command("python3", "src/test/resources/interop/original_client.py",
				String.valueOf(port))) {
			assertThat(python.awaitExit(Duration.ofSeconds(30))).isZero();
			assertThat(python.out()).isEqualTo(REPLY_LINE);
		}
	}

	@Test
	void answersNetcat() {
		// nc -u sends stdin as one datagram and prints what comes back; -w bounds its wait
		try (RunningProcess nc = RunningProcess.command("sh", "-c",
				"printf 'from netcat' | nc -u -w 2 127.0.0.1 " + port)) {
			nc.awaitExit(Duration.ofSeconds(30));
			assertThat(nc.out()).isEqualTo("UDPServer has received your message\n");
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:from netcat)\\n", Duration.ofSeconds(10));
	}

	@Test
	void clientWorksAgainstAPythonResponder() {
		try (RunningProcess responder = RunningProcess.command("python3", "src/test/resources/interop/responder.py",
				"answered by python")) {
			String responderPort = responder.awaitOut("^(\\d+)\\n", Duration.ofSeconds(30));
			try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client",
					"--udp.client.port=" + responderPort, "ping")) {
				assertThat(client.awaitExit(STARTUP)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: answered by python\n");
			}
			assertThat(responder.out()).contains("got ping\n");
		}
	}

	@Test
	void clientWorksAgainstSocat() {
		int socatPort = Datagrams.unusedPort();
		// socat answers each datagram from the port it listens on, like any plain UDP server
		try (RunningProcess socat = RunningProcess.command("socat", "-T", "30",
				"UDP4-RECVFROM:" + socatPort + ",bind=127.0.0.1,fork", "SYSTEM:echo -n answered by socat")) {
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> portTaken(socatPort));
			try (RunningProcess client = RunningProcess.jar("--spring.profiles.active=client",
					"--udp.client.port=" + socatPort)) {
				assertThat(client.awaitExit(STARTUP)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: answered by socat\n");
			}
		}
	}

	private static boolean portTaken(int port) {
		try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
			return false;
		}
		catch (java.net.SocketException ex) {
			return true;
		}
	}

}
