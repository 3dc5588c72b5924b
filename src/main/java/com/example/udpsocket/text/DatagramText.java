package com.example.udpsocket.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How datagram bytes become text a person reads: decoded as UTF-8 (malformed input
 * becomes U+FFFD, never an exception) and escaped so that no datagram can break a line,
 * move the cursor, colour a terminal, reorder what is shown around it or hide characters
 * in it.
 * <p>
 * Escaped are: the backslash itself ({@code \\}); {@code \n}, {@code \r}, {@code \t},
 * NUL ({@code \0}) and ESC ({@code \e}) by name; every other C0 and C1 control and DEL,
 * the line and paragraph separators U+2028 and U+2029, an unpaired surrogate, and every
 * code point that Unicode calls {@code Default_Ignorable_Code_Point} or
 * {@code Bidi_Control} (zero-width spaces and joiners, LRM/RLM/ALM, bidi embeddings,
 * overrides and isolates, the soft hyphen, Hangul fillers, variation selectors, the tag
 * characters U+E0000-U+E007F and the rest of that table), and every format character
 * (general category {@code Cf} in the JDK's Unicode tables, such as the Arabic number sign
 * U+0600, the interlinear annotation marks U+FFF9-U+FFFB and the Egyptian hieroglyph
 * format controls from U+13430): as <code>&#92;uxxxx</code>
 * (four hex digits) for a code point of the Basic Multilingual Plane, and as
 * <code>&#92;u{xxxxx}</code> (its hex digits, no leading zeros: the form of JavaScript and
 * Rust) for one beyond it, such as <code>&#92;u{e0041}</code> for TAG LATIN CAPITAL
 * LETTER A. Hex digits are lowercase. Since the backslash is escaped too, the escaped
 * text reads back unambiguously.
 */
public final class DatagramText {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/**
	 * Default_Ignorable_Code_Point (DerivedCoreProperties.txt) joined with Bidi_Control
	 * (PropList.txt, a subset of it), Unicode 15.1.0: 4,174 code points in 17 ranges,
	 * reserved ones included, as first and last code point of each range. U+2065,
	 * U+FFF0-U+FFF8 and most of U+E0000-U+E0FFF are unassigned but reserved as
	 * default-ignorable, so a later assignment in them changes nothing here; a later
	 * Unicode version that adds a range must be added by hand.
	 */
	private static final int[] INVISIBLE_FIRST = { 0x00ad, 0x034f, 0x061c, 0x115f, 0x17b4, 0x180b, 0x200b, 0x202a,
			0x2060, 0x3164, 0xfe00, 0xfeff, 0xffa0, 0xfff0, 0x1bca0, 0x1d173, 0xe0000 };

	private static final int[] INVISIBLE_LAST = { 0x00ad, 0x034f, 0x061c, 0x1160, 0x17b5, 0x180f, 0x200f, 0x202e,
			0x206f, 0x3164, 0xfe0f, 0xfeff, 0xffa0, 0xfff8, 0x1bca3, 0x1d17a, 0xe0fff };

	private DatagramText() {
	}

