package com.example.udpsocket.operations;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/prometheus} as Prometheus itself reads it: the scrape configuration and
 * the alert rules are valid, and every alert fires (and stays quiet) as its unit tests in
 * {@code alerts.test.yml} say.
 */
class PrometheusRulesTests {

	static final Path DIRECTORY = Path.of("deploy", "prometheus");

	@Test
	void alertRulesAreValid() {
		assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
	}

	@Test
	void alertRulesPassTheirUnitTests() {
		assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
	}

	@Test
	void scrapeConfigurationIsValidAndLoadsTheRules() {
		assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS: 1 rule files found");
	}

	/** Runs promtool in {@code deploy/prometheus}; its output, or a failure that shows it. */
	private static String promtool(String... arguments) {
		try (ChildProcess promtool = ChildProcess.command(ExternalTool.PROMTOOL.require().toString())
			.args(arguments)
			.directory(DIRECTORY)
			.start()) {
			int exit = promtool.awaitExit(Timeouts.PROCESS);
			String output = promtool.out() + promtool.err();
			assertThat(exit).as("promtool %s exit code, output:%n%s", String.join(" ", arguments), output).isZero();
			return output;
		}
	}

}
