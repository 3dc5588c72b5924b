package com.example.udpsocket.deploy.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators look at asks for what the server exports: every metric named by a query
 * of the Grafana dashboard ({@code deploy/grafana}) or an expression of the alert rules
 * ({@code deploy/prometheus/alerts.yml}) is in the running server's
 * {@code /actuator/prometheus}, and so is every datagram outcome they name. Every panel
 * reads the job and the servers chosen on the dashboard only, in the unit of what it
 * computes. {@link PrometheusDashboardTests} runs the same queries in Prometheus.
 */
class OperatorQueriesTests {

	static final Path DASHBOARD = Path.of("deploy", "grafana", "udp-socket.json");

	static final Path ALERT_RULES = Path.of("deploy", "prometheus", "alerts.yml");

	static final String DATAGRAMS = "udp_server_datagrams_received_total";

	/** Series Prometheus writes itself for every target, which no application exports. */
	static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up");

	static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s");

	/** The dashboard's variables, as every panel query must use them. */
	static final String JOB = "$job";

	static final String INSTANCE = "$instance";

	/** Functions over a range of a counter: what they return is per second (increase aside). */
	static final Pattern PER_SECOND = Pattern.compile("\\b(rate|irate)\\s*\\(");

	static List<String> queries;

	static TestServer server;

