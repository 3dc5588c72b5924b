package com.example.udpsocket.text;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses written as RFC 5952 asks, checked against the RFC's own examples. The inputs
 * are literals, which the JDK parses without any name lookup.
 */
class AddressTextTests {

	@ParameterizedTest(name = "{0} is written {1}")
	@CsvSource({
			// 4.1: no leading zeros
			"2001:0db8::0001, 2001:db8::1",
			"2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
			"2001:db8:aaaa:bbbb:cccc:dddd:eeee:001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
			// 4.2.1: :: as long as possible
			"2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
			"2001:db8:0:0:0::1, 2001:db8::1",
			"2001:db8:0:0::1, 2001:db8::1",
			"2001:db8:0::1, 2001:db8::1",
			// 4.2.2: one zero group is not compressed
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
			"2001:db8:aaaa:bbbb:cccc:dddd::1, 2001:db8:aaaa:bbbb:cccc:dddd:0:1",
			// 4.2.3: the longest run, the first one on a tie
			"2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
			"2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
			"2001:db8::aaaa:0:0:1, 2001:db8::aaaa:0:0:1",
			"2001:db8:0:0:aaaa::1, 2001:db8::aaaa:0:0:1",
			// 4.3: lowercase
			"2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:AAAA, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa",
			// the ends
			"0:0:0:0:0:0:0:0, ::",
			"0:0:0:0:0:0:0:1, ::1",
			"1:0:0:0:0:0:0:0, 1::",
			"fe80:0:0:0:0:0:0:0, fe80::",
			"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
			"1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
			"0:0:1:0:0:0:1:0, 0:0:1::1:0" })
	void writesIpv6AsRfc5952Asks(String literal, String expected) throws Exception {
		InetAddress address = InetAddress.getByName(literal);
		assertThat(address).isInstanceOf(Inet6Address.class);
		assertThat(AddressText.format(address)).isEqualTo(expected);
	}

	@Test
	void writesIpv4InDottedDecimal() throws Exception {
		assertThat(AddressText.format(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
		assertThat(AddressText.format(InetAddress.getByName("255.255.255.255"))).isEqualTo("255.255.255.255");
		assertThat(AddressText.format(InetAddress.getByName("0.0.0.0"))).isEqualTo("0.0.0.0");
		assertThat(AddressText.format(InetAddress.getByName("192.0.2.130"))).isEqualTo("192.0.2.130");
	}

	@Test
	void writesAnIpv4MappedAddressInMixedNotation() throws Exception {
		// RFC 5952 section 5; the JDK turns such a literal into an Inet4Address, so build the IPv6 one
		byte[] bytes = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1 };
		assertThat(AddressText.format(Inet6Address.getByAddress(null, bytes, -1))).isEqualTo("::ffff:192.0.2.1");
		assertThat(AddressText.format(0, 0xffff_c000_0201L, false)).isEqualTo("::ffff:192.0.2.1");
		// an IPv4-compatible address (deprecated) is not written in mixed notation
		assertThat(AddressText.format(0, 0xc000_0201L, false)).isEqualTo("::c000:201");
	}

	@Test
	void keepsTheScopeOfALinkLocalAddress() throws Exception {
		byte[] bytes = InetAddress.getByName("fe80::1").getAddress();
		assertThat(AddressText.format(Inet6Address.getByAddress(null, bytes, 3))).isEqualTo("fe80::1%3");
		assertThat(AddressText.format(Inet6Address.getByAddress(null, bytes, -1))).isEqualTo("fe80::1");
	}

	@Test
	void writesAddressAndPortWithoutBracketsAsTheOriginalExercisePrinted() throws Exception {
		assertThat(AddressText.format(InetAddress.getByName("::1"), 41075)).isEqualTo("::1:41075");
		assertThat(AddressText.format(InetAddress.getByName("127.0.0.1"), 50001)).isEqualTo("127.0.0.1:50001");
	}

	@Test
	void writesAddressesGivenAsTwoHalves() {
		assertThat(AddressText.format(0x2001_0db8_0000_0000L, 0x0000_0000_0000_0001L, false)).isEqualTo("2001:db8::1");
		assertThat(AddressText.format(0, 0xffff_0a00_0001L, true)).isEqualTo("10.0.0.1");
		assertThat(AddressText.format(0, 0, false)).isEqualTo("::");
	}

}
