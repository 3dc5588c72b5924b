package com.example.udpsocket.server.admission;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.server.admission.Cidr;
import com.example.udpsocket.server.admission.SenderAddress;
import com.example.udpsocket.support.Allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * CIDR blocks as {@code udp.server.allowed-sources} and the rate limit's exemptions read
 * them: literals only, with a prefix length, without host bits. The test's own addresses
 * are literals too, which the JDK parses without a name lookup.
 */
class CidrTests {

	@Test
	void matchesAddressesInsideAnIpv4Block() throws Exception {
		Cidr block = Cidr.of("10.1.0.0/16");
		assertThat(block.contains(sender("10.1.255.7"))).isTrue();
		assertThat(block.contains(sender("10.1.0.0"))).isTrue();
		assertThat(block.contains(sender("10.2.0.1"))).isFalse();
		assertThat(block.contains(sender("10.0.255.255"))).isFalse();
		assertThat(block).hasToString("10.1.0.0/16");
		assertThat(block.isIpv4()).isTrue();
		assertThat(block.prefixLength()).isEqualTo(16);
	}

	@Test
	void matchesAtTheIpv4Boundaries() throws Exception {
		assertThat(Cidr.of("0.0.0.0/0").contains(sender("203.0.113.5"))).isTrue();
		assertThat(Cidr.of("0.0.0.0/0").contains(sender("255.255.255.255"))).isTrue();
		assertThat(Cidr.of("127.0.0.2/32").contains(sender("127.0.0.2"))).isTrue();
		assertThat(Cidr.of("127.0.0.2/32").contains(sender("127.0.0.3"))).isFalse();
		assertThat(Cidr.of("128.0.0.0/1").contains(sender("255.0.0.1"))).isTrue();
		assertThat(Cidr.of("128.0.0.0/1").contains(sender("127.255.255.255"))).isFalse();
		assertThat(Cidr.of("10.0.0.0/31").contains(sender("10.0.0.1"))).isTrue();
		assertThat(Cidr.of("10.0.0.0/31").contains(sender("10.0.0.2"))).isFalse();
		assertThat(Cidr.of("255.255.255.255/32")).hasToString("255.255.255.255/32");
	}

	@Test
	void keepsIpv4AndIpv6Apart() throws Exception {
		assertThat(Cidr.of("::/0").contains(sender("127.0.0.1"))).isFalse();
		assertThat(Cidr.of("::/0").contains(sender("::1"))).isTrue();
		assertThat(Cidr.of("0.0.0.0/0").contains(sender("::1"))).isFalse();
		// the mapped form is how IPv4 is stored, yet an IPv6 block of it does not match IPv4 senders
		assertThat(Cidr.of("::ffff:10.0.0.0/104").contains(sender("10.0.0.1"))).isFalse();
		assertThat(Cidr.of("::ffff:10.0.0.0/104")).isNotEqualTo(Cidr.of("10.0.0.0/8"));
	}

