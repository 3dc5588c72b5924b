package com.example.udpsocket.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * The console's encoder for a pattern: Logback's, with the {@link SegmentCachingLayout}.
 * Besides encoding one event, it appends the characters of a line to a buffer, so that
 * the asynchronous console can encode many lines at once without a string per line.
 */
public final class ConsoleEncoder extends LayoutWrappingEncoder<ILoggingEvent> {

	private String pattern;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public String getPattern() {
		return this.pattern;
	}

	@Override
	public void start() {
		SegmentCachingLayout layout = new SegmentCachingLayout();
		layout.setContext(getContext());
		layout.setPattern(this.pattern);
		layout.start();
		this.layout = layout;
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		if (this.layout != null) {
			this.layout.stop();
		}
	}

	/** The layout that renders each line. */
	public SegmentCachingLayout layout() {
		return (SegmentCachingLayout) this.layout;
	}

	/** Appends the event's line, as {@link #encode} would encode it, to {@code line}. */
	void appendTo(StringBuilder line, ILoggingEvent event) {
		layout().appendTo(line, event);
	}

}
