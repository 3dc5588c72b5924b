package com.example.udpsocket.server;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server decides about a datagram before handling it, in order, without a
 * context: the reply of the defaults is 35 bytes, so with an amplification of 3 the
 * shortest datagram answered is 12 bytes.
 */
class DatagramTriageTests {

	static final int REPLY = 35;

	static final long NOW = 1_000_000_000L;

	@Test
	void answersADatagramLongEnoughForItsReplyAndRefusesAShorterOne() throws Exception {
		DatagramTriage triage = triage(Settings.server(), null);
		InetAddress sender = InetAddress.getByName("203.0.113.7");
		assertThat(triage.shortestAnswered()).isEqualTo(12);
		assertThat(triage.refusal(sender, 40000, 12, NOW)).isNull();
		// the original client's 17 bytes are answered from anywhere
		assertThat(triage.refusal(sender, 40000, 17, NOW)).isNull();
		assertThat(triage.refusal(sender, 40000, 11, NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(triage.refusal(sender, 40000, 1, NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
	}

	@Test
	void ignoresEmptyDatagramsAndThoseFromPortZeroAndCutOnesFirst() throws Exception {
		DatagramTriage triage = triage(Settings.server("max-datagram-size=100", "allowed-sources=10.0.0.0/8"),
				null);
		InetAddress outside = InetAddress.getByName("203.0.113.7");
		assertThat(triage.refusal(outside, 40000, 0, NOW)).isEqualTo(DatagramOutcome.EMPTY);
		assertThat(triage.refusal(outside, 0, 50, NOW)).isEqualTo(DatagramOutcome.SOURCE_PORT_ZERO);
		assertThat(triage.refusal(outside, 40000, 101, NOW)).isEqualTo(DatagramOutcome.TRUNCATED);
		assertThat(triage.refusal(outside, 40000, 50, NOW)).isEqualTo(DatagramOutcome.NOT_ALLOWED);
		assertThat(triage.refusal(InetAddress.getByName("10.1.2.3"), 40000, 100, NOW)).isNull();
	}

	@Test
	void exemptSendersAreNeitherLimitedNorHeldToTheAmplificationFactor() throws Exception {
		UdpServerProperties properties = Settings.server("rate-limit.rate=1", "rate-limit.burst=1",
				"rate-limit.exempt-sources=192.0.2.0/24");
		DatagramTriage triage = triage(properties, limiter(properties));
		InetAddress exempt = InetAddress.getByName("192.0.2.9");
		for (int i = 0; i < 10; i++) {
			assertThat(triage.refusal(exempt, 40000, 1, NOW)).isNull();
		}
		InetAddress other = InetAddress.getByName("198.51.100.9");
		assertThat(triage.refusal(other, 40000, 20, NOW)).isNull();
		assertThat(triage.refusal(other, 40000, 20, NOW)).isEqualTo(DatagramOutcome.RATE_LIMITED);
		// a refusal that costs nothing is decided before the limit, and takes nothing from it
		assertThat(triage.refusal(other, 40000, 5, NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(triage.refusal(other, 40000, 20, NOW + 1_000_000_000L)).isNull();
	}

	@Test
	void anAmplificationFactorOfOneAnswersOnlyDatagramsAsLongAsTheReply() throws Exception {
		DatagramTriage triage = triage(Settings.server("max-amplification=1"), null);
		InetAddress sender = InetAddress.getByName("203.0.113.7");
		assertThat(triage.refusal(sender, 40000, REPLY - 1, NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(triage.refusal(sender, 40000, REPLY, NOW)).isNull();
	}

	private static DatagramTriage triage(UdpServerProperties properties, PrefixRateLimiter limiter) {
		return new DatagramTriage(properties, REPLY, limiter);
	}

	private static PrefixRateLimiter limiter(UdpServerProperties properties) {
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		return new PrefixRateLimiter(limit.rate(), limit.burst(), limit.ipv4PrefixLength(), limit.ipv6PrefixLength(),
				limit.buckets(), 1, 2, 0);
	}

}
