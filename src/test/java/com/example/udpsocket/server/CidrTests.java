package com.example.udpsocket.server;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * CIDR blocks as {@code udp.server.allowed-sources} and the rate limit's exemptions read them.
 */
class CidrTests {

	@Test
	void matchesAddressesInsideAnIpv4Block() throws Exception {
		Cidr block = Cidr.of("10.1.0.0/16");
		assertThat(block.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
		assertThat(block).hasToString("10.1.0.0/16");
	}

	@Test
	void masksHostBitsAndTakesABareAddressAsABlockOfOne() throws Exception {
		assertThat(Cidr.of("192.168.7.9/24")).isEqualTo(Cidr.of("192.168.7.0/24"));
		assertThat(Cidr.of("127.0.0.2").contains(InetAddress.getByName("127.0.0.2"))).isTrue();
		assertThat(Cidr.of("127.0.0.2").contains(InetAddress.getByName("127.0.0.3"))).isFalse();
		assertThat(Cidr.of("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.5"))).isTrue();
	}

	@Test
	void keepsIpv4AndIpv6Apart() throws Exception {
		assertThat(Cidr.of("::1").contains(InetAddress.getByName("::1"))).isTrue();
		assertThat(Cidr.of("fd00::/8").contains(InetAddress.getByName("fd12:3456::1"))).isTrue();
		assertThat(Cidr.of("::/0").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(Cidr.of("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
	}

	@Test
	void refusesWhatIsNotABlockWithoutLookingUpNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/33")).withMessageContaining("0-32");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::1/129")).withMessageContaining("0-128");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("localhost")).withMessageContaining("not an IP");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("cafe")).withMessageContaining("not an IP");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(""));
	}

}
