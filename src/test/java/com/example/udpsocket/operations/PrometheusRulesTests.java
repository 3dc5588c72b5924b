package com.example.udpsocket.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ExternalTool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/prometheus} as Prometheus itself reads it: the scrape configuration and
 * the alert rules are valid, and every alert fires (and stays quiet) as its unit tests in
 * {@code alerts.test.yml} say.
 */
class PrometheusRulesTests {

	static final Path DIRECTORY = Path.of("deploy", "prometheus");

	static final long TIMEOUT_SECONDS = 60;

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
		List<String> command = new ArrayList<>();
		command.add(ExternalTool.PROMTOOL.require().toString());
		command.addAll(List.of(arguments));
		try {
			// to a file, so that no output can fill a pipe and hold the process up
			Path out = Files.createTempFile("promtool", ".out");
			out.toFile().deleteOnExit();
			Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(out.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
			}
			String output = Files.readString(out, StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as("%s exit code, output:%n%s", String.join(" ", command), output)
				.isZero();
			return output;
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
