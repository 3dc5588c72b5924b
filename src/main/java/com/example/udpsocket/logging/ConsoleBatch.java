package com.example.udpsocket.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Console lines collected into one buffer and written with one {@code write} per batch:
 * as many lines as came since the last batch when they come fast, a single line when they
 * come one at a time. With a {@link ConsoleEncoder} the characters of each line go
 * straight into the buffer (no string or array per line); any other encoder (Spring Boot's
 * structured formats) encodes each event as it always does and its bytes are copied in.
 * Used by the console's writer thread only.
 */
final class ConsoleBatch {

	static final int BUFFER_BYTES = 64 * 1024;

	private final OutputStream out;

	private final Encoder<ILoggingEvent> encoder;

	private final ConsoleEncoder lineEncoder;

	private final byte[] buffer = new byte[BUFFER_BYTES];

	private final ByteBuffer bytes = ByteBuffer.wrap(this.buffer);

	private final CharsetEncoder charsetEncoder;

	private final StringBuilder line = new StringBuilder(512);

	private char[] chars = new char[512];

	private CharBuffer charBuffer = CharBuffer.wrap(this.chars);

	private int pendingLines;

	private long writes;

	private long lines;

	ConsoleBatch(OutputStream out, Encoder<ILoggingEvent> encoder) {
		this.out = out;
		this.encoder = encoder;
		this.lineEncoder = (encoder instanceof ConsoleEncoder console) ? console : null;
		Charset charset = (this.lineEncoder != null && this.lineEncoder.getCharset() != null)
				? this.lineEncoder.getCharset() : Charset.defaultCharset();
		// what String.getBytes does with what the charset cannot encode
		this.charsetEncoder = charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
	}

	/** Adds one event's line; writes the buffer first if it is full. */
	void add(ILoggingEvent event) throws IOException {
		if (this.lineEncoder != null) {
			this.line.setLength(0);
			this.lineEncoder.appendTo(this.line, event);
			addChars(this.line);
		}
		else {
			addBytes(this.encoder.encode(event));
		}
		this.pendingLines++;
	}

	private void addChars(StringBuilder text) throws IOException {
		int length = text.length();
		if (length > this.chars.length) {
			this.chars = new char[Math.max(length, this.chars.length * 2)];
			this.charBuffer = CharBuffer.wrap(this.chars);
		}
		text.getChars(0, length, this.chars, 0);
		CharBuffer in = this.charBuffer;
		in.clear().limit(length);
		this.charsetEncoder.reset();
		while (true) {
			CoderResult result = this.charsetEncoder.encode(in, this.bytes, true);
			if (result.isUnderflow()) {
				result = this.charsetEncoder.flush(this.bytes);
			}
			if (result.isUnderflow()) {
				return;
			}
			if (result.isOverflow()) {
				writeBuffer();
			}
			else {
				// not with REPLACE; but a line is never worth an endless loop
				return;
			}
		}
	}

	private void addBytes(byte[] encoded) throws IOException {
		if (encoded == null || encoded.length == 0) {
			return;
		}
		if (encoded.length > this.bytes.remaining()) {
			writeBuffer();
		}
		if (encoded.length > this.bytes.remaining()) {
			this.out.write(encoded);
			this.writes++;
			return;
		}
		this.bytes.put(encoded);
	}

	/** Writes what the buffer holds, if anything, and flushes the stream. */
	void flush() throws IOException {
		if (this.bytes.position() > 0) {
			writeBuffer();
			this.out.flush();
		}
		this.lines += this.pendingLines;
		this.pendingLines = 0;
	}

	/** Lines added since the last flush: what a failed write loses. */
	int pendingLines() {
		return this.pendingLines;
	}

	/** Forgets what the buffer holds (after a failed write). */
	void discard() {
		this.bytes.clear();
		this.pendingLines = 0;
	}

	private void writeBuffer() throws IOException {
		int length = this.bytes.position();
		this.bytes.clear();
		this.out.write(this.buffer, 0, length);
		this.writes++;
	}

	/** {@code write} calls so far. */
	long writes() {
		return this.writes;
	}

	/** Lines written so far. */
	long lines() {
		return this.lines;
	}

}
