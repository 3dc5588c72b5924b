package com.example.udpsocket.e2e;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.client.Usage;
import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started the way the README says, as separate processes: the server's
 * console, the client's output and exit codes, startup failures, and programs that are not
 * ours on either side (a Python client like the original, netcat, socat), each skipped
 * where that program is not installed.
 */
class PackagedJarIT {

	static final String LISTENING = "UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n";

	static ChildProcess server;

	static int port;

	@BeforeAll
	static void startServer() {
		server = ChildProcess.jar("--spring.profiles.active=server", "--udp.server.port=0", "--server.port=0").start();
		port = Integer.parseInt(server.awaitOut(LISTENING, Timeouts.PROCESS));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void clientPrintsTheReplyAndExitsZeroAndTheServerLogsIt() {
		try (ChildProcess client = client("--udp.client.port=" + port)) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
			assertThat(client.err()).isEmpty();
		}
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:" + Pattern.quote(Original.MESSAGE) + ")\\n", Timeouts.AWAIT);
	}

	@Test
	void serverLinesKeepSpringBootsConsoleFormat() {
		try (ChildProcess client = client("--udp.client.port=" + port, "format check")) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
		}
		server.awaitOut("(?m)^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:Z|[+-]\\d\\d:\\d\\d)  INFO "
				+ server.pid() + " --- \\[udp-socket\\] \\[[ \\w-]{15}\\] c\\.e\\.udpsocket\\.server\\.ReplyActivator +: "
				+ "\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:format check)$", Timeouts.AWAIT);
	}

	@Test
	void clientExitsThreeWithOneLineWhenNothingListens() {
		int unused = Datagrams.unusedPort();
		try (ChildProcess client = client("--udp.client.port=" + unused)) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isEqualTo(3);
			assertThat(client.out()).isEmpty();
			assertThat(client.err()).isEqualTo("Nothing listening at 127.0.0.1:" + unused + " (port unreachable, 4 attempts)\n");
		}
	}

	@Test
	void clientAnswersAnInvalidPropertyWithOneLineAndExitTwo() {
		try (ChildProcess client = client("--udp.client.port=0")) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isEqualTo(2);
			assertThat(client.out()).isEmpty();
			assertThat(client.err())
				.isEqualTo("udp-socket: invalid udp.client.port=0: must be greater than or equal to 1 (see --help)\n");
		}
	}

	@Test
	void clientPrintsItsUsageForHelpAndSendsNothing() {
		try (ChildProcess client = client("--udp.client.port=" + port, "--help")) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
			assertThat(client.out()).startsWith("Usage: java -jar udp-socket.jar --spring.profiles.active=client");
			assertThat(client.err()).isEmpty();
		}
	}

	@Test
	void secondServerOnTheSamePortFailsWithExitOneNamingHostAndPort() {
		try (ChildProcess second = ChildProcess.jar("--udp.server.port=" + port, "--server.port=0").start()) {
			assertThat(second.awaitExit(Timeouts.PROCESS)).isEqualTo(1);
			assertThat(second.out()).contains("APPLICATION FAILED TO START")
				.contains("UDP port 127.0.0.1:" + port + " is already in use.")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void answersAPythonClientWrittenLikeTheOriginal() {
		String python = ExternalTool.PYTHON.require().toString();
		try (ChildProcess client = ChildProcess
			.command(python, "src/test/resources/interop/original_client.py", String.valueOf(port))
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo(Original.REPLY_LINE);
		}
	}

	@Test
	void answersNetcat() {
		String nc = ExternalTool.NETCAT.require().toString();
		// nc -u sends stdin as one datagram and prints what comes back; -w bounds its wait.
		// It never sends again, so the test does, up to the usual number of attempts
		String answer = null;
		for (int attempt = 0; attempt < Timeouts.ATTEMPTS && answer == null; attempt++) {
			try (ChildProcess netcat = ChildProcess.command("sh", "-c",
					"printf 'from netcat, hello' | " + nc + " -u -w 1 127.0.0.1 " + port).start()) {
				netcat.awaitExit(Timeouts.PROCESS);
				answer = netcat.out().isEmpty() ? null : netcat.out();
			}
		}
		assertThat(answer).isEqualTo(Original.REPLY + "\n");
		server.awaitOut("(\\[Client 127\\.0\\.0\\.1:\\d+ said\\]:from netcat, hello)\\n", Timeouts.AWAIT);
	}

	@Test
	void clientWorksAgainstAPythonResponder() {
		String python = ExternalTool.PYTHON.require().toString();
		try (ChildProcess responder = ChildProcess
			.command(python, "src/test/resources/interop/responder.py", "answered by python")
			.start()) {
			String responderPort = responder.awaitOut("^(\\d+)\\n", Timeouts.PROCESS);
			try (ChildProcess client = client("--udp.client.port=" + responderPort, "ping")) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: answered by python\n");
			}
			assertThat(responder.out()).contains("got ping\n");
		}
	}

	@Test
	void clientWorksAgainstSocat() {
		String socat = ExternalTool.SOCAT.require().toString();
		int socatPort = Datagrams.unusedPort();
		// socat answers each datagram from the port it listens on, like any plain UDP server
		try (ChildProcess responder = ChildProcess.command(socat, "-T", "30",
				"UDP4-RECVFROM:" + socatPort + ",bind=127.0.0.1,fork", "SYSTEM:echo -n answered by socat").start()) {
			await().until(() -> portTaken(socatPort));
			try (ChildProcess client = client("--udp.client.port=" + socatPort)) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: answered by socat\n");
			}
		}
	}

	static ChildProcess client(String... args) {
		return ChildProcess.jar("--spring.profiles.active=client").args(args).start();
	}

	private static boolean portTaken(int port) {
		try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

}
