package com.example.udpsocket.logging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ansi.AnsiOutput;
import org.springframework.boot.logging.logback.ColorConverter;
import org.springframework.boot.logging.logback.EnclosedInSquareBracketsConverter;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout with cached segments renders every line exactly as Logback's pattern layout
 * does, for Spring Boot's console pattern, across milliseconds, levels, threads, loggers,
 * messages and exceptions, with colours on and off.
 */
class SegmentCachingLayoutTests {

	/** Spring Boot's console pattern, with a PID and the application name written in. */
	static final String BOOT_PATTERN = "%clr(%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}){faint} %clr(%5p){} %clr(4242){magenta} "
			+ "%clr(--- [udp-socket] [%15.15t] ){faint}%clr(%-40.40logger{39}){cyan} %clr(:){faint} %m%n%wEx";

	private final LoggerContext context = new LoggerContext();

	SegmentCachingLayoutTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
		rules.put("clr", ColorConverter::new);
		rules.put("esb", EnclosedInSquareBracketsConverter::new);
		rules.put("wEx", ExtendedWhitespaceThrowableProxyConverter::new);
		this.context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
	}

	@AfterEach
	void resetAnsi() {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.DETECT);
	}

	@Test
	void rendersBootsConsolePatternByteForByte() {
		assertSameAsLogback(BOOT_PATTERN, AnsiOutput.Enabled.NEVER);
	}

	@Test
	void rendersBootsColouredConsolePatternByteForByte() {
		assertSameAsLogback(BOOT_PATTERN, AnsiOutput.Enabled.ALWAYS);
	}

	@Test
	void rendersOtherPatternsByteForByteToo() {
		assertSameAsLogback("%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} %X{user} - %msg%n", AnsiOutput.Enabled.NEVER);
		assertSameAsLogback("%relative %level %msg %ex{short}%n", AnsiOutput.Enabled.NEVER);
	}

	@Test
	void cachesTheFixedFieldsOfBootsPattern() {
		SegmentCachingLayout layout = start(new SegmentCachingLayout(), BOOT_PATTERN);
		// the timestamp alone; level, PID, name, thread and logger together; the line separator
		assertThat(layout.cachedSegments()).isEqualTo(3);
		assertThat(SegmentCachingLayout.dependencies(new ch.qos.logback.classic.pattern.MessageConverter()))
			.isEqualTo(SegmentCachingLayout.EVENT);
	}

	private void assertSameAsLogback(String pattern, AnsiOutput.Enabled ansi) {
		AnsiOutput.setEnabled(ansi);
		PatternLayout logback = start(new PatternLayout(), pattern);
		SegmentCachingLayout cached = start(new SegmentCachingLayout(), pattern);
		for (LoggingEvent event : events()) {
			assertThat(cached.doLayout(event)).isEqualTo(logback.doLayout(event));
		}
	}

	private <T extends PatternLayout> T start(T layout, String pattern) {
		layout.setContext(this.context);
		layout.setPattern(pattern);
		layout.start();
		return layout;
	}

	private List<LoggingEvent> events() {
		List<LoggingEvent> events = new ArrayList<>();
		long time = 1_764_633_600_123L;
		String[] loggers = { "com.example.udpsocket.server.ReplyActivator", "org.springframework.boot.SpringApplication",
				"x" };
		String[] threads = { "udp-handler-1", "main", "a-thread-name-longer-than-fifteen" };
		Level[] levels = { Level.INFO, Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG, Level.TRACE };
		for (int i = 0; i < 300; i++) {
			Throwable failure = (i % 97 == 0) ? new IllegalStateException("failure " + i) : null;
			LoggingEvent event = new LoggingEvent(getClass().getName(),
					this.context.getLogger(loggers[(i / 50) % loggers.length]), levels[(i / 7) % levels.length],
					"[Client 127.0.0.1:" + (40000 + i) + " said]:héllo ✓ " + i, failure, null);
			event.setThreadName(threads[(i / 30) % threads.length]);
			// several lines a millisecond, and now and then a new second
			time += (i % 4 == 0) ? 1 : 0;
			time += (i % 100 == 0) ? 997 : 0;
			event.setTimeStamp(time);
			events.add(event);
		}
		return events;
	}

}