	@BeforeAll
	static void readTheDashboardAndTheAlertRulesAndStartAServer() {
		queries = new ArrayList<>();
		queries.addAll(dashboardQueries());
		queries.addAll(alertExpressions());
		server = TestServer.builder().web().start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void everyMetricTheDashboardAndTheAlertsNameIsExported() {
		Map<String, Set<String>> scrape = scrapeOfAServerThatHasSeenTraffic();
		Map<String, String> used = PromQlMetricNames.inAll(queries);
		assertThat(used).as("metrics named by the dashboard and the alert rules").isNotEmpty();
		Map<String, String> missing = new LinkedHashMap<>();
		used.forEach((name, query) -> {
			if (!scrape.containsKey(name) && !WRITTEN_BY_PROMETHEUS.contains(name)) {
				missing.put(name, query);
			}
		});
		assertThat(missing).as("metrics not in /actuator/prometheus (name: first query naming it)").isEmpty();
	}

	@Test
	void everyDatagramOutcomeTheyNameIsCounted() {
		Map<String, Set<String>> scrape = scrapeOfAServerThatHasSeenTraffic();
		Set<String> named = new TreeSet<>();
		queries.forEach((query) -> named.addAll(PromQlMetricNames.matchedValues(query, "outcome")));
		assertThat(named).as("outcomes named").isNotEmpty();
		Set<String> counted = new TreeSet<>();
		for (String labels : scrape.getOrDefault(DATAGRAMS, Set.of())) {
			Matcher outcome = Pattern.compile("outcome=\"([^\"]*)\"").matcher(labels);
			if (outcome.find()) {
				counted.add(outcome.group(1));
			}
		}
		assertThat(counted).as("outcomes in %s", DATAGRAMS).containsAll(named);
	}

	@Test
	void everyPanelReadsTheChosenJobAndServersOnly() {
		for (JsonNode panel : panels(readDashboard())) {
			for (JsonNode target : panel.path("targets")) {
				String query = target.get("expr").asString();
				List<PromQlMetricNames.Selector> selectors = PromQlMetricNames.selectors(query);
				assertThat(selectors).as("selectors of %s: %s", panel.get("title"), query).isNotEmpty();
				assertThat(selectors).as("selectors of %s without job=\"%s\" and instance=~\"%s\": %s",
						panel.get("title"), JOB, INSTANCE, query)
					.allMatch((selector) -> selector.has("job", "=", JOB) && selector.has("instance", "=~", INSTANCE));
			}
		}
	}

	@Test
	void theServersToChooseFromAreThoseOfTheChosenJob() {
		JsonNode job = variable("job");
		assertThat(job.path("includeAll").asBoolean()).as("job offers All").isFalse();
		assertThat(job.path("multi").asBoolean()).as("job takes several values").isFalse();
		JsonNode instance = variable("instance");
		String query = variableQuery(instance);
		assertThat(PromQlMetricNames.selectors(query)).as("selector of the instance variable: %s", query)
			.singleElement()
			.matches((selector) -> selector.has("job", "=", JOB), "matches job=\"" + JOB + "\"");
		assertThat(query).as("the instance variable lists the label instance").endsWith(", instance)");
		// on a change of the time range (2), so that servers started since the dashboard opened are offered
		assertThat(instance.path("refresh").asInt()).isEqualTo(2);
	}

	@Test
	void everyQueryHasTheUnitOfWhatItComputes() {
		for (JsonNode panel : panels(readDashboard())) {
			JsonNode fieldConfig = panel.path("fieldConfig");
			Map<String, String> units = new LinkedHashMap<>();
			for (JsonNode target : panel.path("targets")) {
				units.put(target.get("refId").asString(), fieldConfig.path("defaults").path("unit").asString());
			}
			for (JsonNode override : fieldConfig.path("overrides")) {
				JsonNode matcher = override.path("matcher");
				assertThat(matcher.path("id").asString()).as("override matcher of %s: by query, not by a legend",
						panel.get("title"))
					.isEqualTo("byFrameRefID");
				String refId = matcher.path("options").asString();
				assertThat(units).as("queries of %s", panel.get("title")).containsKey(refId);
				for (JsonNode property : override.path("properties")) {
					if (property.path("id").asString().equals("unit")) {
						units.put(refId, property.path("value").asString());
					}
				}
			}
			for (JsonNode target : panel.path("targets")) {
				String query = target.get("expr").asString();
				assertThat(units.get(target.get("refId").asString())).as("unit of %s, query %s: %s",
						panel.get("title"), target.get("refId").asString(), query)
					.isEqualTo(unitOf(query));
			}
		}
	}

	/**
	 * Grafana's unit for what {@code query} computes: every quotient on the dashboard is a
	 * share ({@code percentunit}); a rate of seconds is seconds a second, a share of time
	 * too; a rate of bytes is {@code Bps}, of anything else {@code ops}; a gauge of bytes is
	 * {@code bytes}, a {@code _usage} gauge a share (Micrometer's CPU use, 0 to 1), any other
	 * a count ({@code short}).
	 */
	static String unitOf(String query) {
		String text = PromQlMetricNames.withoutLiterals(query);
		if (text.contains("/")) {
			return "percentunit";
		}
		String metric = PromQlMetricNames.of(query).iterator().next();
		if (PER_SECOND.matcher(text).find()) {
			if (metric.endsWith("_seconds_sum") || metric.endsWith("_seconds_total")) {
				return "percentunit";
			}
			return metric.endsWith("_bytes_total") ? "Bps" : "ops";
		}
		if (metric.endsWith("_bytes")) {
			return "bytes";
		}
		return metric.endsWith("_usage") ? "percentunit" : "short";
	}

	@Test
	void everyPanelHasAQueryAndItsOwnId() {
		JsonNode dashboard = readDashboard();
		Set<Integer> ids = new TreeSet<>();
		for (JsonNode panel : panels(dashboard)) {
			assertThat(ids.add(panel.get("id").asInt())).as("panel id %s is unique", panel.get("id")).isTrue();
			if (!panel.get("type").asString().equals("row")) {
				assertThat(panel.get("targets")).as("targets of %s", panel.get("title")).isNotEmpty();
				panel.get("targets").forEach((target) -> assertThat(target.get("expr").asString()).isNotBlank());
			}
		}
	}

	/**
	 * Series name to the label sets seen, once the server has answered a datagram or two
	 * and the JVM has collected garbage (Micrometer registers GC meters at the first pause).
	 */
	private Map<String, Set<String>> scrapeOfAServerThatHasSeenTraffic() {
		try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
			// the meters exist once the server runs; a reply, if one comes, moves them
			for (int i = 0; i < 2; i++) {
				Datagrams.exchange(client, "operator queries " + i);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.gc();
		Map<String, Set<String>> scrape = new LinkedHashMap<>();
		await().untilAsserted(() -> {
			scrape.clear();
			scrape.putAll(scrape());
			assertThat(scrape).containsKey("jvm_gc_pause_seconds_count");
		});
		return scrape;
	}

	private Map<String, Set<String>> scrape() {
		HttpResponse<String> response = server.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Set<String>> series = new LinkedHashMap<>();
		for (String line : response.body().split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (!line.startsWith("#") && sample.find()) {
				series.computeIfAbsent(sample.group(1), (name) -> new TreeSet<>())
					.add((sample.group(2) != null) ? sample.group(2) : "");
			}
		}
		return series;
	}

	/** Every panel's queries (rows' panels too) and every query variable's. */
	static List<String> dashboardQueries() {
		List<String> found = panelQueries();
		for (JsonNode variable : readDashboard().path("templating").path("list")) {
			if (variable.path("type").asString().equals("query")) {
				found.add(variableQuery(variable));
			}
		}
		return found;
	}

	/** The dashboard's variable {@code name}. */
	static JsonNode variable(String name) {
		for (JsonNode variable : readDashboard().path("templating").path("list")) {
			if (variable.path("name").asString().equals(name)) {
				return variable;
			}
		}
		throw new AssertionError("no variable " + name + " in " + DASHBOARD);
	}

	/** The query of a query variable, in either of the forms Grafana writes. */
	static String variableQuery(JsonNode variable) {
		JsonNode query = variable.get("query");
		return query.isObject() ? query.get("query").asString() : query.asString();
	}

	/** The expressions of every panel's queries. */
	static List<String> panelQueries() {
		List<String> found = new ArrayList<>();
		for (JsonNode panel : panels(readDashboard())) {
			for (JsonNode target : panel.path("targets")) {
				found.add(target.get("expr").asString());
			}
		}
		return found;
	}

	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		assertThat(panels).as("panels of %s", DASHBOARD).isNotEmpty();
		return panels;
	}

	static JsonNode readDashboard() {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<String> alertExpressions() {
		try (InputStream in = Files.newInputStream(ALERT_RULES)) {
			Map<String, Object> file = new Yaml().load(in);
			List<String> found = new ArrayList<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					found.add((String) rule.get("expr"));
				}
			}
			assertThat(found).as("rules of %s", ALERT_RULES).isNotEmpty();
			return found;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
