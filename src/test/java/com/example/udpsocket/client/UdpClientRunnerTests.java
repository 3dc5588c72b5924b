package com.example.udpsocket.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.UdpSocketApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The client profile as a user runs it: messages in, reply lines on stdout and nothing
 * else, one error line on stderr, and an exit code that says what happened.
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
		try (TestResponder responder = new TestResponder((text) -> java.util.List.of("got " + text))) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "first", "second message")).isZero();
			// in order; a retry would repeat a message, never reorder them
			assertThat(responder.received().stream().distinct()).containsExactly("first", "second message");
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got first\n[UDPServer said]: got second message\n");
	}

	@Test
	void readsMessagesLineByLineFromStdinForADash(CapturedOutput output) throws Exception {
		InputStream stdin = System.in;
		System.setIn(new ByteArrayInputStream("one\n\ntwo\n".getBytes(StandardCharsets.UTF_8)));
		try (TestResponder responder = new TestResponder((text) -> java.util.List.of("got " + text))) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "-")).isZero();
			assertThat(responder.received().stream().distinct()).containsExactly("one", "two");
		}
		finally {
			System.setIn(stdin);
		}
		assertThat(output.getOut()).isEqualTo("[UDPServer said]: got one\n[UDPServer said]: got two\n");
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
	void exitsTwoWhenNoReplyComes(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.silent()) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--udp.client.timeout=100ms",
					"--udp.client.retries=1", "--udp.client.backoff=0")).isEqualTo(2);
			assertThat(output.getErr()).isEqualTo("No reply from 127.0.0.1:" + responder.port()
					+ " after 2 attempts (udp.client.timeout=100ms each)\n");
		}
		assertThat(output.getOut()).isEmpty();
	}

	@Test
	void stopsAtTheFirstUnansweredMessage(CapturedOutput output) throws Exception {
		try (TestResponder responder = TestResponder.losingFirst(1, "late")) {
			assertThat(runClient("--udp.client.port=" + responder.port(), "--udp.client.timeout=100ms",
					"--udp.client.retries=0", "first", "second")).isEqualTo(2);
			assertThat(responder.received()).doesNotContain("second");
		}
		assertThat(output.getOut()).isEmpty();
	}

	@Test
	void failsToStartOnAnInvalidTimeoutNamingThePropertyOnStderr(CapturedOutput output) {
		assertThatException().isThrownBy(() -> runClient("--udp.client.timeout=-1s"));
		assertThat(output.getOut()).isEmpty();
		assertThat(output.getErr()).contains("APPLICATION FAILED TO START").contains("udp.client.timeout");
		assertThat(output.getErr()).doesNotContain("\tat ");
	}

	@Test
	void failsToStartOnANegativeRetryCount(CapturedOutput output) {
		assertThatException().isThrownBy(() -> runClient("--udp.client.retries=-1"));
		assertThat(output.getErr()).contains("APPLICATION FAILED TO START").contains("udp.client.retries");
	}

	static int runClient(String... args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UdpSocketApplication.class)
			.profiles("client")
			.run(args);
		return SpringApplication.exit(context);
	}

}
