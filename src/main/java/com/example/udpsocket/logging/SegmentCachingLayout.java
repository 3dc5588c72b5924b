package com.example.udpsocket.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.DateConverter;
import ch.qos.logback.classic.pattern.LevelConverter;
import ch.qos.logback.classic.pattern.LineSeparatorConverter;
import ch.qos.logback.classic.pattern.LoggerConverter;
import ch.qos.logback.classic.pattern.ThreadConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.pattern.LiteralConverter;
import ch.qos.logback.core.pattern.PostCompileProcessor;

import org.springframework.boot.logging.logback.ColorConverter;

/**
 * Logback's pattern layout, with the parts of a line that do not change from one line to
 * the next rendered once. Spring Boot's console pattern spends most of its time on the
 * fields before the message: timestamp, level, PID, application name, thread and logger,
 * each padded and wrapped in a colour converter. Those depend only on the event's
 * millisecond, level, thread name and logger name, which the per-datagram lines share
 * (a thousand lines a millisecond at most, from one thread and one logger), so each run
 * of such converters keeps its last output and the key it was made for, and renders again
 * only when the key changes. The message, the exception and anything else is rendered for
 * every line, as Logback does.
 * <p>
 * The converters are Logback's own, parsed from the same pattern with the same conversion
 * rules, so the bytes are the same as {@link PatternLayout}'s; only converters whose
 * output is known to depend on nothing but those four fields are cached (a converter this
 * class does not know is always rendered). Colour converters follow Spring Boot's
 * {@code spring.output.ansi.enabled}, which is settled before the console is set up.
 */
public final class SegmentCachingLayout extends PatternLayout {

	static final int TIME = 1;

	static final int LEVEL = 2;

	static final int THREAD = 4;

	static final int LOGGER = 8;

	/** Depends on something other than the four fields: rendered for every event. */
	static final int EVENT = 16;

	private Converter<ILoggingEvent> compiled;

	private Segment[] segments = new Segment[0];

	public SegmentCachingLayout() {
		PostCompileProcessor<ILoggingEvent> standard = this.postCompileProcessor;
		setPostCompileProcessor((context, head) -> {
			if (standard != null) {
				standard.process(context, head);
			}
			this.compiled = head;
		});
	}

	@Override
	public void start() {
		super.start();
		if (isStarted()) {
			this.segments = plan(this.compiled);
		}
	}

	@Override
	public String doLayout(ILoggingEvent event) {
		if (!isStarted()) {
			return "";
		}
		StringBuilder line = new StringBuilder(256);
		appendTo(line, event);
		return line.toString();
	}

	/** Appends the event's line to {@code line}, as {@link #doLayout} would return it. */
	public void appendTo(StringBuilder line, ILoggingEvent event) {
		for (Segment segment : this.segments) {
			segment.write(line, event);
		}
	}

	/** How many runs of converters are cached (for tests and diagnostics). */
	public int cachedSegments() {
		int cached = 0;
		for (Segment segment : this.segments) {
			if (segment.dependencies != EVENT) {
				cached++;
			}
		}
		return cached;
	}

	/**
	 * Groups the top-level converters: consecutive ones that depend only on level, thread
	 * and logger go together; one that also depends on the time goes alone (its output
	 * changes every millisecond, the others' almost never); anything else is rendered
	 * directly.
	 */
	private static Segment[] plan(Converter<ILoggingEvent> head) {
		List<Segment> segments = new ArrayList<>();
		List<Converter<ILoggingEvent>> run = new ArrayList<>();
		int runDependencies = 0;
		for (Converter<ILoggingEvent> converter = head; converter != null; converter = converter.getNext()) {
			int dependencies = dependencies(converter);
			boolean joinsRun = (dependencies & (EVENT | TIME)) == 0;
			if (!joinsRun && !run.isEmpty()) {
				segments.add(new Segment(run, runDependencies));
				run = new ArrayList<>();
				runDependencies = 0;
			}
			if (joinsRun) {
				run.add(converter);
				runDependencies |= dependencies;
			}
			else {
				segments.add(new Segment(List.of(converter), ((dependencies & EVENT) != 0) ? EVENT : dependencies));
			}
		}
		if (!run.isEmpty()) {
			segments.add(new Segment(run, runDependencies));
		}
		return segments.toArray(Segment[]::new);
	}

	/** What a converter's output depends on, children included. */
	static int dependencies(Converter<ILoggingEvent> converter) {
		if (converter instanceof LiteralConverter || converter instanceof LineSeparatorConverter) {
			return 0;
		}
		if (converter instanceof DateConverter) {
			// DateConverter formats getTimeStamp(), milliseconds, whatever its pattern
			return TIME;
		}
		if (converter instanceof LevelConverter) {
			return LEVEL;
		}
		if (converter instanceof ThreadConverter) {
			return THREAD;
		}
		if (converter instanceof LoggerConverter) {
			return LOGGER;
		}
		if (converter instanceof ColorConverter color) {
			// colour by level unless an explicit colour is given; the text is the children's
			return LEVEL | chainDependencies(color.getChildConverter());
		}
		return EVENT;
	}

	private static int chainDependencies(Converter<ILoggingEvent> head) {
		int dependencies = 0;
		for (Converter<ILoggingEvent> converter = head; converter != null; converter = converter.getNext()) {
			dependencies |= dependencies(converter);
		}
		return dependencies;
	}

	/** Converters rendered together, with their last output if they are cached. */
	private static final class Segment {

		final Converter<ILoggingEvent>[] converters;

		final int dependencies;

		/** Replaced whole, so that threads sharing the layout see a consistent key and text. */
		private volatile Rendered last;

		@SuppressWarnings("unchecked")
		Segment(List<Converter<ILoggingEvent>> converters, int dependencies) {
			this.converters = converters.toArray(Converter[]::new);
			this.dependencies = dependencies;
		}

		void write(StringBuilder line, ILoggingEvent event) {
			if (this.dependencies == EVENT) {
				for (Converter<ILoggingEvent> converter : this.converters) {
					converter.write(line, event);
				}
				return;
			}
			long millis = ((this.dependencies & TIME) != 0) ? event.getTimeStamp() : 0;
			Level level = ((this.dependencies & LEVEL) != 0) ? event.getLevel() : null;
			String thread = ((this.dependencies & THREAD) != 0) ? event.getThreadName() : null;
			String logger = ((this.dependencies & LOGGER) != 0) ? event.getLoggerName() : null;
			Rendered rendered = this.last;
			if (rendered == null || !rendered.isFor(millis, level, thread, logger)) {
				int start = line.length();
				for (Converter<ILoggingEvent> converter : this.converters) {
					converter.write(line, event);
				}
				this.last = new Rendered(millis, level, thread, logger, line.substring(start));
				return;
			}
			line.append(rendered.text);
		}

	}

	private record Rendered(long millis, Level level, String thread, String logger, String text) {

		boolean isFor(long millis, Level level, String thread, String logger) {
			return this.millis == millis && this.level == level && Objects.equals(this.thread, thread)
					&& Objects.equals(this.logger, logger);
		}

	}

}
