package com.example.udpsocket.text;

import java.nio.charset.StandardCharsets;

/**
 * How datagram bytes become text a person reads: decoded as UTF-8 (malformed input
 * becomes U+FFFD, never an exception) and escaped so that no datagram can break a line,
 * move the cursor, colour a terminal or reorder what is shown around it.
 */
public final class DatagramText {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

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
		if (isPlain(text) && text.length() <= maxChars) {
			return new Escaped(text, false);
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
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

	private static boolean isPlain(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || needsEscape(c)) {
				return false;
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
				if (codePoint <= 0xffff && needsEscape((char) codePoint)) {
					out.append("\\u")
						.append(HEX[(codePoint >> 12) & 0xf])
						.append(HEX[(codePoint >> 8) & 0xf])
						.append(HEX[(codePoint >> 4) & 0xf])
						.append(HEX[codePoint & 0xf]);
				}
				else {
					out.appendCodePoint(codePoint);
				}
			}
		}
	}

	/**
	 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
	 * bidirectional overrides and isolates (which can make a log line read differently
	 * from what it contains).
	 */
	private static boolean needsEscape(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069');
	}

	/**
	 * Escaped text and whether it was cut short.
	 */
	public record Escaped(String text, boolean cut) {
	}

}
