package com.example.udpsocket.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.client.Usage;
import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Ip;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestResponder;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged client as a newcomer and a netcat user run it: {@code --help} from either
 * profile or none without starting anything, messages piped on stdin, the default message
 * for a stdin with nothing on it or a terminal, netcat-style options, and what it says
 * when a short message to another host goes unanswered (that host being a network
 * namespace of the test's own, where root and {@code ip} are at hand).
 */
class ClientCommandIT {

	@Test
	void printsTheSameUsageForHelpFromEitherProfileOrNoneAndStartsNothing() throws IOException {
		// were a server to start, these ports, held here, would make it fail at once
		try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
				ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String[] ports = { "--udp.server.port=" + udp.getLocalPort(), "--server.port=" + http.getLocalPort() };
			List<String> usages = new ArrayList<>();
			for (List<String> args : List.of(List.of("--help"), List.of("--spring.profiles.active=server", "-h"),
					List.of("--spring.profiles.active=client", "--help", "a message"))) {
				try (ChildProcess jar = ChildProcess.jar(ports).args(args.toArray(String[]::new)).start()) {
					assertThat(jar.awaitExit(Timeouts.PROCESS)).as(jar.out() + jar.err()).isZero();
					assertThat(jar.err()).isEmpty();
					usages.add(jar.out());
				}
			}
			assertThat(usages.get(0)).startsWith("Usage: java -jar udp-socket.jar --spring.profiles.active=client")
				.contains("--udp.server.port=PORT", "-P, --port PORT", "HELP.md")
				.doesNotContain("listen at", "Started");
			assertThat(usages).containsOnly(usages.get(0));
		}
	}

	@Test
	void sendsEachLineOfAPipedStdinWhenNoMessageIsGiven() {
		try (TestResponder echo = TestResponder.echoing();
				ChildProcess client = client("-P", String.valueOf(echo.port())).input("piped message\n\nsecond line\n")
					.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("[UDPServer said]: got piped message\n[UDPServer said]: got second line\n");
			assertThat(echo.received().stream().distinct()).containsExactly("piped message", "second line");
		}
	}

	@Test
	void sendsTheLinesOfStdinForADash() {
		try (TestResponder echo = TestResponder.echoing();
				ChildProcess client = client("--port", String.valueOf(echo.port()), "-").input("a\nb\n").start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("[UDPServer said]: got a\n[UDPServer said]: got b\n");
		}
	}

	@Test
	void sendsTheDefaultMessageWhenStdinIsAtItsEndAtOnce() {
		// ChildProcess gives /dev/null, as a container without -i does
		try (TestResponder echo = TestResponder.echoing();
				ChildProcess client = client("-P", String.valueOf(echo.port())).start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("[UDPServer said]: got " + Original.MESSAGE + "\n");
		}
	}

	@Test
	void sendsTheDefaultMessageWithoutWaitingWhenStdinIsATerminal() {
		Path python = ExternalTool.PYTHON.require();
		// stdin is a terminal nobody types on and nobody closes: a client that read it would
		// wait for ever
		String onTerminal = "import os, subprocess, sys\n" + "master, terminal = os.openpty()\n"
				+ "child = subprocess.Popen(sys.argv[1:], stdin=terminal)\n" + "os.close(terminal)\n"
				+ "sys.exit(child.wait())\n";
		try (TestResponder echo = TestResponder.echoing()) {
			List<String> command = new ArrayList<>(List.of(python.toString(), "-c", onTerminal, ChildProcess.java(),
					ChildProcess.QUICK_COMPILER, "-jar", ChildProcess.JAR.toString(), "--spring.profiles.active=client",
					"-P", String.valueOf(echo.port())));
			try (ChildProcess client = ChildProcess.command(command).start()) {
				assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
				assertThat(client.out()).isEqualTo("[UDPServer said]: got " + Original.MESSAGE + "\n");
			}
		}
	}

	@Test
	void takesNetcatStyleOptionsAndIpv6() {
		try (TestResponder echo = TestResponder.echoing("::1");
				ChildProcess client = client("-6", "-H", "::1", "-P" + echo.port(), "-w", "2", "-r", "5", "over IPv6")
					.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("[UDPServer said]: got over IPv6\n");
		}
	}

	@Test
	void refusesNetcatsSourcePortOptionPointingToTheServersPort() {
		try (ChildProcess client = client("-p", "50001").start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isEqualTo(2);
			assertThat(client.out()).isEmpty();
			assertThat(client.err()).isEqualTo("udp-socket: -p is netcat's source port, which the client does not set; "
					+ "the server's port is -P or --port (see --help)\n");
		}
	}

	@Test
	void bindsItsSettingsFromTheEnvironmentInEitherFormAndLeavesOtherNamesThereAlone() {
		// the bound values meet only in the check that the backoff is at most its maximum; the
		// environment holds other programs' variables too, so a name the client does not have is
		// not a mistake there (Spring Boot's rule)
		try (ChildProcess client = client("a message of some length").environment("UDP_CLIENT_MAX_BACKOFF", "50ms")
			.environment("UDP_CLIENT_BACKOFF", "100ms")
			.environment("UDP_CLIENT_TIMOUT", "5s")
			.start()) {
			assertThat(client.awaitExit(Timeouts.PROCESS)).isEqualTo(2);
			assertThat(client.err())
				.isEqualTo("udp-socket: udp.client.backoff=100ms is longer than udp.client.max-backoff=50ms (see --help)\n");
		}
	}

	@Test
	void saysAShortMessageMayBeWhyAnotherHostsServerDidNotAnswer() {
		try (Namespace host = Namespace.create(); TestServer server = TestServer.start("--udp.server.host=" + Namespace.SERVER)) {
			String port = String.valueOf(server.port());
			// from inside the namespace the server is another host, and the client another host to it
			try (ChildProcess shortOne = host.client("-H", Namespace.SERVER, "-P", port, "-w", "0.5", "-r", "1", "hi")
				.start()) {
				assertThat(shortOne.awaitExit(Timeouts.PROCESS)).as(shortOne.err()).isEqualTo(1);
				assertThat(shortOne.err()).startsWith("No reply from " + Namespace.SERVER + ":" + port + " after 2 attempts")
					.endsWith("\nPerhaps no server runs there (a firewall may hide that), it refuses datagrams under 12 bytes "
							+ "from other hosts (this one has 2: a reply may be at most 3 times as long), or it limits "
							+ "the rate of this sender's network; see HELP.md, \"Troubleshooting\"\n");
			}
			assertThat(server.count("too_short")).isPositive();
			// the same server, the same way, answers a message long enough
			try (ChildProcess longEnough = host.client("-H", Namespace.SERVER, "-P", port, "twelve bytes").start()) {
				assertThat(longEnough.awaitExit(Timeouts.PROCESS)).as(longEnough.err()).isZero();
				assertThat(longEnough.out()).isEqualTo(Original.REPLY_LINE);
			}
		}
	}

	static ChildProcess.Builder client(String... args) {
		return ChildProcess.jar("--spring.profiles.active=client").args(args);
	}

	/**
	 * Another host: a network namespace linked to this one by a veth pair, this side
	 * {@value #SERVER}, the other {@value #CLIENT}. Nothing leaves the pair; {@link #close()}
	 * removes it.
	 */
	static final class Namespace implements AutoCloseable {

		static final String NAME = "udpsock-client";

		static final String SERVER = "10.66.0.1";

		static final String CLIENT = "10.66.0.2";

		private final Ip ip;

		private Namespace(Ip ip) {
			this.ip = ip;
		}

		static Namespace create() {
			Ip ip = Ip.require();
			Namespace namespace = new Namespace(ip);
			namespace.remove();
			try {
				ip.run("netns", "add", NAME);
				ip.run("link", "add", "udpsock-ch", "type", "veth", "peer", "name", "udpsock-cn", "netns", NAME);
				ip.run("addr", "add", SERVER + "/24", "dev", "udpsock-ch");
				ip.run("link", "set", "udpsock-ch", "up");
				ip.in(NAME, "addr", "add", CLIENT + "/24", "dev", "udpsock-cn");
				ip.in(NAME, "link", "set", "udpsock-cn", "up");
				ip.in(NAME, "link", "set", "lo", "up");
			}
			catch (RuntimeException | AssertionError ex) {
				namespace.close();
				throw ex;
			}
			return namespace;
		}

		/** The packaged client, run inside the namespace. */
		ChildProcess.Builder client(String... args) {
			return ChildProcess.command(this.ip.exec(NAME))
				.args(ChildProcess.java(), ChildProcess.QUICK_COMPILER, "-jar", ChildProcess.JAR.toString(),
						"--spring.profiles.active=client")
				.args(args);
		}

		/** Removes the namespace and the pair, which goes with it; what is not there is no error. */
		private void remove() {
			this.ip.remove("netns", "del", NAME);
		}

		@Override
		public void close() {
			remove();
		}

	}

}
