package com.example.udpsocket.server.admission;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.server.admission.SenderAddress;
import com.example.udpsocket.support.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender's address as two longs, read without allocating for IPv4.
 */
class SenderAddressTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "127.0.0.1", "10.1.2.3", "128.0.0.0", "192.168.255.1", "203.0.113.254",
			"255.255.255.255" })
	void readsIpv4ThroughHashCodeBecauseTheJdkDefinesItAsTheAddress(String literal) throws Exception {
		InetAddress address = InetAddress.getByName(literal);
		assertThat(address).isInstanceOf(Inet4Address.class);
		// if this fails, the JDK changed Inet4Address.hashCode(): SenderAddress.set must read getAddress()
		assertThat(address.hashCode()).isEqualTo(ByteBuffer.wrap(address.getAddress()).getInt());
	}

	@Test
	void keepsIpv4InItsMappedForm() throws Exception {
		SenderAddress sender = SenderAddress.of(InetAddress.getByName("192.0.2.1"));
		assertThat(sender.isIpv4()).isTrue();
		assertThat(sender.high()).isZero();
		assertThat(sender.low()).isEqualTo(0x0000ffff_c0000201L);
		assertThat(sender).hasToString("192.0.2.1");
	}

	@Test
	void readsIpv6AsTwoHalves() throws Exception {
		SenderAddress sender = SenderAddress.of(InetAddress.getByName("2001:db8:1:2:3:4:5:6"));
		assertThat(sender.isIpv4()).isFalse();
		assertThat(sender.high()).isEqualTo(0x2001_0db8_0001_0002L);
		assertThat(sender.low()).isEqualTo(0x0003_0004_0005_0006L);
		assertThat(sender).hasToString("2001:db8:1:2:3:4:5:6");
		assertThat(SenderAddress.of(InetAddress.getByName("ffff::fffe")).low()).isEqualTo(0xfffeL);
	}

	@Test
	void anIpv6AddressThatHoldsAMappedAddressStaysIpv6() throws Exception {
		byte[] bytes = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1 };
		SenderAddress sender = SenderAddress.of(Inet6Address.getByAddress(null, bytes, -1));
		assertThat(sender.isIpv4()).isFalse();
		assertThat(sender.low()).isEqualTo(SenderAddress.of(InetAddress.getByName("10.0.0.1")).low());
	}

	@Test
	void isReusedForEverySender() throws Exception {
		SenderAddress sender = SenderAddress.of(InetAddress.getByName("::1"));
		sender.set(InetAddress.getByName("10.0.0.1"));
		assertThat(sender.isIpv4()).isTrue();
		assertThat(sender).hasToString("10.0.0.1");
		sender.set(InetAddress.getByName("fd00::1"));
		assertThat(sender.isIpv4()).isFalse();
		assertThat(sender).hasToString("fd00::1");
	}

	@Test
	void readsIpv4WithoutAllocating() throws Exception {
		InetAddress[] addresses = { InetAddress.getByName("10.0.0.1"), InetAddress.getByName("192.0.2.77") };
		SenderAddress sender = new SenderAddress();
		long[] sum = new long[1];
		long allocated = Allocations.measure(() -> {
			for (int i = 0; i < 100_000; i++) {
				sender.set(addresses[i & 1]);
				sum[0] += sender.low();
			}
		});
		assertThat(sum[0]).isNotZero();
		assertThat(allocated).isLessThan(4096);
	}

}