	public static String decode(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	public static byte[] encode(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Escapes {@code text} completely, however long it is.
	 */
	public static String escape(String text) {
		return escape(text, Integer.MAX_VALUE).text();
	}

	/**
	 * Escapes {@code text}, stopping before the escaped form would pass {@code maxChars}.
	 * An escape sequence or a surrogate pair is never split.
	 */
	public static Escaped escape(String text, int maxChars) {
		requireNonNegative(maxChars);
		if (isPlain(text)) {
			if (text.length() <= maxChars) {
				return new Escaped(text, false);
			}
			// plain text holds no unpaired surrogate: a low one here ends a pair the cut would split
			int end = Character.isLowSurrogate(text.charAt(maxChars)) ? maxChars - 1 : maxChars;
			return new Escaped(text.substring(0, end), true);
		}
		StringBuilder out = new StringBuilder((int) Math.min(text.length() + 16L, maxChars + 16L));
		int i = 0;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int before = out.length();
			appendEscaped(out, codePoint);
			if (out.length() > maxChars) {
				out.setLength(before);
				return new Escaped(out.toString(), true);
			}
			i += Character.charCount(codePoint);
		}
		return new Escaped(out.toString(), false);
	}

	/**
	 * A datagram as a log line shows it: decoded, escaped and cut before {@code maxChars}
	 * as {@link #escape(String, int)} does, but decoding only the start of the payload that
	 * can show, so a 64 KiB datagram costs what its first {@code maxChars} do. {@code cut}
	 * tells that something was left out, undecoded bytes included.
	 */
	public static Escaped loggable(byte[] payload, int maxChars) {
		requireNonNegative(maxChars);
		int shown = Math.min(payload.length, maxChars);
		if (isPlainAscii(payload, shown)) {
			// every further byte would show as at least one more char, so any is a cut
			return new Escaped(new String(payload, 0, shown, StandardCharsets.ISO_8859_1), payload.length > shown);
		}
		int decoded = decodedLength(payload, maxChars);
		Escaped escaped = escape(new String(payload, 0, decoded, StandardCharsets.UTF_8), maxChars);
		return (decoded < payload.length && !escaped.cut()) ? new Escaped(escaped.text(), true) : escaped;
	}

	/**
	 * How many bytes of {@code payload} {@link #loggable} decodes for {@code maxChars}.
	 * <p>
	 * Each code point comes from at most three bytes per char of its escaped form: one to
	 * three bytes make one UTF-16 char, four make two (a surrogate pair), a malformed
	 * sequence of at most three bytes makes one U+FFFD, and escaping only lengthens. So
	 * {@code 3 * maxChars + 1} bytes of whole sequences show as at least
	 * {@code maxChars + 1} chars: more than fit, which is what tells where the cut falls
	 * and that it falls. The bound is 3 bytes longer, {@code 3 * maxChars + 4}, because
	 * it may end inside a sequence of up to four bytes; the at most three bytes of that
	 * sequence before the bound are left undecoded rather than shown as a U+FFFD the whole
	 * payload does not have.
	 */
	static int decodedLength(byte[] payload, int maxChars) {
		long bound = 3L * maxChars + 4;
		return (payload.length <= bound) ? payload.length : wholeSequences(payload, (int) bound);
	}

	/**
	 * The length of {@code bytes[0, limit)} without a UTF-8 sequence that starts in its
	 * last three bytes and runs past {@code limit}. A decoder never takes a lead byte into
	 * an earlier malformed sequence, so decoding up to the returned length gives exactly
	 * the start of what decoding everything gives.
	 */
	static int wholeSequences(byte[] bytes, int limit) {
		for (int start = limit - 1; start >= Math.max(0, limit - 3); start--) {
			int lead = bytes[start] & 0xff;
			if (lead < 0x80 || lead >= 0xc0) {
				int length = (lead < 0xc0) ? 1 : (lead < 0xe0) ? 2 : (lead < 0xf0) ? 3 : (lead < 0xf8) ? 4 : 1;
				return (start + length > limit) ? start : limit;
			}
		}
		// only continuation bytes there: the end of a complete four-byte sequence, or strays
		return limit;
	}

	private static boolean isPlainAscii(byte[] bytes, int length) {
		for (int i = 0; i < length; i++) {
			byte b = bytes[i];
			if (b < 0x20 || b == 0x7f || b == '\\') {
				return false;
			}
		}
		return true;
	}

	private static boolean isPlain(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				if (c < 0x20 || c == 0x7f || c == '\\') {
					return false;
				}
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (needsEscape(codePoint)) {
				return false;
			}
			if (codePoint > 0xffff) {
				i++;
			}
		}
		return true;
	}

	private static void appendEscaped(StringBuilder out, int codePoint) {
		switch (codePoint) {
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			case 0 -> out.append("\\0");
			case 0x1b -> out.append("\\e");
			default -> {
				if (!needsEscape(codePoint)) {
					out.appendCodePoint(codePoint);
				}
				else if (codePoint <= 0xffff) {
					out.append("\\u")
						.append(HEX[(codePoint >> 12) & 0xf])
						.append(HEX[(codePoint >> 8) & 0xf])
						.append(HEX[(codePoint >> 4) & 0xf])
						.append(HEX[codePoint & 0xf]);
				}
				else {
					out.append("\\u{").append(Integer.toHexString(codePoint)).append('}');
				}
			}
		}
	}

	/**
	 * C0 and C1 controls and DEL, the line and paragraph separators, unpaired surrogates
	 * (a code point here only when unpaired), the invisible table above, and the format
	 * characters.
	 */
	static boolean needsEscape(int codePoint) {
		if (codePoint < 0xa0) {
			return codePoint < 0x20 || codePoint >= 0x7f;
		}
		if (codePoint < INVISIBLE_FIRST[0]) {
			return false;
		}
		if (codePoint == 0x2028 || codePoint == 0x2029 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
			return true;
		}
		int index = Arrays.binarySearch(INVISIBLE_FIRST, codePoint);
		if (index >= 0) {
			return true;
		}
		int range = -index - 2;
		return (range >= 0 && codePoint <= INVISIBLE_LAST[range]) || Character.getType(codePoint) == Character.FORMAT;
	}

	private static void requireNonNegative(int maxChars) {
		if (maxChars < 0) {
			throw new IllegalArgumentException("maxChars must not be negative, was " + maxChars);
		}
	}

	/**
	 * Escaped text and whether it was cut short.
	 */
	public record Escaped(String text, boolean cut) {
	}

}
