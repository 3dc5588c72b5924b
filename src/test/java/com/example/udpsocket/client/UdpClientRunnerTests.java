package com.example.udpsocket.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Settings;
import com.example.udpsocket.support.TestResponder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The client profile as a user runs it: messages in, reply lines on stdout and nothing
 * else, a usage text on {@code --help}, one line on stderr for a mistake, the failure and
 * what may be why for a message left unanswered, and an exit code that says what
 * happened. Stdin is what each test gives it ({@link #runClient(String...)}: nothing).
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpClientRunnerTests {

	@Test
	void printsTheReplyToTheDefaultMessageAndExitsZero(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			assertThat(runClient("--udp.client.port=" + responder.port())).isZero();
			assertThat(responder.received()).isNotEmpty().containsOnly(Original.MESSAGE);
		}
		assertThat(output.getOut()).isEqualTo(Original.REPLY_LINE);
		assertThat(output.getErr()).isEmpty();
	}

	@Test
	void sendsEachArgumentAsOneDatagramInOrder(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "first", "second message")).isZero();
			// in order; a retry would repeat a message, never reorder them
			assertThat(responder.received().stream().distinct()).containsExactly("first", "second message");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got first\n[UDPServer said]: got second message\n");
	}

	@Test
	void sendsWhatFollowsADoubleDashEvenIfItLooksLikeAnOption(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--", "-x", "--help", "-")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("-x", "--help", "-");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got -x\n[UDPServer said]: got --help\n"
				+ "[UDPServer said]: got -\n");
	}

	@Test
	void readsMessagesLineByLineFromStdinForADash(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClientWithStdin("one\n\ntwo\n", "--udp.client.port=" + responder.port(), "-")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("one", "two");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got one\n[UDPServer said]: got two\n");
	}

	@Test
	void readsMessagesFromAStdinThatIsNotATerminalWhenNoneIsGiven(CapturedOutput output) throws Exception {
		// the client reads the stdin given here only if the test JVM's own is no terminal, which
		// under Maven it never is
		assumeFalse(Stdin.isTerminal(), "the test JVM's stdin is a terminal");
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClientWithStdin("piped message\n\nanother\n", "-P", String.valueOf(responder.port())))
				.isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("piped message", "another");
		}
		assertThat(output.getOut())
			.isEqualTo("[UDPServer said]: got piped message\n[UDPServer said]: got another\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\n\n" })
	void sendsTheDefaultMessageWhenStdinHasNoLineOfText(String stdin, CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClientWithStdin(stdin, "-P", String.valueOf(responder.port()))).isZero();
			assertThat(responder.received()).isNotEmpty().containsOnly(Original.MESSAGE);
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got " + Original.MESSAGE + "\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--help", "-h", "-4h" })
	void printsTheUsageOfBothProfilesWithTheDefaultsOnStdoutAndSendsNothing(String help, CapturedOutput output)
			throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			// --help wins over everything else, mistakes included
			assertThat(runClient("--udp.client.port=" + responder.port(), help, "a message", "--udp.server.port=1"))
				.isZero();
			assertThat(responder.received()).isEmpty();
		}
		UdpClientProperties defaults = Settings.client();
		assertThat(output.getOut()).isEqualTo(Usage.text())
			.startsWith("Usage: java -jar udp-socket.jar --spring.profiles.active=client [option...] [message...]")
			.contains("java -jar udp-socket.jar [--spring.profiles.active=server]")
			.contains("--udp.server.port=PORT", "(" + Settings.server().port() + ")")
			.contains("-P, --port PORT", "(" + defaults.port() + ")", "(" + defaults.host() + ")")
			.contains("(" + ClientMessages.duration(defaults.timeout()) + ")", "(" + defaults.retries() + ")")
			.contains("-w, --timeout", "-r, --retries", "-4, --ipv4", "-6, --ipv6", "-h, --help")
			.contains("udp.client.max-backoff=DURATION", "\n  2    usage error", "HELP.md, section \"Client\"");
		assertThat(output.getErr()).isEmpty();
	}

	@Test
	void takesEachOptionShortAndLong(CapturedOutput output) throws Exception {
		// 127.0.0.2 is this host too, and nothing else listens on the port there: the reply shows
		// that the host and the port were taken
		try (TestResponder responder = new TestResponder(new InetSocketAddress("127.0.0.2", 0),
				(text) -> List.of("got " + text))) {
			String port = String.valueOf(responder.port());
			assertThat(runClient("-H", "127.0.0.2", "-P", port, "short")).isZero();
			assertThat(runClient("-H127.0.0.2", "-P" + port, "joined")).isZero();
			assertThat(runClient("--host", "127.0.0.2", "--port", port, "long")).isZero();
			assertThat(runClient("--host=127.0.0.2", "--port=" + port, "long, joined")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("short", "joined", "long",
					"long, joined");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got short\n[UDPServer said]: got joined\n"
				+ "[UDPServer said]: got long\n[UDPServer said]: got long, joined\n");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// netcat's seconds, whole or not, or a duration; the reported wait is the bound value
			"-w 0.2 -r 0         | after 1 attempt in 0\\.\\d s \\(udp\\.client\\.timeout=200ms each\\)",
			"-w1 -r0             | after 1 attempt in 1\\.\\d s \\(udp\\.client\\.timeout=1s each\\)",
			"--timeout 150ms --retries 2 | after 3 attempts in 0\\.\\d s \\(udp\\.client\\.timeout=150ms each\\)",
			"--timeout=0.1 --retries=1   | after 2 attempts in 0\\.\\d s \\(udp\\.client\\.timeout=100ms each\\)" })
	void takesTheTimeoutAndRetriesShortAndLong(String options, String report, CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.silent()) {
			List<String> args = new ArrayList<>(Arrays.asList(options.split(" ")));
			args.addAll(List.of("-P", String.valueOf(responder.port()), "--udp.client.backoff=0ms",
					"a message of some length"));
			assertThat(runClient(args.toArray(String[]::new))).isEqualTo(1);
		}
		assertThat(output.getErr()).matches("No reply from 127\\.0\\.0\\.1:\\d+ " + report + "\n.*\n");
	}

	@Test
	void anOptionWinsOverItsPropertyWhereverEitherIsGiven(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClient("-P", String.valueOf(responder.port()), "--udp.client.port=1", "mine")).isZero();
			assertThat(responder.received()).contains("mine");
		}
	}

	@Test
	void sendsToTheAddressOfTheIpVersionAskedFor(CapturedOutput output) throws Exception {
		try (TestResponder v6 = new TestResponder(new InetSocketAddress("::1", 0), (text) -> List.of("v6 got " + text));
				TestResponder v4 = new TestResponder(new InetSocketAddress("127.0.0.1", 0),
						(text) -> List.of("v4 got " + text))) {
			assertThat(runClient("-6", "-H", "::1", "-P", String.valueOf(v6.port()), "over IPv6")).isZero();
			assertThat(runClient("--ipv4", "-H", "127.0.0.1", "-P", String.valueOf(v4.port()), "over IPv4")).isZero();
			assertThat(v6.received()).contains("over IPv6");
			assertThat(v4.received()).contains("over IPv4");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: v6 got over IPv6\n[UDPServer said]: v4 got over IPv4\n");
	}

	@Test
	void picksTheFamilyAmongTheAddressesOfAHostName(CapturedOutput output) throws Exception {
		// localhost has an IPv4 address everywhere, an IPv6 one where the hosts file says so
		boolean hasIpv6 = Arrays.stream(InetAddress.getAllByName("localhost")).anyMatch(Inet6Address.class::isInstance);
		assertThat(InetAddress.getAllByName("localhost")).anyMatch(Inet4Address.class::isInstance);
		try (TestResponder v4 = new TestResponder(new InetSocketAddress("127.0.0.1", 0), (text) -> List.of("v4"));
				TestResponder v6 = new TestResponder(new InetSocketAddress("::1", 0), (text) -> List.of("v6"))) {
			assertThat(runClient("-4", "-H", "localhost", "-P", String.valueOf(v4.port()))).isZero();
			assertThat(v4.received()).isNotEmpty();
			int exit = runClient("-6", "-H", "localhost", "-P", String.valueOf(v6.port()));
			if (hasIpv6) {
				assertThat(exit).isZero();
				assertThat(v6.received()).isNotEmpty();
			}
			else {
				assertThat(exit).isEqualTo(4);
				assertThat(output.getErr())
					.isEqualTo("Cannot send to localhost:" + v6.port() + ": localhost has no IPv6 address\n");
				assertThat(v6.received()).isEmpty();
			}
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-4 | ::1 | ::1 has no IPv4 address", "-6 | 127.0.0.1 | 127.0.0.1 has no IPv6 address" })
	void exitsFourWhenTheHostHasNoAddressOfThatVersion(String family, String host, String reason,
			CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.echoing()) {
			assertThat(runClient(family, "-H", host, "-P", String.valueOf(responder.port()))).isEqualTo(4);
			assertThat(responder.received()).isEmpty();
			assertThat(output.getErr()).isEqualTo("Cannot send to " + host + ":" + responder.port() + ": " + reason + "\n");
		}
		assertThat(output.getOut()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-x | udp-socket: unknown option -x (see --help)",
			"-u | udp-socket: unknown option -u (see --help)",
			"--verbose | udp-socket: unknown option --verbose (see --help)",
			"--prot=1 | udp-socket: unknown option --prot: did you mean --port? (see --help)",
			"-p 50001 | udp-socket: -p is netcat's source port, which the client does not set; the server's port is -P or --port (see --help)",
			"-P | udp-socket: option -P needs a value (see --help)",
			"--timeout | udp-socket: option --timeout needs a value (see --help)",
			"--ipv6=yes | udp-socket: option --ipv6 takes no value (see --help)",
			"-4 -6 | udp-socket: -4 and -6 cannot be given together (see --help)",
			"-P 0 | udp-socket: invalid -P 0: must be greater than or equal to 1 (see --help)",
			"--port=65536 | udp-socket: invalid --port=65536: must be less than or equal to 65535 (see --help)",
			"--port x | udp-socket: invalid --port x: not a whole number from 1 to 65535 (see --help)",
			"-w 0 | udp-socket: invalid -w 0: must be longer than or equal to 1 milli (see --help)",
			"-w soon | udp-socket: invalid -w soon: not a duration such as 500ms or 2s (see --help)",
			"--retries=101 | udp-socket: invalid --retries=101: must be less than or equal to 100 (see --help)",
			"--host= | udp-socket: invalid --host=: must not be blank (see --help)",
			"--udp.client.prot=1 | udp-socket: unknown option --udp.client.prot: did you mean udp.client.port? (see --help)",
			"--udp.client.port 1 | udp-socket: --udp.client.port needs its value after =: --udp.client.port=VALUE (see --help)",
			"--udp.server.port=1 | udp-socket: --udp.server.port is not an option of the client (see --help)",
			"--udp.client.port=0 | udp-socket: invalid udp.client.port=0: must be greater than or equal to 1 (see --help)",
			"--udp.client.timeout=0s | udp-socket: invalid udp.client.timeout=0s: must be longer than or equal to 1 milli (see --help)",
			"--udp.client.retries=-1 | udp-socket: invalid udp.client.retries=-1: must be greater than or equal to 0 (see --help)",
			"--udp.client.family=ipv5 | udp-socket: invalid udp.client.family=ipv5: not one of any, ipv4, ipv6 (see --help)",
			"--udp.client.backoff=5s | udp-socket: udp.client.backoff=5s is longer than udp.client.max-backoff=2s (see --help)",
			"--udp.client.message= | udp-socket: invalid udp.client.message=: must be 1 to 65507 bytes long in UTF-8 (see --help)",
			"- more | udp-socket: - (read messages from stdin) cannot be given with other messages; use -- - to send a - (see --help)" })
	void answersAMistakeWithOneLineAndTheUsageExitCodeSendingNothing(String arguments, String line,
			CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			List<String> args = new ArrayList<>();
			if (!arguments.startsWith("--udp.client.port")) {
				// Spring Boot would join two values of one property given on the command line
				args.add("--udp.client.port=" + responder.port());
			}
			args.addAll(Arrays.asList(arguments.split(" ")));
			assertThat(runClientWithStdin("a line\n", args.toArray(String[]::new))).isEqualTo(2);
			assertThat(responder.received()).isEmpty();
		}
		assertThat(output.getOut()).isEmpty();
		assertThat(output.getErr()).isEqualTo(line + "\n");
	}

	@Test
	void refusesAnEmptyMessage(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "fine", "")).isEqualTo(2);
			assertThat(responder.received()).isEmpty();
		}
		assertThat(output.getErr())
			.isEqualTo("udp-socket: an empty message cannot be sent: the server ignores empty datagrams (see --help)\n");
	}

	@Test
	void refusesAnUnknownPropertyFromAnySourceButTheEnvironment(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			int exit = SpringApplication.exit(new SpringApplicationBuilder(UdpSocketApplication.class).profiles("client")
				.properties(Map.of("udp.client.timout", "2s"))
				.run("--udp.client.port=" + responder.port()));
			assertThat(exit).isEqualTo(2);
			assertThat(responder.received()).isEmpty();
		}
		assertThat(output.getErr()).startsWith("udp-socket: unknown property udp.client.timout")
			.contains("did you mean udp.client.timeout?")
			.endsWith(" (see --help)\n");
	}

	@Test
	void refusesAnUnknownPropertyInAConfigurationFileNamingTheFile(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path file = directory.resolve("client.yaml");
		Files.writeString(file, "udp:\n  client:\n    retires: 5\n");
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			assertThat(runClient("-P", String.valueOf(responder.port()),
					"--spring.config.additional-location=file:" + file)).isEqualTo(2);
			assertThat(responder.received()).isEmpty();
		}
		assertThat(output.getErr()).startsWith("udp-socket: unknown property udp.client.retires (")
			.contains(file.getFileName().toString())
			.endsWith(": did you mean udp.client.retries? (see --help)\n");
	}

	@Test
	void bindsTheRelaxedFormsOfItsPropertiesAndItsOptionsOverThem(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.silent()) {
			assertThat(runClient("-P", String.valueOf(responder.port()), "--udp.client.maxBackoff=1ms",
					"--udp.client.backoff=1ms", "--udp.client.timeout=5s", "-w", "50ms", "--udp.client.retries=1",
					"a message of some length"))
				.isEqualTo(1);
		}
		assertThat(output.getErr()).startsWith("No reply from 127.0.0.1:")
			.contains(" after 2 attempts in 0.", "(udp.client.timeout=50ms each)");
	}

	@Test
	void escapesControlCharactersInTheReply(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying("\u001b[2Jcleared\r\n")) {
			assertThat(runClient("--udp.client.port=" + responder.port())).isZero();
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: \\e[2Jcleared\\r\\n\n");
	}

	@Test
	void exitsThreeWithOneLineOnStderrWhenNothingListens(CapturedOutput output) {
		int port = Datagrams.unusedPort();
		assertThat(runClient("--udp.client.port=" + port, "--udp.client.backoff=10ms")).isEqualTo(3);
		assertThat(output.getOut()).isEmpty();
		assertThat(output.getErr()).isEqualTo("Nothing listening at 127.0.0.1:" + port + " (port unreachable, 4 attempts)\n");
	}

	@Test
	void exitsOneWhenNoReplyComesSayingWhatMayBeWhy(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.silent()) {
			// a short message, to loopback: the server holds loopback to no amplification ratio
			assertThat(runClient("--udp.client.port=" + responder.port(), "--udp.client.timeout=100ms",
					"--udp.client.retries=1", "--udp.client.backoff=0ms", "hi")).isEqualTo(1);
			assertThat(output.getErr()).matches("No reply from 127\\.0\\.0\\.1:" + responder.port()
					+ " after 2 attempts in 0\\.\\d s \\(udp\\.client\\.timeout=100ms each\\)\n"
					+ "Perhaps no server runs there \\(a firewall may hide that\\), or it limits the rate of this "
					+ "sender's network; see HELP\\.md, \"Troubleshooting\"\n");
		}
		assertThat(output.getOut()).isEmpty();
	}

	@Test
	void exitsFourWhenTheHostIsUnknown(CapturedOutput output) {
		// .invalid never resolves (RFC 6761): nothing is sent anywhere
		assertThat(runClient("--udp.client.host=nowhere.invalid")).isEqualTo(4);
		assertThat(output.getErr()).isEqualTo("Cannot send to nowhere.invalid:50001: unknown host nowhere.invalid\n");
	}

	@Test
	void stopsAtTheFirstUnansweredMessage(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.losingFirst(1, "late")) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--udp.client.timeout=100ms",
					"--udp.client.retries=0", "first", "second")).isEqualTo(1);
			assertThat(responder.received()).doesNotContain("second");
		}
		assertThat(output.getOut()).isEmpty();
	}

	@Test
	void stopsAtOnceWhenStdoutIsClosed() throws Exception {
		PrintStream stdout = System.out;
		try (TestResponder responder = TestResponder.echoing()) {
			// what a pipe whose reader has gone does: every write fails
			System.setOut(new PrintStream(OutputStream.nullOutputStream()) {
				@Override
				public boolean checkError() {
					return true;
				}
			});
			assertThat(runClient("--udp.client.port=" + responder.port(), "first", "second", "third")).isEqualTo(141);
			assertThat(responder.received()).doesNotContain("second", "third");
		}
		finally {
			System.setOut(stdout);
		}
	}

	@Test
	void theApplicationPrintsTheUsageForHelpWithoutStartingEitherProfile(CapturedOutput output) {
		// main() returns at once: a server would keep running, a client would exit the JVM
		UdpSocketApplication.main(new String[] { "--help" });
		UdpSocketApplication.main(new String[] { "--spring.profiles.active=server", "--udp.server.port=1", "-h" });
		assertThat(output.getOut()).isEqualTo(Usage.text() + Usage.text());
		assertThat(output.getErr()).isEmpty();
	}

	/** The client with nothing on stdin, as from {@code /dev/null}. */
	static int runClient(String... args) {
		return runClientWithStdin("", args);
	}

	static int runClientWithStdin(String stdin, String... args) {
		InputStream original = System.in;
		System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		try {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(UdpSocketApplication.class)
				.profiles("client")
				.run(args);
			return SpringApplication.exit(context);
		}
		finally {
			System.setIn(original);
		}
	}

}
