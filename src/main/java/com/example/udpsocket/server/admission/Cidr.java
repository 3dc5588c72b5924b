package com.example.udpsocket.server.admission;

import com.example.udpsocket.text.AddressText;

/**
 * A block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fd00::/8}. An
 * IPv4 block matches IPv4 senders only, an IPv6 block IPv6 senders only (an IPv4-mapped
 * sender arrives as IPv4 already). Properties bind to it from text through
 * {@link #of(String)}, which reads only the literal forms and says exactly what is wrong
 * with anything else: a setting that limits who is answered must mean one thing.
 * <p>
 * Kept as a family and 128 bits (IPv4 in its mapped form {@code ::ffff:a.b.c.d}), already
 * masked, so that {@link #contains(SenderAddress)} is two masks and two comparisons.
 */
public final class Cidr {

	private static final String IPV4_FORM = "the address must be four decimal octets";

	private static final String IPV6_FORM = "write an IPv6 address as eight groups of one to four hex digits,"
			+ " with '::' once for a run of zero groups (fd00::/8)";

	private final boolean ipv4;

	private final int prefixLength;

	private final long high;

	private final long low;

	private final long highMask;

	private final long lowMask;

	private Cidr(boolean ipv4, int prefixLength, long high, long low) {
		this.ipv4 = ipv4;
		this.prefixLength = prefixLength;
		int bits = ipv4 ? 96 + prefixLength : prefixLength;
		this.highMask = (bits == 0) ? 0 : (bits >= 64) ? -1L : -1L << (64 - bits);
		this.lowMask = (bits <= 64) ? 0 : -1L << (128 - bits);
		this.high = high & this.highMask;
		this.low = low & this.lowMask;
	}

