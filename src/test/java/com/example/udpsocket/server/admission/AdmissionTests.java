package com.example.udpsocket.server.admission;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.server.admission.Admission;
import com.example.udpsocket.server.admission.PrefixRateLimiter;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets an answer, decided before a datagram is handled, rule by rule, without a
 * context: the reply of the defaults is 35 bytes, so with an amplification of 3 the
 * shortest datagram answered from another host is 12 bytes.
 */
class AdmissionTests {

	static final int REPLY = 35;

	static final int SHORTEST = 12;

	static final long NOW = 1_000_000_000L;

	static final InetSocketAddress IPV4_SERVER = new InetSocketAddress(address("192.0.2.1"), 50001);

	static final InetSocketAddress IPV6_SERVER = new InetSocketAddress(address("2001:db8::1"), 50001);

	@Test
	void answersADatagramLongEnoughForItsReplyAndRefusesAShorterOne() {
		Admission admission = admission(Settings.server(), IPV4_SERVER, null);
		InetAddress sender = address("203.0.113.7");
		assertThat(admission.refusal(sender, 40000, datagram(12), NOW)).isNull();
		// the original client's 17 bytes are answered from anywhere
		assertThat(admission.refusal(sender, 40000, datagram(17), NOW)).isNull();
		assertThat(admission.refusal(sender, 40000, datagram(11), NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(admission.refusal(sender, 40000, datagram(1), NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
	}

	@Test
	void ignoresEmptyDatagramsAndThoseFromPortZeroAndCutOnesFirst() {
		Admission admission = admission(Settings.server("max-datagram-size=100", "allowed-sources=10.0.0.0/8"),
				IPV4_SERVER, null);
		InetAddress outside = address("203.0.113.7");
		assertThat(admission.refusal(outside, 40000, datagram(0), NOW)).isEqualTo(DatagramOutcome.EMPTY);
		assertThat(admission.refusal(outside, 0, datagram(50), NOW)).isEqualTo(DatagramOutcome.SOURCE_PORT_ZERO);
		assertThat(admission.refusal(outside, 40000, datagram(101), NOW)).isEqualTo(DatagramOutcome.TRUNCATED);
		assertThat(admission.refusal(outside, 40000, datagram(50), NOW)).isEqualTo(DatagramOutcome.NOT_ALLOWED);
		assertThat(admission.refusal(address("10.1.2.3"), 40000, datagram(100), NOW)).isNull();
	}

	@Test
	void anIpv4SenderOnAnIpv6SocketIsForgedWhateverItClaims() {
		Admission admission = admission(Settings.server("rate-limit.exempt-sources=127.0.0.0/8"), IPV6_SERVER,
				null);
		// Java turns a source of ::ffff:127.0.0.1 into 127.0.0.1: loopback, exempt, the server's own
		assertThat(admission.refusal(address("127.0.0.1"), 50001, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.FORGED);
		assertThat(admission.refusal(address("10.200.0.77"), 40000, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.FORGED);
		assertThat(admission.refusal(address("2001:db8::7"), 40000, datagram(40), NOW)).isNull();
		// on an IPv4 socket an IPv4 sender is what it says
		assertThat(admission(Settings.server(), IPV4_SERVER, null).refusal(address("10.200.0.77"), 40000,
				datagram(40), NOW))
			.isNull();
	}

	@Test
	void neverAnswersItsOwnSocketAddress() {
		Admission ipv4 = admission(Settings.server(), IPV4_SERVER, null);
		assertThat(ipv4.refusal(IPV4_SERVER.getAddress(), 50001, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.OWN_ADDRESS);
		assertThat(ipv4.refusal(IPV4_SERVER.getAddress(), 50002, datagram(40), NOW)).isNull();
		Admission ipv6 = admission(Settings.server(), IPV6_SERVER, null);
		assertThat(ipv6.refusal(IPV6_SERVER.getAddress(), 50001, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.OWN_ADDRESS);
		// bound to every IPv4 interface: its own port on loopback or on any address of this host
		Admission wildcard = admission(Settings.server(), new InetSocketAddress(address("0.0.0.0"), 50001), null);
		assertThat(wildcard.refusal(address("127.0.0.1"), 50001, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.OWN_ADDRESS);
		assertThat(wildcard.refusal(address("127.0.0.2"), 50001, datagram(40), NOW))
			.isEqualTo(DatagramOutcome.OWN_ADDRESS);
		assertThat(wildcard.refusal(address("127.0.0.1"), 50002, datagram(40), NOW)).isNull();
	}

	@Test
	void refusesTheSourcePortsOfServicesThatAnswerEverything() {
		Admission admission = admission(Settings.server(), IPV4_SERVER, null);
		InetAddress peer = address("203.0.113.7");
		for (int port : new int[] { 7, 13, 19, 37, 53, 69, 123, 161, 1900, 5353, 11211 }) {
			assertThat(admission.refusal(peer, port, datagram(40), NOW)).as("port %d", port)
				.isEqualTo(DatagramOutcome.SERVICE_PORT);
		}
		assertThat(admission.refusal(peer, 1024, datagram(40), NOW)).isNull();
		Admission configured = admission(Settings.server("refused-source-ports=40000"), IPV4_SERVER, null);
		assertThat(configured.refusal(peer, 40000, datagram(40), NOW)).isEqualTo(DatagramOutcome.SERVICE_PORT);
		assertThat(configured.refusal(peer, 7, datagram(40), NOW)).isNull();
	}

	@Test
	void refusesADatagramThatIsExactlyItsOwnReply() {
		Admission admission = admission(Settings.server(), IPV4_SERVER, null);
		InetAddress peer = address("203.0.113.7");
		assertThat(admission.refusal(peer, 40000, text(Original.REPLY), NOW)).isEqualTo(DatagramOutcome.OWN_REPLY);
		assertThat(admission.refusal(peer, 40000, text(Original.REPLY + "!"), NOW)).isNull();
		assertThat(admission.refusal(peer, 40000, text("udpserver has received your message"), NOW)).isNull();
	}

	@Test
	void loopbackIsExemptFromTheAmplificationFactorOnlyAndOnlyUnlessTurnedOff() {
		UdpServerProperties properties = Settings.server("rate-limit.rate=1", "rate-limit.burst=1");
		Admission admission = admission(properties, IPV4_SERVER, limiter(properties));
		InetAddress loopback = address("127.0.0.1");
		assertThat(admission.refusal(loopback, 40000, datagram(2), NOW)).isNull();
		// never from the rate limit
		assertThat(admission.refusal(loopback, 40000, datagram(2), NOW)).isEqualTo(DatagramOutcome.RATE_LIMITED);
		assertThat(admission.refusal(address("::1"), 40000, datagram(2), NOW)).isNull();
		Admission strict = admission(Settings.server("exempt-loopback-from-amplification=false"), IPV4_SERVER, null);
		assertThat(strict.refusal(loopback, 40000, datagram(2), NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
	}

	@Test
	void exemptSendersAreNeitherLimitedNorHeldToTheAmplificationFactor() {
		UdpServerProperties properties = Settings.server("rate-limit.rate=1", "rate-limit.burst=1",
				"rate-limit.exempt-sources=192.0.2.0/24");
		Admission admission = admission(properties, IPV4_SERVER, limiter(properties));
		InetAddress exempt = address("192.0.2.9");
		for (int i = 0; i < 10; i++) {
			assertThat(admission.refusal(exempt, 40000, datagram(1), NOW)).isNull();
		}
		InetAddress other = address("198.51.100.9");
		assertThat(admission.refusal(other, 40000, datagram(20), NOW)).isNull();
		assertThat(admission.refusal(other, 40000, datagram(20), NOW)).isEqualTo(DatagramOutcome.RATE_LIMITED);
		// a refusal that costs nothing is decided before the limit, and takes nothing from it
		assertThat(admission.refusal(other, 40000, datagram(5), NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(admission.refusal(other, 40000, datagram(20), NOW + 1_000_000_000L)).isNull();
	}

	@Test
	void anAmplificationFactorOfOneAnswersOnlyDatagramsAsLongAsTheReply() {
		UdpServerProperties properties = Settings.server("max-amplification=1");
		Admission admission = new Admission(properties, IPV4_SERVER, reply(), REPLY, null);
		InetAddress sender = address("203.0.113.7");
		assertThat(admission.refusal(sender, 40000, datagram(REPLY - 1), NOW)).isEqualTo(DatagramOutcome.TOO_SHORT);
		assertThat(admission.refusal(sender, 40000, datagram(REPLY), NOW)).isNull();
	}

	@Test
	void holdsAHandlersReplyToTheFactorUnlessTheSenderIsExempt() {
		Admission admission = admission(Settings.server("rate-limit.exempt-sources=192.0.2.0/24"), IPV4_SERVER,
				null);
		assertThat(admission.withinAmplification(address("203.0.113.7"), 10, 30, 3)).isTrue();
		assertThat(admission.withinAmplification(address("203.0.113.7"), 10, 31, 3)).isFalse();
		assertThat(admission.withinAmplification(address("192.0.2.9"), 10, 1000, 3)).isTrue();
		assertThat(admission.withinAmplification(address("127.0.0.1"), 10, 1000, 3)).isTrue();
	}

	private static Admission admission(UdpServerProperties properties, InetSocketAddress local,
			PrefixRateLimiter limiter) {
		return new Admission(properties, local, reply(), SHORTEST, limiter);
	}

	private static byte[] reply() {
		return Original.REPLY.getBytes(StandardCharsets.UTF_8);
	}

	private static PrefixRateLimiter limiter(UdpServerProperties properties) {
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		return new PrefixRateLimiter(limit.rate(), limit.burst(), limit.ipv4PrefixLength(), limit.ipv6PrefixLength(),
				limit.buckets(), 1, 2, 0);
	}

	private static ByteBuffer datagram(int length) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, (byte) 'x');
		return ByteBuffer.wrap(bytes);
	}

	private static ByteBuffer text(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
