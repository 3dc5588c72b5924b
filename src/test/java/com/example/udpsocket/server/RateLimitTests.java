package com.example.udpsocket.server;

import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static com.example.udpsocket.support.Timeouts.await;

/**
 * Per-sender limits and allowed sources: a sender over its limit is cut to it while
 * another is still answered, and a sender outside the allowed blocks gets nothing; both
 * are counted, and logged once rather than once per datagram.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTests {

	/** Loopback senders are exempt by default; these tests' senders are all loopback addresses. */
	static final String NO_EXEMPTIONS = "--udp.server.rate-limit.exempt-sources=";

	@Test
	void cutsOneSenderToItsLimitWhileAnotherIsStillAnswered(CapturedOutput output) throws Exception {
		int rate = 50;
		int burst = 20;
		try (TestServer server = TestServer.start(NO_EXEMPTIONS, "--udp.server.rate-limit.rate=" + rate,
				"--udp.server.rate-limit.burst=" + burst, "--logging.level.com.example.udpsocket.server.ReplyActivator=warn");
				DatagramChannel greedy = Datagrams.connectedFrom("127.0.0.1", server.port());
				DatagramChannel other = Datagrams.connectedFrom("127.0.0.2", server.port())) {
			int sent = 1_000;
			long start = System.nanoTime();
			// in chunks the socket buffer holds, each accounted for before the next goes out
			for (int chunk = 0; chunk < sent / 50; chunk++) {
				for (int i = 0; i < 50; i++) {
					greedy.write(ByteBuffer.wrap(("greedy " + i).getBytes(StandardCharsets.UTF_8)));
				}
				long expected = (chunk + 1) * 50L;
				await().until(() -> server.arrived() == expected);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long replied = server.count(DatagramOutcome.REPLIED);
			long limited = server.count(DatagramOutcome.RATE_LIMITED);
			System.out.printf("rate limit %d/s burst %d: %d sent in %.3f s, %d replied, %d rate-limited%n", rate, burst,
					sent, seconds, replied, limited);
			// what the kernel did not drop, the server answered or limited
			assertThat(replied + limited).isEqualTo(server.accounted());
			assertThat(server.accounted() + server.kernelDrops()).isEqualTo(sent);
			assertThat(replied).isBetween((long) burst, (long) Math.ceil(burst + rate * (seconds + 0.1)));
			assertThat(Datagrams.exchange(other, "me too")).isEqualTo(Original.REPLY);
			await().until(() -> output.toString().contains("[Client 127.0.0.1] over the rate limit (udp.server.rate-limit)"));
			assertThat(output.toString().split("over the rate limit", -1)).hasSizeLessThanOrEqualTo(2);
		}
	}

	@Test
	void answersOnlyAllowedSourcesAndCountsTheOthers(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.allowed-sources=127.0.0.2/32, ::1");
				DatagramChannel allowed = Datagrams.connectedFrom("127.0.0.2", server.port());
				DatagramChannel refused = Datagrams.connectedFrom("127.0.0.3", server.port())) {
			// never answered, so sent until the server has counted two
			await().until(() -> {
				Datagrams.send(refused, "let me in");
				return server.count(DatagramOutcome.NOT_ALLOWED) >= 2;
			});
			assertThat(Datagrams.exchange(allowed, "hello")).isEqualTo(Original.REPLY);
			assertThat(Datagrams.pending(refused)).isFalse();
			await().until(() -> output.toString().contains("[Client 127.0.0.3] not in udp.server.allowed-sources"));
		}
	}

	@Test
	void neverLimitsExemptSenders() throws Exception {
		try (TestServer server = TestServer.start("--udp.server.rate-limit.rate=1",
				"--udp.server.rate-limit.burst=1", "--logging.level.com.example.udpsocket.server.ReplyActivator=warn");
				DatagramChannel local = Datagrams.connectedTo(server.port())) {
			// 127.0.0.0/8 is exempt by default: a local client is never limited
			for (int i = 0; i < 20; i++) {
				assertThat(Datagrams.exchange(local, "local " + i)).isEqualTo(Original.REPLY);
			}
			assertThat(server.count(DatagramOutcome.RATE_LIMITED)).isZero();
		}
	}

	@Test
	void failsToStartOnAMalformedAllowedSource(CapturedOutput output) {
		org.assertj.core.api.Assertions.assertThatException()
			.isThrownBy(() -> TestServer.start("--udp.server.allowed-sources=10.0.0.0/33"));
		await().until(() -> output.toString().contains("APPLICATION FAILED TO START"));
		assertThat(output.toString()).contains("udp.server.allowed-sources").contains("10.0.0.0/33");
	}

	@Test
	void boundsTheMemoryForManyForgedSenders() throws Exception {
		int maxSources = 200;
		int senders = 1_000;
		try (TestServer server = TestServer.start(NO_EXEMPTIONS, "--udp.server.rate-limit.max-sources=" + maxSources,
				"--logging.level.com.example.udpsocket.server.ReplyActivator=warn")) {
			SenderAdmission admission = server.bean(SenderAdmission.class);
			int maxTracked = 0;
			// a different loopback address for every sender: 127.0.1.0 to 127.0.4.231
			for (int i = 0; i < senders; i++) {
				String address = "127.0." + (1 + i / 250) + "." + (i % 250 + 1);
				try (DatagramChannel sender = Datagrams.connectedFrom(address, server.port())) {
					Datagrams.send(sender, "from " + address);
				}
				maxTracked = Math.max(maxTracked, admission.trackedSources());
			}
			await().until(() -> server.arrived() == senders);
			System.out.printf("forged senders: %d distinct addresses, at most %d tracked (max-sources %d)%n", senders,
					maxTracked, maxSources);
			assertThat(maxTracked).isLessThanOrEqualTo(maxSources);
			assertThat(admission.trackedSources()).isEqualTo(maxSources);
			// the untracked ones share one bucket, which a thousand single datagrams do not exhaust
			assertThat(server.count(DatagramOutcome.REPLIED)).isEqualTo(server.accounted());
		}
	}

}
