package com.example.udpsocket.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a started server, as {@code logback-spring.xml} sets it up: the server's
 * own asynchronous console, Spring Boot's line format, and its dropped lines as a meter.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerConsoleLoggingTests {

	@Test
	void theServersConsoleIsItsOwnAsynchronousOneInBootsFormat(CapturedOutput output) {
		try (TestServer server = TestServer.start()) {
			Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
			assertThat(root.getAppender("CONSOLE")).isInstanceOf(ServerConsoleAppender.class);
			assertThat(server.bean(MeterRegistry.class).get(ConsoleMeters.DROPPED).functionCounter().count())
				.isZero();
			LoggerFactory.getLogger("com.example.udpsocket.server.ReplyActivator")
				.info("[Client 127.0.0.1:40000 said]:a line");
			await().until(() -> output.getOut().contains("said]:a line"));
			assertThat(output.getOut()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
					+ "(?:Z|[+-]\\d\\d:\\d\\d)  INFO \\d+ --- \\[udp-socket\\] \\[[ \\w-]{15}\\] "
					+ "c\\.e\\.udpsocket\\.server\\.ReplyActivator +: \\[Client 127\\.0\\.0\\.1:40000 said\\]:a line$");
		}
	}

}
