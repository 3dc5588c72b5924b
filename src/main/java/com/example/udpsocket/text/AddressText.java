package com.example.udpsocket.text;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * How an IP address is written for people: IPv4 in dotted decimal, IPv6 in the one
 * canonical form of RFC 5952 (lowercase, no leading zeros, the longest run of two or more
 * zero groups written as {@code ::}, the first run on a tie, an IPv4-mapped address as
 * {@code ::ffff:a.b.c.d}), so that one address always reads the same in every log line.
 * The JDK's {@code getHostAddress()} never compresses zero groups ({@code 0:0:0:0:0:0:0:1}).
 */
public final class AddressText {

	private static final long IPV4_MAPPED = 0xffffL;

	private AddressText() {
	}

	/**
	 * The address in dotted decimal or RFC 5952 form; an IPv6 scope is kept as
	 * {@code %interface} or {@code %id}, as the JDK writes it.
	 */
	public static String format(InetAddress address) {
		if (address instanceof Inet4Address) {
			// JDK 17: an Inet4Address's hash code is its address
			return ipv4(address.hashCode());
		}
		Inet6Address ipv6 = (Inet6Address) address;
		byte[] bytes = ipv6.getAddress();
		String text = format(word(bytes, 0), word(bytes, 8), false);
		NetworkInterface scopedInterface = ipv6.getScopedInterface();
		if (scopedInterface != null) {
			return text + "%" + scopedInterface.getName();
		}
		return (ipv6.getScopeId() != 0) ? text + "%" + ipv6.getScopeId() : text;
	}

	/**
	 * {@code <address>:<port>} without brackets around an IPv6 address ({@code ::1:41075}),
	 * byte for byte what the original exercise printed with {@code "%s:%s"}.
	 */
	public static String format(InetAddress address, int port) {
		return format(address) + ":" + port;
	}

	/**
	 * An address given as two 64-bit halves, most significant first; an IPv4 address is
	 * the low 32 bits of {@code low}.
	 */
	public static String format(long high, long low, boolean ipv4) {
		if (ipv4) {
			return ipv4((int) low);
		}
		if (high == 0 && (low >>> 32) == IPV4_MAPPED) {
			return "::ffff:" + ipv4((int) low);
		}
		int runStart = -1;
		int runLength = 1;
		for (int i = 0; i < 8;) {
			if (group(high, low, i) != 0) {
				i++;
				continue;
			}
			int end = i;
			while (end < 8 && group(high, low, end) == 0) {
				end++;
			}
			if (end - i > runLength) {
				runStart = i;
				runLength = end - i;
			}
			i = end;
		}
		StringBuilder text = new StringBuilder(39);
		boolean colon = false;
		for (int i = 0; i < 8; i++) {
			if (i == runStart) {
				text.append("::");
				colon = false;
				i += runLength - 1;
				continue;
			}
			if (colon) {
				text.append(':');
			}
			text.append(Integer.toHexString(group(high, low, i)));
			colon = true;
		}
		return text.toString();
	}

	private static int group(long high, long low, int index) {
		long half = (index < 4) ? high : low;
		return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
	}

	private static String ipv4(int address) {
		return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
				+ (address & 0xff);
	}

	private static long word(byte[] bytes, int offset) {
		long word = 0;
		for (int i = offset; i < offset + 8; i++) {
			word = (word << 8) | (bytes[i] & 0xff);
		}
		return word;
	}

}