	/**
	 * Reads {@code 10.0.0.0/8} or {@code fd00::/8}: an IPv4 address as exactly four decimal
	 * octets or an IPv6 literal in a text form of RFC 4291 (no zone, no brackets), then
	 * {@code /} and the prefix length. Spaces around the whole are ignored. Never a host
	 * name, never a bare address, never host bits: each is refused with a message that
	 * says what to write instead. Parsing is done here; nothing is looked up.
	 * @throws IllegalArgumentException naming what is wrong with {@code text}
	 */
	public static Cidr of(String text) {
		if (text == null) {
			throw new IllegalArgumentException("A CIDR block is required, such as 10.0.0.0/8 or fd00::/8");
		}
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			throw notABlock(text, "it is empty; write an address and a prefix length, such as 10.0.0.0/8 or fd00::/8");
		}
		if (trimmed.chars().anyMatch(Character::isWhitespace)) {
			throw notABlock(text, "it contains a space; write it without, such as 10.0.0.0/8");
		}
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		String prefix = (slash < 0) ? null : trimmed.substring(slash + 1);
		boolean ipv4;
		long high;
		long low;
		if (address.isEmpty()) {
			throw notABlock(text, "the address before '/' is missing");
		}
		if (address.startsWith("[")) {
			throw notABlock(text, "write an IPv6 address without brackets, such as ::1/128");
		}
		if (address.indexOf(':') >= 0) {
			long[] bits = ipv6(text, address);
			ipv4 = false;
			high = bits[0];
			low = bits[1];
		}
		else if (address.chars().allMatch((c) -> c == '.' || (c >= '0' && c <= '9'))) {
			ipv4 = true;
			high = 0;
			low = 0x0000ffff_00000000L | (ipv4(text, address, prefix) & 0xffffffffL);
		}
		else if (isHexadecimalIpv4(address)) {
			throw notABlock(text, "octets must be decimal, not hex; " + IPV4_FORM + " or an IPv6 literal");
		}
		else {
			throw notABlock(text, "host names are not accepted; write the address itself, such as 127.0.0.0/8 or ::1/128");
		}
		int max = ipv4 ? 32 : 128;
		int prefixLength = prefixLength(text, trimmed, prefix, max);
		Cidr block = new Cidr(ipv4, prefixLength, high, low);
		if (block.high != high || block.low != low) {
			throw new IllegalArgumentException("'" + text + "' has host bits set: the block is " + block);
		}
		return block;
	}

	private static int prefixLength(String text, String trimmed, String prefix, int max) {
		if (prefix == null) {
			throw new IllegalArgumentException(
					"'" + text + "' has no prefix length: write " + trimmed + "/" + max + " for one address");
		}
		if (prefix.isEmpty()) {
			throw notABlock(text, "the prefix length after '/' is missing");
		}
		if (!prefix.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw notABlock(text, "the prefix length '" + prefix + "' is not a decimal number");
		}
		if (prefix.length() > 1 && prefix.charAt(0) == '0') {
			throw notABlock(text,
					"the prefix length '" + prefix + "' has a leading zero; write /" + prefix.replaceFirst("^0+(?=.)", ""));
		}
		int length = (prefix.length() > 3) ? Integer.MAX_VALUE : Integer.parseInt(prefix);
		if (length > max) {
			throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + max + ": an "
					+ ((max == 32) ? "IPv4" : "IPv6") + " block's prefix length is 0 to " + max);
		}
		return length;
	}

	private static int ipv4(String text, String address, String prefix) {
		String[] octets = address.split("\\.", -1);
		int value = 0;
		for (int i = 0; i < octets.length; i++) {
			value = (value << 8) | octet(text, octets[i], i + 1);
		}
		if (octets.length < 4) {
			StringBuilder padded = new StringBuilder(address);
			for (int i = octets.length; i < 4; i++) {
				padded.append(".0");
			}
			throw notABlock(text, IPV4_FORM + " (" + padded + ((prefix != null) ? "/" + prefix : "")
					+ ") or an IPv6 literal");
		}
		if (octets.length > 4) {
			throw notABlock(text, IPV4_FORM + ", not " + octets.length + ", or an IPv6 literal");
		}
		return value;
	}

	private static int octet(String text, String octet, int position) {
		if (octet.isEmpty()) {
			throw notABlock(text, "octet " + position + " is empty; " + IPV4_FORM);
		}
		if (octet.length() > 1 && octet.charAt(0) == '0') {
			// some tools read a leading zero as octal: 010 would be 8 there
			throw notABlock(text, "octet '" + octet + "' has a leading zero, which some tools read as octal; write "
					+ octet.replaceFirst("^0+(?=.)", ""));
		}
		if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
			throw notABlock(text, "octet '" + octet + "' is greater than 255");
		}
		return Integer.parseInt(octet);
	}

	private static boolean isHexadecimalIpv4(String address) {
		return address.chars().allMatch((c) -> c == '.' || c == 'x' || c == 'X' || Character.digit(c, 16) >= 0)
				&& address.toLowerCase(java.util.Locale.ROOT).contains("0x");
	}

	private static long[] ipv6(String text, String address) {
		int zone = address.indexOf('%');
		if (zone >= 0) {
			throw notABlock(text, "zone ids (" + address.substring(zone) + ") are not accepted; a block has no zone");
		}
		int gap = address.indexOf("::");
		if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
			throw notABlock(text, "'::' may appear only once; " + IPV6_FORM);
		}
		int[] head = groups(text, (gap < 0) ? address : address.substring(0, gap), gap < 0);
		int[] tail = (gap < 0) ? new int[0] : groups(text, address.substring(gap + 2), true);
		int given = head.length + tail.length;
		if (gap < 0 && given != 8) {
			throw notABlock(text, "it has " + given + " groups; " + IPV6_FORM);
		}
		if (gap >= 0 && given > 7) {
			throw notABlock(text, "'::' stands for at least one zero group, so at most seven others may be written; "
					+ IPV6_FORM);
		}
		int[] groups = new int[8];
		System.arraycopy(head, 0, groups, 0, head.length);
		System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 4; i++) {
			high = (high << 16) | groups[i];
			low = (low << 16) | groups[i + 4];
		}
		return new long[] { high, low };
	}

	/** The 16-bit groups of one side of {@code ::}; a trailing IPv4 address counts as two. */
	private static int[] groups(String text, String part, boolean ipv4AllowedAtEnd) {
		if (part.isEmpty()) {
			return new int[0];
		}
		String[] fields = part.split(":", -1);
		int last = fields.length - 1;
		boolean endsInIpv4 = fields[last].indexOf('.') >= 0;
		int[] groups = new int[fields.length + (endsInIpv4 ? 1 : 0)];
		for (int i = 0; i < fields.length; i++) {
			String field = fields[i];
			if (field.indexOf('.') >= 0) {
				if (i != last || !ipv4AllowedAtEnd) {
					throw notABlock(text, "an IPv4 part ('" + field + "') may only end an IPv6 address");
				}
				String[] octets = field.split("\\.", -1);
				if (octets.length != 4) {
					throw notABlock(text, "the IPv4 part '" + field + "' must be four decimal octets");
				}
				int value = 0;
				for (int j = 0; j < 4; j++) {
					if (!octets[j].chars().allMatch((c) -> c >= '0' && c <= '9')) {
						throw notABlock(text, "the IPv4 part '" + field + "' must be four decimal octets");
					}
					value = (value << 8) | octet(text, octets[j], j + 1);
				}
				groups[i] = value >>> 16;
				groups[i + 1] = value & 0xffff;
			}
			else if (field.isEmpty()) {
				throw notABlock(text, "it has an empty group (a single ':' at either end, or '::' meant); " + IPV6_FORM);
			}
			else if (field.length() > 4) {
				throw notABlock(text, "group '" + field + "' has more than four hex digits");
			}
			else if (!field.chars().allMatch((c) -> Character.digit(c, 16) >= 0 && c < 0x80)) {
				throw notABlock(text, "group '" + field + "' is not hexadecimal; " + IPV6_FORM);
			}
			else {
				groups[i] = Integer.parseInt(field, 16);
			}
		}
		return groups;
	}

	private static IllegalArgumentException notABlock(String text, String reason) {
		return new IllegalArgumentException("'" + text + "' is not a CIDR block: " + reason);
	}

	/** Whether {@code sender} is inside this block; allocates nothing. */
	boolean contains(SenderAddress sender) {
		return sender.isIpv4() == this.ipv4 && (sender.high() & this.highMask) == this.high
				&& (sender.low() & this.lowMask) == this.low;
	}

	public boolean isIpv4() {
		return this.ipv4;
	}

	public int prefixLength() {
		return this.prefixLength;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr cidr && cidr.ipv4 == this.ipv4 && cidr.prefixLength == this.prefixLength
				&& cidr.high == this.high && cidr.low == this.low;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.high) * 31 + Long.hashCode(this.low) * 17 + this.prefixLength + (this.ipv4 ? 1 : 0);
	}

	/** The canonical text: {@code 10.0.0.0/8}, or an IPv6 block in RFC 5952 form. */
	@Override
	public String toString() {
		return AddressText.format(this.high, this.low, this.ipv4) + "/" + this.prefixLength;
	}

}
