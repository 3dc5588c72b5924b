package com.example.udpsocket.deploy.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and the alert rules in a real Prometheus that scrapes a real server as
 * {@code deploy/prometheus/prometheus.yml} says (its job and path; every second, at the
 * server's address): the dashboard's variables offer the server's job and the server, every
 * panel query, its variables replaced as Grafana replaces them, returns the server's series
 * (for All and for the one server), the alert rules load and stay quiet while the server
 * works, and when the server stops the outage alerts go pending.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusDashboardTests {

	/** What Grafana would put in for {@code $__rate_interval}: several scrapes of one second. */
	static final String RATE_INTERVAL = "10s";

	/** The instance variable's custom all value, as the dashboard sets it. */
	static final String ALL_INSTANCES = OperatorQueriesTests.variable("instance").path("allValue").asString();

	private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)}|\\$([a-zA-Z_][a-zA-Z0-9_]*)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.ATTEMPT).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path directory;

	static TestServer server;

	static ChildProcess prometheus;

	static URI api;

	static String job;

	static String instance;

	static DatagramChannel client;

	@BeforeAll
	static void startAServerAndAPrometheusThatScrapesIt() throws IOException {
		Path binary = prometheus();
		// with handler threads, so that the handler pool's panel has a pool to show
		server = TestServer.builder().web().args("--udp.server.handler-threads=2").start();
		instance = "127.0.0.1:" + server.httpPort();
		job = PrometheusRulesTests.scrapedJob();
		Path configuration = directory.resolve("prometheus.yml");
		Files.writeString(configuration, scrapingThisServer());
		prometheus = ChildProcess.command(binary.toString())
			.args("--config.file=" + configuration, "--storage.tsdb.path=" + directory.resolve("data"),
					"--web.listen-address=127.0.0.1:0")
			.start();
		String port = Timeouts.await().atMost(Timeouts.PROCESS).until(() -> {
			Matcher listening = LISTENING.matcher(prometheus.err());
			assertThat(prometheus.isAlive()).as("prometheus runs; its log:%n%s", prometheus.err()).isTrue();
			return listening.find() ? listening.group(1) : null;
		}, (found) -> found != null);
		api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
		// the API answers 503 until the storage is open
		Timeouts.await()
			.atMost(Timeouts.PROCESS)
			.untilAsserted(() -> assertThat(send(api.resolve("/-/ready")).statusCode()).isEqualTo(200));
		// traffic that rates see needs a scrape before it
		Timeouts.await()
			.atMost(Timeouts.PROCESS)
			.untilAsserted(() -> assertThat(query("up{job=\"" + job + "\"} == 1")).hasSize(1));
		client = Datagrams.connectedTo(server.port());
		// Micrometer registers the GC meters at the first pause
		System.gc();
	}

	@AfterAll
	static void stop() throws IOException {
		if (client != null) {
			client.close();
		}
		if (prometheus != null) {
			prometheus.stop(Timeouts.GRACE);
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	@Order(1)
	void theVariablesOfferTheServersJobAndTheServer() {
		assertThat(variableValues("job", Map.of())).contains(job);
		assertThat(variableValues("instance", Map.of("job", job))).containsExactly(instance);
	}

	@Test
	@Order(2)
	void everyPanelQueryReturnsTheServersSeriesForAllServersAndForTheOne() {
		List<Map<String, String>> selections = List.of(Map.of("job", job, "instance", ALL_INSTANCES),
				Map.of("job", job, "instance", regexEscaped(instance)));
		Timeouts.await().atMost(Timeouts.PROCESS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			// traffic within every rate's range, a datagram a poll
			Datagrams.exchange(client, "dashboard query " + System.nanoTime());
			for (Map<String, String> selection : selections) {
				for (String panelQuery : OperatorQueriesTests.panelQueries()) {
					String query = grafana(panelQuery, selection);
					List<JsonNode> result = query(query);
					assertThat(result).as("result of %s", query).isNotEmpty();
					for (JsonNode series : result) {
						JsonNode server = series.path("metric").path("instance");
						if (!server.isMissingNode()) {
							assertThat(server.asString()).as("instance of a series of %s", query).isEqualTo(instance);
						}
					}
				}
			}
		});
	}

	@Test
	@Order(3)
	void theAlertRulesLoadAndStayQuietWhileTheServerWorks() {
		Set<String> alerts = new TreeSet<>();
		PrometheusRulesTests.alertRules().forEach((rule) -> alerts.add((String) rule.get("alert")));
		Timeouts.await().atMost(Timeouts.PROCESS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Datagrams.exchange(client, "alert rules " + System.nanoTime());
			Map<String, JsonNode> rules = alertRulesLoaded();
			assertThat(rules.keySet()).as("alert rules Prometheus loaded").isEqualTo(alerts);
			rules.forEach((name, rule) -> {
				assertThat(rule.path("health").asString()).as("health of %s: %s", name, rule.path("lastError"))
					.isEqualTo("ok");
				assertThat(rule.path("state").asString()).as("state of %s: %s", name, rule.path("alerts"))
					.isEqualTo("inactive");
			});
		});
	}

	@Test
	@Order(4)
	void whenTheServerStopsTheOutageAlertsGoPending() {
		server.close();
		Timeouts.await().atMost(Timeouts.PROCESS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Map<String, JsonNode> rules = alertRulesLoaded();
			assertThat(labelsOfActive(rules.get("UdpSocketNoServerUp"))).as("UdpSocketNoServerUp")
				.containsExactly(Map.of("alertname", "UdpSocketNoServerUp", "job", job, "severity", "critical"));
			assertThat(labelsOfActive(rules.get("UdpSocketTargetDown"))).as("UdpSocketTargetDown")
				.singleElement()
				.satisfies((labels) -> assertThat(labels).containsEntry("instance", instance).containsEntry("job", job));
		});
	}

	/**
	 * {@code prometheus.yml} as shipped, its job and path kept, scraping this test's server
	 * every second and loading the alert rules from where they are.
	 */
	@SuppressWarnings("unchecked")
	private static String scrapingThisServer() {
		Map<String, Object> configuration = PrometheusRulesTests.read(PrometheusRulesTests.DIRECTORY.resolve("prometheus.yml"));
		Map<String, Object> global = (Map<String, Object>) configuration.get("global");
		global.put("scrape_interval", "1s");
		global.put("evaluation_interval", "1s");
		List<String> ruleFiles = new ArrayList<>();
		for (Object file : (List<Object>) configuration.get("rule_files")) {
			ruleFiles.add(PrometheusRulesTests.DIRECTORY.resolve((String) file).toAbsolutePath().toString());
		}
		configuration.put("rule_files", ruleFiles);
		Map<String, Object> scrape = ((List<Map<String, Object>>) configuration.get("scrape_configs")).get(0);
		scrape.put("static_configs", List.of(Map.of("targets", List.of(instance))));
		return new Yaml().dump(configuration);
	}

	/** What Prometheus answers for the query variable {@code name}, its variables replaced. */
	private static List<String> variableValues(String name, Map<String, String> values) {
		String query = grafana(OperatorQueriesTests.variableQuery(OperatorQueriesTests.variable(name)), values);
		Matcher labelValues = LABEL_VALUES.matcher(query);
		assertThat(labelValues.matches()).as("label_values(selector, label): %s", query).isTrue();
		List<String> found = new ArrayList<>();
		get("label/" + labelValues.group(2) + "/values?match%5B%5D=" + encode(labelValues.group(1).strip()))
			.forEach((value) -> found.add(value.asString()));
		return found;
	}

	/**
	 * {@code query} with its variables replaced as Grafana's Prometheus data source does:
	 * a value as it is (the tests' values need no escaping), and the rate interval.
	 */
	private static String grafana(String query, Map<String, String> values) {
		Matcher variable = VARIABLE.matcher(query);
		StringBuilder replaced = new StringBuilder();
		while (variable.find()) {
			String name = (variable.group(1) != null) ? variable.group(1) : variable.group(2);
			String value = name.equals("__rate_interval") ? RATE_INTERVAL : values.get(name);
			assertThat(value).as("value of $%s in %s", name, query).isNotNull();
			variable.appendReplacement(replaced, Matcher.quoteReplacement(value));
		}
		return variable.appendTail(replaced).toString();
	}

	/**
	 * A value of a multi-value variable as Grafana puts it in a PromQL regex: each regular
	 * expression character escaped, with the backslash doubled inside the PromQL string.
	 */
	static String regexEscaped(String value) {
		return value.replaceAll("([\\\\^$*+?.()|{}\\[\\]'])", "\\\\\\\\$1");
	}

	private static Map<String, JsonNode> alertRulesLoaded() {
		Map<String, JsonNode> rules = new LinkedHashMap<>();
		for (JsonNode group : get("rules?type=alert").path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				rules.put(rule.path("name").asString(), rule);
			}
		}
		return rules;
	}

	/** The labels of each pending or firing alert of {@code rule}. */
	private static List<Map<String, String>> labelsOfActive(JsonNode rule) {
		assertThat(rule).as("rule").isNotNull();
		List<Map<String, String>> active = new ArrayList<>();
		for (JsonNode alert : rule.path("alerts")) {
			Map<String, String> labels = new LinkedHashMap<>();
			alert.path("labels").properties().forEach((label) -> labels.put(label.getKey(), label.getValue().asString()));
			active.add(labels);
		}
		return active;
	}

	private static List<JsonNode> query(String query) {
		List<JsonNode> result = new ArrayList<>();
		JsonNode data = get("query?query=" + encode(query));
		assertThat(data.path("resultType").asString()).as("result type of %s", query).isEqualTo("vector");
		data.path("result").forEach(result::add);
		return result;
	}

	/**
	 * {@code GET path} on Prometheus's API: its data. An error (a query Prometheus cannot
	 * parse) ends the test at once instead of being waited out.
	 */
	private static JsonNode get(String path) {
		HttpResponse<String> response = send(api.resolve(path));
		if (!response.body().startsWith("{")) {
			throw new IllegalStateException("GET " + api.resolve(path) + ": " + response.statusCode() + " " + response.body());
		}
		JsonNode body = json.readTree(response.body());
		if (!body.path("status").asString().equals("success")) {
			throw new IllegalStateException("GET " + api.resolve(path) + ": " + response.body());
		}
		return body.path("data");
	}

	private static HttpResponse<String> send(URI uri) {
		try {
			return http.send(HttpRequest.newBuilder(uri).timeout(Timeouts.AWAIT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Prometheus itself; without it the tests are skipped, or fail where every tool is required. */
	private static Path prometheus() {
		return ExternalTool.PROMETHEUS.require();
	}

}
