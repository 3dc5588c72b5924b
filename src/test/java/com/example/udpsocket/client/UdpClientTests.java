package com.example.udpsocket.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ClientSettings;
import com.example.udpsocket.support.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static com.example.udpsocket.support.Timeouts.await;

/**
 * One exchange of the client's socket against a stand-in server: replies, retries, and
 * bounded waits.
 */
class UdpClientTests {

	static UdpClientProperties properties(int port, Duration timeout, int retries, Duration backoff) {
		return ClientSettings.with("port=" + port, "timeout=" + timeout.toMillis() + "ms", "retries=" + retries,
				"backoff=" + backoff.toMillis() + "ms");
	}

	@Test
	void returnsTheReply() throws Exception {
		try (TestResponder responder = TestResponder.replying("pong");
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofSeconds(2), 3, Duration.ZERO))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
			assertThat(responder.received()).isNotEmpty().containsOnly("ping");
		}
	}

	@Test
	void recoversALostFirstDatagramByRetrying() throws Exception {
		try (TestResponder responder = TestResponder.losingFirst(1, "pong");
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofMillis(300), 3, Duration.ofMillis(10)))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
			// the first swallowed, a retry answered
			assertThat(responder.received()).hasSizeGreaterThanOrEqualTo(2).containsOnly("ping");
		}
	}

	@Test
	void givesUpAfterEveryAttemptWithinTheTimeoutsAndPauses() throws Exception {
		Duration timeout = Duration.ofMillis(200);
		try (TestResponder responder = TestResponder.silent();
				UdpClient client = new UdpClient(properties(responder.port(), timeout, 2, Duration.ofMillis(20)))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.withMessage("No reply from 127.0.0.1:" + responder.port() + " after 3 attempts (udp.client.timeout=200ms each)")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.NO_REPLY));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			// three waits of 200 ms and pauses of 20 + 40 ms; the upper bound leaves room for a slow machine
			assertThat(elapsed).isBetween(Duration.ofMillis(600), Duration.ofMillis(600 + 60 + 1_500));
			// three sent; on loopback one could still be lost before the responder reads it
			assertThat(responder.received()).hasSizeBetween(1, 3);
		}
	}

	@Test
	void reportsPromptlyThatNothingListens() throws Exception {
		int port = Datagrams.unusedPort();
		try (UdpClient client = new UdpClient(properties(port, Duration.ofSeconds(5), 2, Duration.ofMillis(10)))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.withMessage("Nothing listening at 127.0.0.1:" + port + " (port unreachable, 3 attempts)")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.NOTHING_LISTENING));
			// far less than one 5 s timeout: the kernel's "port unreachable" ends each attempt
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void refusesAMessageTooLongForOneDatagram() throws Exception {
		try (TestResponder responder = TestResponder.replying("pong");
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofSeconds(1), 0, Duration.ZERO))) {
			assertThatExceptionOfType(ExchangeFailedException.class)
				.isThrownBy(() -> client.exchange(new byte[70_000]))
				.withMessageStartingWith("Cannot send to 127.0.0.1:" + responder.port() + ": ")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.CANNOT_SEND));
		}
	}

	@Test
	void takesNoLeftoverReplyForTheNextMessagesAnswer() throws Exception {
		// answers every datagram twice: the second answer to "one" must not pass for the answer to "two"
		try (TestResponder responder = new TestResponder((text) -> List.of("re: " + text, "re: " + text));
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofSeconds(2), 3, Duration.ZERO))) {
			assertThat(client.exchange(bytes("one"))).isEqualTo(bytes("re: one"));
			await().until(() -> responder.sent() >= 2);
			assertThat(client.exchange(bytes("two"))).isEqualTo(bytes("re: two"));
		}
	}

	@Test
	void skipsAnEmptyDatagramAndTakesTheRealReply() throws Exception {
		// what a UDP proxy sends when the server behind it is gone, followed here by a real answer
		try (TestResponder responder = new TestResponder((text) -> List.of("", "pong"));
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofSeconds(2), 3, Duration.ZERO))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
		}
	}

	@Test
	void takesOnlyEmptyDatagramsForNoReply() throws Exception {
		try (TestResponder responder = new TestResponder((text) -> List.of(""));
				UdpClient client = new UdpClient(properties(responder.port(), Duration.ofMillis(200), 1, Duration.ZERO))) {
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.NO_REPLY));
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