	@Test
	void readsIpv6Forms() throws Exception {
		assertThat(Cidr.of("::1/128").contains(sender("::1"))).isTrue();
		assertThat(Cidr.of("::1/128").contains(sender("::2"))).isFalse();
		assertThat(Cidr.of("fd00::/8").contains(sender("fd12:3456::1"))).isTrue();
		assertThat(Cidr.of("fd00::/8").contains(sender("fe80::1"))).isFalse();
		assertThat(Cidr.of("2001:db8::/32").contains(sender("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
		assertThat(Cidr.of("2001:db8::/32").contains(sender("2001:db9::"))).isFalse();
		assertThat(Cidr.of("2001:0db8:0000:0000:0000:0000:0000:0000/32")).isEqualTo(Cidr.of("2001:db8::/32"));
		assertThat(Cidr.of("2001:DB8:0:0:0:0:0:AB/128")).hasToString("2001:db8::ab/128");
		assertThat(Cidr.of("fe80::/64").contains(sender("fe80::ffff:ffff:ffff:ffff"))).isTrue();
		assertThat(Cidr.of("fe80::/64").contains(sender("fe80:0:0:1::"))).isFalse();
		assertThat(Cidr.of("2001:db8::8000:0:0:0/65").contains(sender("2001:db8::ffff:0:0:1"))).isTrue();
		assertThat(Cidr.of("2001:db8::8000:0:0:0/65").contains(sender("2001:db8::7fff:0:0:1"))).isFalse();
	}

	@ParameterizedTest(name = "{0} is written {1}")
	@CsvSource({ "::/0, ::/0", "::1/128, ::1/128", "fd00::/8, fd00::/8", "2001:db8::/32, 2001:db8::/32",
			"::ffff:10.0.0.0/104, ::ffff:10.0.0.0/104", "0:0:0:0:0:ffff:a00:0/104, ::ffff:10.0.0.0/104",
			"1:2:3:4:5:6:7:8/128, 1:2:3:4:5:6:7:8/128", "2001:DB8:A:B:C:D:E:F/128, 2001:db8:a:b:c:d:e:f/128",
			"1::/16, 1::/16", "::1.2.3.4/128, ::102:304/128", "1:2:3:4:5:6:1.2.3.4/128, 1:2:3:4:5:6:102:304/128",
			"2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80", "10.0.0.0/8, 10.0.0.0/8", " 10.0.0.0/8 , 10.0.0.0/8" })
	void writesTheCanonicalText(String text, String canonical) {
		assertThat(Cidr.of(text)).hasToString(canonical);
		assertThat(Cidr.of(canonical)).isEqualTo(Cidr.of(text)).hasSameHashCodeAs(Cidr.of(text));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
			"1:2:3::6:7:8", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::1:2", "::ffff:1.2.3.4", "::1.2.3.4",
			"64:ff9b::192.0.2.33", "1:2:3:4:5:6:255.255.255.255", "ABCD:ef01::" })
	void readsIpv6LiteralsAsTheJdkDoes(String literal) throws Exception {
		SenderAddress jdk = SenderAddress.of(InetAddress.getByName(literal));
		Cidr block = Cidr.of(literal + "/128");
		if (jdk.isIpv4()) {
			// the JDK turns ::ffff:a.b.c.d into an Inet4Address; the bits are the same
			assertThat(block).hasToString("::ffff:" + jdk + "/128");
			jdk.setIpv6(jdk.high(), jdk.low());
		}
		assertThat(block.contains(jdk)).isTrue();
	}

	@Test
	void refusesShorthandIpv4AndSaysWhatToWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.1/16"))
			.withMessage("'10.1/16' is not a CIDR block: the address must be four decimal octets (10.1.0.0/16)"
					+ " or an IPv6 literal");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10/8"))
			.withMessageContaining("(10.0.0.0/8)");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0.0/8"))
			.withMessageContaining("four decimal octets, not 5");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10..0.1/32")).withMessageContaining("octet 2 is empty");
	}

	@Test
	void refusesOctetsThatAreNotPlainDecimal() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("010.0.0.0/8"))
			.withMessage("'010.0.0.0/8' is not a CIDR block: octet '010' has a leading zero, which some tools read as"
					+ " octal; write 10");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.256/32"))
			.withMessageContaining("octet '256' is greater than 255");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.1000/32"))
			.withMessageContaining("octet '1000' is greater than 255");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("0x0a.0.0.0/8"))
			.withMessageContaining("octets must be decimal, not hex");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("0x0a000000/8"))
			.withMessageContaining("octets must be decimal, not hex");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::ffff:10.0.0.01/128"))
			.withMessageContaining("octet '01' has a leading zero");
	}

	@Test
	void refusesABareAddressAndSaysHowToWriteABlockOfOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.5"))
			.withMessage("'10.0.0.5' has no prefix length: write 10.0.0.5/32 for one address");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::1"))
			.withMessage("'::1' has no prefix length: write ::1/128 for one address");
	}

	@Test
	void refusesHostBitsAndNamesTheBlockMeant() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("192.168.7.9/24"))
			.withMessage("'192.168.7.9/24' has host bits set: the block is 192.168.7.0/24");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.1/0"))
			.withMessage("'10.0.0.1/0' has host bits set: the block is 0.0.0.0/0");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("fd00::1/8"))
			.withMessage("'fd00::1/8' has host bits set: the block is fd00::/8");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("2001:db8::1/127"))
			.withMessage("'2001:db8::1/127' has host bits set: the block is 2001:db8::/127");
	}

	@Test
	void refusesHostNamesWithoutLookingThemUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("localhost/8"))
			.withMessage("'localhost/8' is not a CIDR block: host names are not accepted; write the address itself,"
					+ " such as 127.0.0.0/8 or ::1/128");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("localhost"))
			.withMessageContaining("host names are not accepted");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("cafe/16"))
			.withMessageContaining("host names are not accepted");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("example.invalid/24"))
			.withMessageContaining("host names are not accepted");
	}

	@Test
	void refusesPrefixLengthsOutOfRangeOrNotDecimal() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/33"))
			.withMessage("'10.0.0.0/33' has a prefix length outside 0-32: an IPv4 block's prefix length is 0 to 32");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::1/129"))
			.withMessage("'::1/129' has a prefix length outside 0-128: an IPv6 block's prefix length is 0 to 128");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::/99999999999"))
			.withMessageContaining("outside 0-128");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/"))
			.withMessageContaining("the prefix length after '/' is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/x"))
			.withMessageContaining("the prefix length 'x' is not a decimal number");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/-1"))
			.withMessageContaining("is not a decimal number");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/+8"))
			.withMessageContaining("is not a decimal number");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/8/8"))
			.withMessageContaining("is not a decimal number");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0/08"))
			.withMessageContaining("has a leading zero; write /8");
		assertThat(Cidr.of("0.0.0.0/0").prefixLength()).isZero();
		assertThat(Cidr.of("::/0").prefixLength()).isZero();
		assertThat(Cidr.of("::/128").prefixLength()).isEqualTo(128);
	}

	@Test
	void refusesMalformedIpv6AndSaysWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1::2::3/128"))
			.withMessageContaining("'::' may appear only once");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(":::1/128"))
			.withMessageContaining("'::' may appear only once");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1:2:3:4:5:6:7/112"))
			.withMessageContaining("it has 7 groups");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1:2:3:4:5:6:7:8:9/128"))
			.withMessageContaining("it has 9 groups");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1:2:3:4::5:6:7:8/128"))
			.withMessageContaining("at most seven others");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("12345::/16"))
			.withMessageContaining("group '12345' has more than four hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("fe80::g/128"))
			.withMessageContaining("group 'g' is not hexadecimal");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(":1:2:3:4:5:6:7/128"))
			.withMessageContaining("empty group");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1:2:3:4:5:6:7:/128"))
			.withMessageContaining("empty group");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("1.2.3.4::/128"))
			.withMessageContaining("may only end an IPv6 address");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("::1.2.3/128"))
			.withMessageContaining("must be four decimal octets");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("fe80::1%eth0/128"))
			.withMessage("'fe80::1%eth0/128' is not a CIDR block: zone ids (%eth0) are not accepted; a block has no zone");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("[::1]/128"))
			.withMessageContaining("without brackets");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("\uff11::/16"))
			.withMessageContaining("is not hexadecimal");
	}

	@Test
	void refusesWhatIsNoAddressAtAll() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("")).withMessageContaining("it is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("  ")).withMessageContaining("it is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(null)).withMessageContaining("is required");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("/8")).withMessageContaining("address before '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of("10.0.0.0 /8"))
			.withMessageContaining("contains a space");
	}

	@Test
	void matchesWithoutAllocating() throws Exception {
		Cidr[] blocks = { Cidr.of("10.0.0.0/8"), Cidr.of("fd00::/8"), Cidr.of("192.168.1.0/24"), Cidr.of("::1/128") };
		SenderAddress[] senders = { sender("10.1.2.3"), sender("fd00::7"), sender("192.168.2.1"), sender("::1") };
		int[] matches = new int[1];
		long allocated = Allocations.measure(() -> {
			for (int i = 0; i < 100_000; i++) {
				if (blocks[i & 3].contains(senders[(i >>> 2) & 3])) {
					matches[0]++;
				}
			}
		});
		assertThat(matches[0]).isPositive();
		assertThat(allocated).isLessThan(4096);
	}

	@Test
	void theAllocationMeterSeesAnAllocatingMatch() throws Exception {
		// the same measuring, reading the InetAddress (the JDK's copy of its bytes) each time
		Cidr block = Cidr.of("fd00::/8");
		InetAddress address = InetAddress.getByName("fd00::7");
		int[] matches = new int[1];
		long allocated = Allocations.measure(() -> {
			for (int i = 0; i < 10_000; i++) {
				if (block.contains(SenderAddress.of(address))) {
					matches[0]++;
				}
			}
		});
		assertThat(matches[0]).isEqualTo(2 * 10_000);
		assertThat(allocated).isGreaterThan(10_000L * 16);
	}

	private static SenderAddress sender(String literal) throws Exception {
		return SenderAddress.of(InetAddress.getByName(literal));
	}

}
