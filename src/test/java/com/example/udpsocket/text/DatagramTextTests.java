package com.example.udpsocket.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.udpsocket.support.Allocations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Datagram text as people read it: nothing invisible, nothing that moves the cursor or
 * reorders the line, and a long datagram costs only what shows of it.
 */
class DatagramTextTests {

	/**
	 * Default_Ignorable_Code_Point as DerivedCoreProperties-15.1.0.txt lists it, line by
	 * line (Bidi_Control of PropList-15.1.0.txt lies inside it), written out independently
	 * of the merged table in DatagramText.
	 */
	private static final int[][] DEFAULT_IGNORABLE_15_1 = { { 0x00AD, 0x00AD }, { 0x034F, 0x034F },
			{ 0x061C, 0x061C }, { 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180D }, { 0x180E, 0x180E },
			{ 0x180F, 0x180F }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x2065, 0x2065 },
			{ 0x2066, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 },
			{ 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0000, 0xE0000 },
			{ 0xE0001, 0xE0001 }, { 0xE0002, 0xE001F }, { 0xE0020, 0xE007F }, { 0xE0080, 0xE00FF },
			{ 0xE0100, 0xE01EF }, { 0xE01F0, 0xE0FFF } };

	private static final int[][] BIDI_CONTROL_15_1 = { { 0x061C, 0x061C }, { 0x200E, 0x200F }, { 0x202A, 0x202E },
			{ 0x2066, 0x2069 } };

	@Test
	void escapesLineBreaksTabsAndTheBackslashByName() {
		assertThat(DatagramText.escape("a\nb\rc\td\0e\u001bf\\g")).isEqualTo("a\\nb\\rc\\td\\0e\\ef\\\\g");
		// an escape written in the datagram reads back as what it was: text, not an escape
		assertThat(DatagramText.escape("\\u200b")).isEqualTo("\\\\u200b");
	}

	@Test
	void escapesOtherControlsAndDel() {
		assertThat(DatagramText.escape("\u0001\u0007\u001f\u007f\u0080\u0085\u009b\u009f"))
			.isEqualTo("\\u0001\\u0007\\u001f\\u007f\\u0080\\u0085\\u009b\\u009f");
		assertThat(DatagramText.escape("\u00a0 ~")).isEqualTo("\u00a0 ~");
	}

	@Test
	void escapesLineAndParagraphSeparators() {
		assertThat(DatagramText.escape("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
	}

	@Test
	void escapesEveryBidiControl() {
		assertThat(DatagramText.escape("\u200e\u200f\u061c")).isEqualTo("\\u200e\\u200f\\u061c");
		assertThat(DatagramText.escape("\u202a\u202b\u202c\u202d\u202e"))
			.isEqualTo("\\u202a\\u202b\\u202c\\u202d\\u202e");
		assertThat(DatagramText.escape("\u2066\u2067\u2068\u2069")).isEqualTo("\\u2066\\u2067\\u2068\\u2069");
		// the classic: an override that shows "gpj.exe" as "exe.jpg"
		assertThat(DatagramText.escape("photo\u202egpj.exe")).isEqualTo("photo\\u202egpj.exe");
		for (int[] range : BIDI_CONTROL_15_1) {
			for (int codePoint = range[0]; codePoint <= range[1]; codePoint++) {
				assertThat(DatagramText.needsEscape(codePoint)).as("U+%04X", codePoint).isTrue();
			}
		}
	}

	@Test
	void escapesZeroWidthAndOtherInvisibleCharacters() {
		assertThat(DatagramText.escape("a\u200bb\u200cc\u200dd\u2060e\ufeff")).isEqualTo(
				"a\\u200bb\\u200cc\\u200dd\\u2060e\\ufeff");
		assertThat(DatagramText.escape("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"))
			.isEqualTo("\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u3164\\uffa0");
		assertThat(DatagramText.escape("\u180b\u180e\u180f\u2061\u2064\u2065\u206a\u206f"))
			.isEqualTo("\\u180b\\u180e\\u180f\\u2061\\u2064\\u2065\\u206a\\u206f");
		assertThat(DatagramText.escape("\u2764\ufe0f\ufe00\ufff0\ufff8"))
			.isEqualTo("\u2764\\ufe0f\\ufe00\\ufff0\\ufff8");
	}

	@Test
	void escapesInvisibleCharactersBeyondTheBasicPlane() {
		assertThat(DatagramText.escape(codePoints(0xe0041, 0xe0042))).isEqualTo("\\u{e0041}\\u{e0042}");
		assertThat(DatagramText.escape(codePoints(0xe0000, 0xe0001, 0xe007f, 0xe0100, 0xe01ef, 0xe0fff)))
			.isEqualTo("\\u{e0000}\\u{e0001}\\u{e007f}\\u{e0100}\\u{e01ef}\\u{e0fff}");
		assertThat(DatagramText.escape(codePoints(0x1bca0, 0x1bca3, 0x1d173, 0x1d17a)))
			.isEqualTo("\\u{1bca0}\\u{1bca3}\\u{1d173}\\u{1d17a}");
		// a flag hidden in tag characters: the letters show, as escapes
		assertThat(DatagramText.escape(codePoints(0x1f3f4, 0xe0067, 0xe0062, 0xe007f)))
			.isEqualTo(codePoints(0x1f3f4) + "\\u{e0067}\\u{e0062}\\u{e007f}");
	}

	@Test
	void leavesVisibleNeighboursOfTheInvisibleRangesAlone() {
		int[] visible = { 0x00ac, 0x00ae, 0x034e, 0x0350, 0x061b, 0x061d, 0x115e, 0x1161, 0x17b3, 0x17b6, 0x180a,
				0x1810, 0x200a, 0x2010, 0x2027, 0x202f, 0x205f, 0x2070, 0x3163, 0x3165, 0xfdff, 0xfe10, 0xfefe,
				0xff00, 0xff9f, 0xffa1, 0xffef, 0xfffd, 0x1bc9f, 0x1bca4, 0x1d172, 0x1d17b, 0xdffff, 0xe1000,
				0x1f600, 0x10ffff, 'a', ' ', '~' };
		for (int codePoint : visible) {
			String text = codePoints(codePoint);
			assertThat(DatagramText.escape(text)).as("U+%04X", codePoint).isEqualTo(text);
		}
	}

	@Test
	void escapesExactlyTheControlsSeparatorsUnicodeInvisibleSetAndFormatCharacters() {
		boolean[] expected = new boolean[Character.MAX_CODE_POINT + 1];
		int invisible = 0;
		for (int[] range : DEFAULT_IGNORABLE_15_1) {
			for (int codePoint = range[0]; codePoint <= range[1]; codePoint++) {
				expected[codePoint] = true;
				invisible++;
			}
		}
		for (int[] range : BIDI_CONTROL_15_1) {
			for (int codePoint = range[0]; codePoint <= range[1]; codePoint++) {
				assertThat(expected[codePoint]).as("Bidi_Control inside Default_Ignorable_Code_Point").isTrue();
			}
		}
		assertThat(invisible).as("DerivedCoreProperties-15.1.0.txt: Total code points").isEqualTo(4174);
		for (int codePoint = 0; codePoint <= 0x9f; codePoint++) {
			expected[codePoint] = codePoint < 0x20 || codePoint >= 0x7f;
		}
		expected[0x2028] = true;
		expected[0x2029] = true;
		for (int codePoint = Character.MIN_SURROGATE; codePoint <= Character.MAX_SURROGATE; codePoint++) {
			expected[codePoint] = true;
		}
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			expected[codePoint] |= Character.getType(codePoint) == Character.FORMAT;
		}
		// format characters outside the invisible set, each passed raw before
		for (int codePoint : new int[] { 0x0600, 0x06dd, 0xfff9, 0xfffa, 0xfffb, 0x13430 }) {
			assertThat(DatagramText.escape(new String(Character.toChars(codePoint)))).as("U+%04X", codePoint)
				.startsWith("\\u");
		}
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			if (DatagramText.needsEscape(codePoint) != expected[codePoint]) {
				assertThat(DatagramText.needsEscape(codePoint)).as("U+%04X", codePoint).isEqualTo(expected[codePoint]);
			}
		}
	}

	@Test
	void escapesAnUnpairedSurrogateAndKeepsAPair() {
		assertThat(DatagramText.escape("a\ud800b\udc00")).isEqualTo("a\\ud800b\\udc00");
		assertThat(DatagramText.escape("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
		assertThat(DatagramText.escape("\ude00\ud83d")).isEqualTo("\\ude00\\ud83d");
	}

	@Test
	void cutsBeforeAnEscapeRatherThanThroughIt() {
		assertThat(DatagramText.escape("ab\u200bcd", 4)).isEqualTo(new DatagramText.Escaped("ab", true));
		assertThat(DatagramText.escape("ab\u200bcd", 7)).isEqualTo(new DatagramText.Escaped("ab", true));
		assertThat(DatagramText.escape("ab\u200bcd", 8)).isEqualTo(new DatagramText.Escaped("ab\\u200b", true));
		assertThat(DatagramText.escape("ab\u200bcd", 10)).isEqualTo(new DatagramText.Escaped("ab\\u200bcd", false));
		assertThat(DatagramText.escape("a\nb", 2)).isEqualTo(new DatagramText.Escaped("a", true));
		String tag = "x" + codePoints(0xe0041);
		assertThat(DatagramText.escape(tag, 9)).isEqualTo(new DatagramText.Escaped("x", true));
		assertThat(DatagramText.escape(tag, 10)).isEqualTo(new DatagramText.Escaped("x\\u{e0041}", false));
	}

	@Test
	void cutsBeforeASurrogatePairRatherThanThroughIt() {
		String text = "a\ud83d\ude00b";
		assertThat(DatagramText.escape(text, 1)).isEqualTo(new DatagramText.Escaped("a", true));
		assertThat(DatagramText.escape(text, 2)).isEqualTo(new DatagramText.Escaped("a", true));
		assertThat(DatagramText.escape(text, 3)).isEqualTo(new DatagramText.Escaped("a\ud83d\ude00", true));
		assertThat(DatagramText.escape(text, 4)).isEqualTo(new DatagramText.Escaped(text, false));
		assertThat(DatagramText.escape(text + "\n", 4)).isEqualTo(new DatagramText.Escaped(text, true));
		assertThat(DatagramText.escape(text + "\n", 5)).isEqualTo(new DatagramText.Escaped(text, true));
	}

	@Test
	void showsPlainAsciiAsItIs() {
		assertThat(DatagramText.loggable(ascii("hello"), 10)).isEqualTo(new DatagramText.Escaped("hello", false));
		assertThat(DatagramText.loggable(ascii("hello"), 5)).isEqualTo(new DatagramText.Escaped("hello", false));
		assertThat(DatagramText.loggable(ascii("hello"), 3)).isEqualTo(new DatagramText.Escaped("hel", true));
		assertThat(DatagramText.loggable(ascii("hello"), 0)).isEqualTo(new DatagramText.Escaped("", true));
		assertThat(DatagramText.loggable(new byte[0], 0)).isEqualTo(new DatagramText.Escaped("", false));
		assertThat(DatagramText.loggable(ascii("a\\b"), 10)).isEqualTo(new DatagramText.Escaped("a\\\\b", false));
		// ASCII up to the cut, then something that is not: the cut is the same
		byte[] mixed = utf8("abc\u20ac");
		assertThat(DatagramText.loggable(mixed, 3)).isEqualTo(new DatagramText.Escaped("abc", true));
	}

	@Test
	void cutsMultiByteAndEscapedCharactersAtTheBoundary() {
		byte[] payload = utf8("\u00e9\u20ac\ud83d\ude00\u200bz");
		assertThat(DatagramText.loggable(payload, 1)).isEqualTo(new DatagramText.Escaped("\u00e9", true));
		assertThat(DatagramText.loggable(payload, 2)).isEqualTo(new DatagramText.Escaped("\u00e9\u20ac", true));
		assertThat(DatagramText.loggable(payload, 3)).isEqualTo(new DatagramText.Escaped("\u00e9\u20ac", true));
		assertThat(DatagramText.loggable(payload, 4)).isEqualTo(new DatagramText.Escaped("\u00e9\u20ac\ud83d\ude00", true));
		assertThat(DatagramText.loggable(payload, 9)).isEqualTo(new DatagramText.Escaped("\u00e9\u20ac\ud83d\ude00", true));
		assertThat(DatagramText.loggable(payload, 10))
			.isEqualTo(new DatagramText.Escaped("\u00e9\u20ac\ud83d\ude00\\u200b", true));
		assertThat(DatagramText.loggable(payload, 11))
			.isEqualTo(new DatagramText.Escaped("\u00e9\u20ac\ud83d\ude00\\u200bz", false));
	}

	@Test
	void decodesOnlyTheStartOfALargestDatagram() {
		byte[] payload = java.util.Arrays.copyOf(utf8("\u20ac".repeat(65_507 / 3 + 1)), 65_507);
		DatagramText.Escaped shown = DatagramText.loggable(payload, 100);
		assertThat(shown).isEqualTo(new DatagramText.Escaped("\u20ac".repeat(100), true));
		// 3 * 100 + 4 = 304 bytes reach into the 102nd euro sign, whose first byte is left out
		assertThat(DatagramText.decodedLength(payload, 100)).isEqualTo(303);
		Object[] sink = new Object[1];
		long logged = Allocations.measure(() -> sink[0] = DatagramText.loggable(payload, 100));
		long decodedWhole = Allocations.measure(() -> sink[0] = DatagramText.decode(payload));
		assertThat(logged).isLessThan(8 * 1024);
		assertThat(decodedWhole).isGreaterThan(65_507);
	}

	@Test
	void decodesOnlyTheStartOfALargeAsciiDatagram() {
		byte[] payload = ascii("x".repeat(65_507));
		assertThat(DatagramText.loggable(payload, 200)).isEqualTo(new DatagramText.Escaped("x".repeat(200), true));
		Object[] sink = new Object[1];
		long allocated = Allocations.measure(() -> sink[0] = DatagramText.loggable(payload, 200));
		assertThat(allocated).isLessThan(4 * 1024);
	}

	@ParameterizedTest(name = "{0} bytes before the bound")
	@ValueSource(ints = { 0, 1, 2, 3, 4 })
	void neverShowsAReplacementForASequenceSplitByTheDecodingBound(int shift) {
		int maxChars = 20;
		int bound = 3 * maxChars + 4;
		for (String split : new String[] { "\u00e9", "\u20ac", "\ud83d\ude00" }) {
			String text = "\u0101".repeat((bound - shift) / 2) + "a".repeat((bound - shift) % 2) + split.repeat(40);
			byte[] payload = utf8(text);
			DatagramText.Escaped shown = DatagramText.loggable(payload, maxChars);
			assertThat(shown.text()).doesNotContain("\ufffd");
			assertThat(shown).isEqualTo(DatagramText.escape(text, maxChars));
			assertThat(DatagramText.decodedLength(payload, maxChars)).isBetween(bound - 3, bound);
		}
	}

	@Test
	void leavesOutOnlyTheIncompleteSequenceAtTheBound() {
		byte[] euro = { 'a', (byte) 0xe2, (byte) 0x82, (byte) 0xac };
		assertThat(DatagramText.wholeSequences(euro, 1)).isEqualTo(1);
		assertThat(DatagramText.wholeSequences(euro, 2)).isEqualTo(1);
		assertThat(DatagramText.wholeSequences(euro, 3)).isEqualTo(1);
		assertThat(DatagramText.wholeSequences(euro, 4)).isEqualTo(4);
		byte[] face = { (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, 'b' };
		assertThat(DatagramText.wholeSequences(face, 1)).isZero();
		assertThat(DatagramText.wholeSequences(face, 3)).isZero();
		assertThat(DatagramText.wholeSequences(face, 4)).isEqualTo(4);
		assertThat(DatagramText.wholeSequences(face, 5)).isEqualTo(5);
		byte[] strays = { 'a', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80 };
		assertThat(DatagramText.wholeSequences(strays, 5)).isEqualTo(5);
		byte[] invalid = { 'a', (byte) 0xff, (byte) 0xc0 };
		assertThat(DatagramText.wholeSequences(invalid, 2)).isEqualTo(2);
		assertThat(DatagramText.wholeSequences(invalid, 3)).isEqualTo(2);
	}

	@Test
	void showsMalformedInputAsReplacementCharacters() {
		byte[] payload = { 'a', (byte) 0xff, 'b', (byte) 0xc0, (byte) 0xaf, 'c', (byte) 0xed, (byte) 0xa0, (byte) 0x80,
				'd', (byte) 0xc3 };
		DatagramText.Escaped shown = DatagramText.loggable(payload, 100);
		assertThat(shown.cut()).isFalse();
		assertThat(shown.text()).isEqualTo(DatagramText.decode(payload)).startsWith("a\ufffdb").endsWith("d\ufffd");
		assertThat(DatagramText.loggable(new byte[] { (byte) 0x80 }, 0)).isEqualTo(new DatagramText.Escaped("", true));
	}

	@Test
	void showsWhatEscapingTheWholeDecodedPayloadWouldShow() {
		// a seeded mix of ASCII, multi-byte, invisible, control and malformed pieces, cut anywhere
		byte[][] pieces = { ascii("a"), ascii("\\"), ascii("\n"), { 0x01 }, utf8("\u00e9"), utf8("\u20ac"),
				utf8("\ud83d\ude00"), utf8("\u200b"), utf8("\u202e"), utf8(codePoints(0xe0041)), { (byte) 0xff },
				{ (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82 }, { (byte) 0xf0, (byte) 0x9f }, { (byte) 0xc3 } };
		Random random = new Random(42);
		for (int run = 0; run < 3_000; run++) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			int count = random.nextInt(80);
			for (int i = 0; i < count; i++) {
				bytes.writeBytes(pieces[random.nextInt(pieces.length)]);
			}
			byte[] payload = bytes.toByteArray();
			int maxChars = random.nextInt(50);
			assertThat(DatagramText.loggable(payload, maxChars)).as("run %d", run)
				.isEqualTo(DatagramText.escape(DatagramText.decode(payload), maxChars));
		}
	}

	private static String codePoints(int... codePoints) {
		return new String(codePoints, 0, codePoints.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
