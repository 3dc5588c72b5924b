package com.example.udpsocket.deploy.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/prometheus} as Prometheus itself reads it: the scrape configuration and
 * the alert rules are valid, and every alert fires (and stays quiet) as its unit tests in
 * {@code alerts.test.yml} say. Every alert reads the scrape configuration's job only, is
 * unit-tested both firing and quiet, and links its runbook: its section in HELP.md.
 */
class PrometheusRulesTests {

	static final Path DIRECTORY = Path.of("deploy", "prometheus");

	static final Path HELP = Path.of("HELP.md");

	/**
	 * Alerts whose runbook section HELP.md does not have yet: its Troubleshooting section
	 * gets one {@code ### <alert name>} heading per alert. Remove each from this set once
	 * HELP.md has it; {@link #everyRunbookLinkFindsItsSectionInHelp()} fails until then for
	 * one that is there and still listed here.
	 */

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

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

	@Test
	void everyAlertReadsTheScrapedJobOnly() {
		String job = scrapedJob();
		for (Map<String, Object> rule : alertRules()) {
			String expression = (String) rule.get("expr");
			assertThat(PromQlMetricNames.selectors(expression)).as("selectors of %s", rule.get("alert"))
				.isNotEmpty()
				.allMatch((selector) -> selector.has("job", "=", job), "match job=\"" + job + "\"");
		}
	}

	@Test
	void everyAlertLinksItsRunbookAndSaysWhatHappened() {
		for (Map<String, Object> rule : alertRules()) {
			String alert = (String) rule.get("alert");
			Map<String, Object> annotations = annotations(rule);
			assertThat(annotations).as("annotations of %s", alert)
				.containsEntry("runbook_url", "HELP.md#" + alert.toLowerCase())
				.containsKeys("summary", "description");
			assertThat(rule).as("labels of %s", alert).containsKey("labels");
			assertThat(((Map<?, ?>) rule.get("labels")).get("severity")).as("severity of %s", alert)
				.isIn("critical", "warning");
		}
	}

	@Test
	void everyAlertIsUnitTestedFiringAndQuiet() {
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Map<String, Object> group : list(read(DIRECTORY.resolve("alerts.test.yml")).get("tests"))) {
			for (Map<String, Object> test : list(group.get("alert_rule_test"))) {
				Object expected = test.get("exp_alerts");
				boolean fires = (expected instanceof List<?> alerts) && !alerts.isEmpty();
				(fires ? firing : quiet).add((String) test.get("alertname"));
			}
		}
		Set<String> alerts = new TreeSet<>();
		alertRules().forEach((rule) -> alerts.add((String) rule.get("alert")));
		assertThat(firing).as("alerts with a unit test where they fire").containsAll(alerts);
		assertThat(quiet).as("alerts with a unit test where they stay quiet").containsAll(alerts);
		assertThat(alerts).as("alerts tested").containsAll(firing).containsAll(quiet);
	}

	@Test
	void everyRunbookLinkFindsItsSectionInHelp() throws IOException {
		Set<String> anchors = new TreeSet<>();
		Matcher heading = HEADING.matcher(Files.readString(HELP));
		while (heading.find()) {
			anchors.add(anchor(heading.group(1)));
		}
		Set<String> alerts = new TreeSet<>();
		alertRules().forEach((rule) -> alerts.add((String) rule.get("alert")));
		for (String alert : alerts) {
			String fragment = ((String) annotations(rule(alert)).get("runbook_url")).replaceFirst("^HELP\\.md#", "");
			assertThat(anchors).as("sections of HELP.md").contains(fragment);
		}
	}

	/** The anchor GitHub gives a heading: lower case, punctuation but hyphens left out, spaces as hyphens. */
	static String anchor(String heading) {
		return heading.strip().toLowerCase().replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
	}

	/** The job of the scrape configuration: the one job every rule must read. */
	static String scrapedJob() {
		List<Map<String, Object>> jobs = list(read(DIRECTORY.resolve("prometheus.yml")).get("scrape_configs"));
		assertThat(jobs).as("scrape jobs of prometheus.yml").hasSize(1);
		return (String) jobs.get(0).get("job_name");
	}

	static List<Map<String, Object>> alertRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : list(read(DIRECTORY.resolve("alerts.yml")).get("groups"))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				if (rule.containsKey("alert")) {
					rules.add(rule);
				}
			}
		}
		assertThat(rules).as("alert rules").isNotEmpty();
		return rules;
	}

	private static Map<String, Object> rule(String alert) {
		return alertRules().stream().filter((rule) -> alert.equals(rule.get("alert"))).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> annotations(Map<String, Object> rule) {
		Object annotations = rule.get("annotations");
		return (annotations != null) ? (Map<String, Object>) annotations : new LinkedHashMap<>();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	static Map<String, Object> read(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
