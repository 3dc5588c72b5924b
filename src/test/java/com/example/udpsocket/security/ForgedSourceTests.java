package com.example.udpsocket.security;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Figures;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged source addresses that would make the server answer where it must not, sent as an
 * attacker on the server's link sends them: raw frames from {@link AttackNetwork}'s
 * namespace to a server of this JVM (in-process: its outcomes are read directly, and the
 * server lives on this host's end of the link, where nothing but the test's own link
 * reaches it). An IPv6 packet from an IPv4-mapped address ({@code ::ffff:a.b.c.d}) is
 * delivered to an IPv6 socket by Linux since 5.12 (which took back the check 4.14 had put
 * into {@code ip6_rcv_core}), and Java reports its sender as IPv4; the server must refuse
 * it before any rule that trusts an IPv4 address. A datagram from the server's own address
 * and port must not make it answer itself. Each test has a legitimate client on the same
 * link answered by the same server, so that "no reply" cannot come from a broken link.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForgedSourceTests {

	/** Sent again each time it has not been counted after this long: a datagram can be lost. */
	static final Duration RESEND = Duration.ofMillis(500);

	@RegisterExtension
	static final AttackNetwork.ForTestClass LINK = new AttackNetwork.ForTestClass();

	@Test
	void anIpv4MappedLoopbackSourceWithTheServersOwnPortIsRefusedAsForged(CapturedOutput output) {
		try (TestServer server = TestServer.start("--udp.server.host=" + Family.IPV6.server)) {
			String payload = "from ::ffff:127.0.0.1 to itself";
			long kernelRefusedBefore = LINK.network().ipv6Counter("Ip6InHdrErrors");
			untilCounted(() -> server.count("forged") > 0
					|| LINK.network().ipv6Counter("Ip6InHdrErrors") > kernelRefusedBefore,
					() -> LINK.network().forgeOne("::ffff:127.0.0.1", server.port(), Family.IPV6.server, server.port(),
							payload));
			String refusedBy = (server.count("forged") > 0) ? "the server (outcome forged)"
					: "the kernel (Ip6InHdrErrors of the link)";
			Figures.SECURITY.print("an IPv6 datagram from ::ffff:127.0.0.1 with the server's own port: refused by %s",
					refusedBy);
			answersTheLegitimateClient(server, Family.IPV6, output);
			assertThat(output).doesNotContain("said]:" + payload);
			assertThat(server.count("failed")).as("replies that failed, such as one to ::ffff:127.0.0.1").isZero();
			assertThat(server.accounted()).as("every datagram forged or answered")
				.isEqualTo(server.count("forged") + server.count("replied"));
		}
	}

	@Test
	void anIpv4MappedSourceInsideTheAllowlistIsRefusedAsForged(CapturedOutput output) {
		String allowed = "--udp.server.allowed-sources=10.200.0.0/24,fd53:ec:0:c800::/56";
		try (TestServer server = TestServer.start("--udp.server.host=" + Family.IPV6.server, allowed)) {
			String mapped = "from ::ffff:10.200.0.77, inside 10.200.0.0/24";
			untilCounted(() -> server.count("forged") > 0, () -> LINK.network().forgeOne("::ffff:10.200.0.77", 40077,
					Family.IPV6.server, server.port(), mapped));
			// the allowlist is in force: an IPv6 sender outside it is refused, by it
			String outside = "from fd53:ec:0:100::77, outside the allowlist";
			untilCounted(() -> server.count("not_allowed") > 0, () -> LINK.network().forgeOne("fd53:ec:0:100::77", 40077,
					Family.IPV6.server, server.port(), outside));
			answersTheLegitimateClient(server, Family.IPV6, output);
			assertThat(output).doesNotContain("said]:" + mapped).doesNotContain("said]:" + outside);
			assertThat(server.count("failed")).isZero();
			assertThat(server.accounted())
				.isEqualTo(server.count("forged") + server.count("not_allowed") + server.count("replied"));
		}
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void aDatagramFromTheServersOwnAddressAndPortIsNotAnswered(Family family, CapturedOutput output) {
		try (TestServer server = TestServer.start("--udp.server.host=" + family.server)) {
			String payload = "from the server's own socket, " + family;
			untilCounted(() -> server.count("own_address") > 0, () -> LINK.network().forgeOne(family.server,
					server.port(), family.server, server.port(), payload));
			answersTheLegitimateClient(server, family, output);
			assertThat(output).doesNotContain("said]:" + payload);
			// an answer would have come back to the server itself, as one more datagram
			assertThat(server.accounted()).isEqualTo(server.count("own_address") + server.count("replied"));
			assertThat(server.count("failed")).isZero();
		}
	}

	/**
	 * The legitimate client on the link is answered, and its line is logged: the console
	 * writes in order, so a line for any datagram before it would be there by now.
	 */
	private void answersTheLegitimateClient(TestServer server, Family family, CapturedOutput output) {
		PeerOutput client = LINK.network().exchange(family, server.port(), "--count", "1", "--tries", "10",
				"--timeout", "0.5", "--payload", "legitimate " + family);
		assertThat(client.count("answered")).as("the legitimate client's exchange answered").isEqualTo(1);
		assertThat(client.line()).contains(Original.REPLY);
		await().until(() -> output.toString().contains(" said]:legitimate " + family + " 00001"));
	}

	/** Sends with {@code send} until {@code counted}, again after each {@link #RESEND} without. */
	static void untilCounted(BooleanSupplier counted, Runnable send) {
		await().pollInterval(RESEND).until(() -> {
			if (counted.getAsBoolean()) {
				return true;
			}
			send.run();
			return false;
		});
	}

}
