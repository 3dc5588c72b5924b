package com.example.udpsocket.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.support.Settings;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client profile as a user runs it: messages in, reply lines on stdout and nothing
 * else, a usage text on {@code --help}, one line on stderr for a mistake or a failure, and
 * an exit code that says what happened.
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
		try (TestResponder responder = new TestResponder((text) -> List.of("got " + text))) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "first", "second message")).isZero();
			// in order; a retry would repeat a message, never reorder them
			assertThat(responder.received().stream().distinct()).containsExactly("first", "second message");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got first\n[UDPServer said]: got second message\n");
	}

	@Test
	void sendsWhatFollowsADoubleDashEvenIfItLooksLikeAnOption(CapturedOutput output) throws Exception {
		try (TestResponder responder = new TestResponder((text) -> List.of("got " + text))) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--", "-x", "--help", "-")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("-x", "--help", "-");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got -x\n[UDPServer said]: got --help\n"
				+ "[UDPServer said]: got -\n");
	}

	@Test
	void readsMessagesLineByLineFromStdinForADash(CapturedOutput output) throws Exception {
		InputStream stdin = System.in;
		System.setIn(new ByteArrayInputStream("one\n\ntwo\n".getBytes(StandardCharsets.UTF_8)));
		try (TestResponder responder = new TestResponder((text) -> List.of("got " + text))) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "-")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("one", "two");
		}
		finally {
			System.setIn(stdin);
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got one\n[UDPServer said]: got two\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--help", "-h" })
	void printsTheUsageWithTheDefaultsOnStdoutAndSendsNothing(String help, CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			assertThat(runClient("--udp.client.port=" + responder.port(), help, "a message")).isZero();
			assertThat(responder.received()).isEmpty();
		}
		UdpClientProperties defaults = Settings.client();
		assertThat(output.getOut()).startsWith("Usage: java -jar udp-socket.jar --spring.profiles.active=client")
			.contains("--udp.client.port=PORT", "(" + defaults.port() + ")", "(" + defaults.host() + ")",
					"--udp.client.max-backoff=DURATION", "-h, --help", "\n  2    usage error")
			.contains("(" + ClientConsole.duration(defaults.timeout()) + ")");
		assertThat(output.getErr()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-x | udp-socket: unknown option -x (see --help)",
			"--verbose | udp-socket: unknown option --verbose (see --help)",
			"--udp.client.prot=1 | udp-socket: unknown option --udp.client.prot: did you mean udp.client.port? (see --help)",
			"--udp.server.port=1 | udp-socket: --udp.server.port is not an option of the client (see --help)",
			"--udp.client.port=0 | udp-socket: invalid udp.client.port=0: must be greater than or equal to 1 (see --help)",
			"--udp.client.timeout=0s | udp-socket: invalid udp.client.timeout=0s: must be longer than or equal to 1 milli (see --help)",
			"--udp.client.retries=-1 | udp-socket: invalid udp.client.retries=-1: must be greater than or equal to 0 (see --help)",
			"--udp.client.backoff=5s | udp-socket: udp.client.backoff=5s is longer than udp.client.max-backoff=2s (see --help)",
			"--udp.client.message= | udp-socket: invalid udp.client.message=: must be 1 to 65507 bytes long in UTF-8 (see --help)" })
	void answersAMistakeWithOneLineAndTheUsageExitCodeSendingNothing(String argument, String line,
			CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			String[] args = argument.startsWith("--udp.client.port=") ? new String[] { argument }
					: new String[] { "--udp.client.port=" + responder.port(), argument };
			assertThat(runClient(args)).isEqualTo(2);
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
	void refusesAnUnknownPropertyFromAnySource(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.replying(Original.REPLY)) {
			int exit = SpringApplication.exit(new SpringApplicationBuilder(UdpSocketApplication.class).profiles("client")
				.properties(Map.of("udp.client.timout", "2s"))
				.run("--udp.client.port=" + responder.port()));
			assertThat(exit).isEqualTo(2);
			assertThat(responder.received()).isEmpty();
		}
		assertThat(output.getErr()).startsWith("udp-socket: unknown property udp.client.timout")
			.contains("did you mean udp.client.timeout?");
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
	void exitsOneWhenNoReplyComes(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.silent()) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--udp.client.timeout=100ms",
					"--udp.client.retries=1", "--udp.client.backoff=0ms")).isEqualTo(1);
			assertThat(output.getErr()).matches("No reply from 127\\.0\\.0\\.1:" + responder.port()
					+ " after 2 attempts in 0\\.\\d s \\(udp\\.client\\.timeout=100ms each\\)\n");
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
		try (TestResponder responder = new TestResponder((text) -> List.of("got " + text))) {
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

	static int runClient(String... args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UdpSocketApplication.class)
			.profiles("client")
			.run(args);
		return SpringApplication.exit(context);
	}

}
