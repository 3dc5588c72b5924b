package com.example.udpsocket.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fd00::/8}; a
 * bare address is a block of one. An IPv4 block matches IPv4 senders only, an IPv6 block
 * IPv6 senders only (an IPv4-mapped sender arrives as IPv4 already). Properties bind to it
 * from text through {@link #of(String)}.
 */
public record Cidr(byte[] network, int prefixLength) {

	public Cidr {
		network = network.clone();
	}

	/**
	 * Reads {@code 10.0.0.0/8}, {@code fd00::/8} or a bare address; never a host name.
	 * @throws IllegalArgumentException naming what is wrong with {@code text}
	 */
	public static Cidr of(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		boolean literal = (address.indexOf('.') >= 0 || address.indexOf(':') >= 0)
				&& address.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
		if (!literal) {
			// never a host name: resolving one here would be slow and could change under us
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new Cidr(mask(bytes, prefix), prefix);
	}

	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		return candidate.length == this.network.length && java.util.Arrays.equals(mask(candidate, this.prefixLength),
				this.network);
	}

	private static byte[] mask(byte[] address, int prefix) {
		byte[] masked = address.clone();
		for (int i = 0; i < masked.length; i++) {
			int keep = Math.max(0, Math.min(8, prefix - i * 8));
			masked[i] &= (byte) (0xff << (8 - keep));
		}
		return masked;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr cidr && cidr.prefixLength == this.prefixLength
				&& java.util.Arrays.equals(cidr.network, this.network);
	}

	@Override
	public int hashCode() {
		return 31 * java.util.Arrays.hashCode(this.network) + this.prefixLength;
	}

	@Override
	public String toString() {
		try {
			return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefixLength;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
