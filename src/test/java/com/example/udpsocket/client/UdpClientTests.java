package com.example.udpsocket.client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Settings;
import com.example.udpsocket.support.TestResponder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One exchange of the client's socket against a stand-in server: replies, retries with
 * capped and jittered pauses, late replies, and bounded waits.
 */
class UdpClientTests {

	static UdpClientProperties properties(int port, String... settings) {
		List<String> all = new ArrayList<>(List.of("port=" + port));
		all.addAll(List.of(settings));
		return Settings.client(all.toArray(String[]::new));
	}

	@Test
	void returnsTheReply() throws Exception {
		try (TestResponder responder = TestResponder.replying("pong");
				UdpClient client = new UdpClient(properties(responder.port(), "timeout=2s"))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
			assertThat(responder.received()).isNotEmpty().containsOnly("ping");
		}
	}

	@Test
	void recoversALostFirstDatagramByRetrying() throws Exception {
		try (TestResponder responder = TestResponder.losingFirst(1, "pong");
				UdpClient client = new UdpClient(properties(responder.port(), "timeout=300ms", "backoff=10ms"))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
			// the first swallowed, a retry answered
			assertThat(responder.received()).hasSizeGreaterThanOrEqualTo(2).containsOnly("ping");
		}
	}

	@Test
	void givesUpAfterEveryAttemptSayingHowLongItWaitedInAll() throws Exception {
		try (TestResponder responder = TestResponder.silent();
				UdpClient client = new UdpClient(
						properties(responder.port(), "timeout=200ms", "retries=2", "backoff=20ms"))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.withMessageMatching("No reply from 127\\.0\\.0\\.1:" + responder.port()
						+ " after 3 attempts in 0\\.\\d s \\(udp\\.client\\.timeout=200ms each\\)")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.NO_REPLY));
			// three waits of 200 ms and pauses of at least half of 20 and 40 ms
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(630));
			// three sent; on loopback one could still be lost before the responder reads it
			assertThat(responder.received()).hasSizeBetween(1, 3);
		}
	}

	@Test
	void pausesDoubleUpToTheCapWithJitterAndNeverOverflow() throws Exception {
		// a hundred retries: an uncapped doubling pause would overflow long before the last
		try (TestResponder responder = TestResponder.silent();
				UdpClient client = new UdpClient(properties(responder.port(), "timeout=1ms", "retries=100",
						"backoff=1ms", "max-backoff=4ms"), new SplittableRandom(1))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.withMessageContaining("after 101 attempts");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			// 100 pauses of at least half of the 4 ms cap (all but the first two), at most the cap
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(98 * 2)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void reportsPromptlyThatNothingListens() throws Exception {
		int port = Datagrams.unusedPort();
		try (UdpClient client = new UdpClient(properties(port, "timeout=5s", "retries=2", "backoff=10ms"))) {
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
				UdpClient client = new UdpClient(properties(responder.port()))) {
			assertThatExceptionOfType(ExchangeFailedException.class)
				.isThrownBy(() -> client.exchange(new byte[70_000]))
				.withMessageStartingWith("Cannot send to 127.0.0.1:" + responder.port() + ": ")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.CANNOT_SEND));
		}
	}

	@Test
	void takesNoLateReplyForTheNextMessagesAnswer() throws Exception {
		// every answer comes 700 ms late, after the 500 ms wait: m1 is answered on its retry by the
		// late reply to its first datagram, and the late reply to its retry must not pass for m2's
		try (TestResponder responder = new TestResponder((text) -> List.of("R:" + text), Duration.ofMillis(700));
				UdpClient client = new UdpClient(
						properties(responder.port(), "timeout=500ms", "retries=3", "backoff=0ms"))) {
			List<String> replies = new ArrayList<>();
			for (String message : List.of("m1", "m2", "m3")) {
				replies.add(new String(client.exchange(bytes(message)), StandardCharsets.UTF_8));
			}
			assertThat(replies).containsExactly("R:m1", "R:m2", "R:m3");
		}
	}

	@Test
	void skipsAnEmptyDatagramAndTakesTheRealReply() throws Exception {
		// what a UDP proxy sends when the server behind it is gone, followed here by a real answer
		try (TestResponder responder = new TestResponder((text) -> List.of("", "pong"));
				UdpClient client = new UdpClient(properties(responder.port(), "timeout=2s"))) {
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
		}
	}

	@Test
	void takesOnlyEmptyDatagramsForNoReply() throws Exception {
		try (TestResponder responder = new TestResponder((text) -> List.of(""));
				UdpClient client = new UdpClient(properties(responder.port(), "timeout=200ms", "retries=1"))) {
			assertThatExceptionOfType(ExchangeFailedException.class).isThrownBy(() -> client.exchange(bytes("ping")))
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.NO_REPLY));
		}
	}

	@Test
	void sendsToTheAddressOfTheFamilyAskedFor() throws Exception {
		try (TestResponder responder = new TestResponder(new InetSocketAddress("::1", 0), (text) -> List.of("pong"));
				UdpClient client = new UdpClient(properties(responder.port(), "host=::1", "family=ipv6"))) {
			assertThat(client.server()).isEqualTo(new InetSocketAddress("::1", responder.port()));
			assertThat(client.exchange(bytes("ping"))).isEqualTo(bytes("pong"));
		}
	}

	@Test
	void refusesAHostWithoutAnAddressOfTheFamilyAskedForSendingNothing() {
		assertThatExceptionOfType(ExchangeFailedException.class)
			.isThrownBy(() -> new UdpClient(properties(50001, "host=127.0.0.1", "family=ipv6")))
			.withMessage("Cannot send to 127.0.0.1:50001: 127.0.0.1 has no IPv6 address")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ClientExitCode.CANNOT_SEND));
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
