package com.example.udpsocket.logging;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The console of a started server, as Logback has it configured: the asynchronous
 * appender in front of Boot's console, which renders with the cached layout and is written
 * in batches; the synchronous console on request; and a bad {@code udp.log.*} value
 * stopping the start with Boot's report before the console is touched.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerConsoleLoggingTests {

	static final String PER_DATAGRAM_LOGGER = "com.example.udpsocket.server.ReplyActivator";

	@Test
	void theRunningServersConsoleIsAsynchronousBatchedAndRenderedWithCachedFields(CapturedOutput output) {
		try (ConfigurableApplicationContext server = start()) {
			Logger root = root();
			assertThat(root.getAppender(ConsoleLogging.BOOT_CONSOLE_APPENDER)).isNull();
			CountingAsyncAppender async = (CountingAsyncAppender) root.getAppender(CountingAsyncAppender.NAME);
			assertThat(async.isStarted()).isTrue();
			assertThat(async.isBatching()).isTrue();
			assertThat(async.writer().getName()).isEqualTo(CountingAsyncAppender.WRITER_THREAD);
			ConsoleEncoder encoder = consoleEncoder(async.getAppender(ConsoleLogging.BOOT_CONSOLE_APPENDER));
			assertThat(encoder.getPattern()).contains("[udp-socket] ").doesNotContain("APPLICATION_NAME");
			assertThat(encoder.layout().cachedSegments()).isGreaterThanOrEqualTo(2);
			assertThat(server.getBean(MeterRegistry.class).find(DroppedLogLinesReporter.DROPPED_METER).functionCounter())
				.isNotNull();

			long linesBefore = async.linesWritten();
			long writesBefore = async.writes();
			org.slf4j.Logger perDatagram = LoggerFactory.getLogger(PER_DATAGRAM_LOGGER);
			for (int i = 0; i < 2000; i++) {
				perDatagram.info("[Client 127.0.0.1:40000 said]:line {}", i);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> async.linesWritten() - linesBefore >= 2000);
			assertThat(async.writes() - writesBefore).isLessThan(200);
			assertThat(async.dropped()).isZero();
			assertThat(output.getOut()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
					+ "(?:Z|[+-]\\d\\d:\\d\\d)  INFO \\d+ --- \\[udp-socket\\] \\[[ \\w-]{15}\\] "
					+ "c\\.e\\.udpsocket\\.server\\.ReplyActivator +: \\[Client 127\\.0\\.0\\.1:40000 said\\]:line 1999$");
		}
	}

	@Test
	void asyncOffGivesBootsConsoleWrittenByTheLoggingThreadItself() {
		try (ConfigurableApplicationContext server = start("--udp.log.async=false")) {
			Logger root = root();
			assertThat(root.getAppender(CountingAsyncAppender.NAME)).isNull();
			ConsoleEncoder encoder = consoleEncoder(root.getAppender(ConsoleLogging.BOOT_CONSOLE_APPENDER));
			assertThat(encoder.layout().cachedSegments()).isGreaterThanOrEqualTo(2);
			assertThat(server.getBean(MeterRegistry.class).find(DroppedLogLinesReporter.DROPPED_METER).meters())
				.isEmpty();
		}
	}

	@Test
	void aBadQueueSizeFailsTheStartWithOneReportNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--udp.log.queue-size=0"));
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Action:"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Property: udp.log.queue-size")
			.contains("Value: \"0\"")
			.contains("must be between 16 and 1048576")
			.doesNotContain("ch.qos.logback")
			.doesNotContain("\tat ");
		assertThat(output.getOut().split("APPLICATION FAILED TO START", -1)).hasSize(2);
		assertThat(output.getErr()).doesNotContain("ch.qos.logback").doesNotContain("ERROR in");
	}

	@Test
	void aQueueSizeWrittenInCamelCaseIsReportedUnderItsKebabCaseName(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--udp.log.queueSize=2000000"));
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Action:"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Property: udp.log.queue-size")
			.contains("Value: \"2000000\"");
	}

	private static ConfigurableApplicationContext start(String... extra) {
		String[] args = new String[extra.length + 2];
		args[0] = "--udp.server.port=0";
		args[1] = "--spring.jmx.enabled=false";
		System.arraycopy(extra, 0, args, 2, extra.length);
		return new SpringApplicationBuilder(UdpSocketApplication.class).web(WebApplicationType.NONE)
			.profiles(UdpSocketApplication.SERVER_PROFILE)
			.run(args);
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
	}

	private static ConsoleEncoder consoleEncoder(Appender<ILoggingEvent> appender) {
		assertThat(appender).isInstanceOf(ConsoleAppender.class);
		assertThat(((ConsoleAppender<ILoggingEvent>) appender).getEncoder()).isInstanceOf(ConsoleEncoder.class);
		return (ConsoleEncoder) ((ConsoleAppender<ILoggingEvent>) appender).getEncoder();
	}

}
