package com.example.udpsocket.server;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's meters as Prometheus sees them, by the names dashboards and alerts use:
 * Micrometer's conventions (base units in the name, {@code _total} for counters), all
 * under {@code udp_}, and every outcome present from the start.
 */
class MeterNamesTests {

	static TestServer server;

	static String scrape;

	@BeforeAll
	static void startServer() {
		server = TestServer.builder().web().start();
		scrape = server.get("/actuator/prometheus").body();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void exportsTheServersMetersUnderTheirPrometheusNames() {
		assertThat(names()).contains("udp_server_datagrams_received_total", "udp_server_payload_received_bytes_total",
				"udp_server_payload_sent_bytes_total", "udp_server_kernel_drops_total",
				"udp_server_receiving", "udp_server_ratelimit_memory_bytes", "udp_server_ratelimit_dryrun_total");
		assertThat(scrape).contains("udp_server_receiving 1.0", "udp_server_ratelimit_memory_bytes 524288.0");
	}

	@Test
	void countsEveryOutcomeFromTheStart() {
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			assertThat(scrape).contains("udp_server_datagrams_received_total{outcome=\"" + outcome.tag() + "\"} 0.0");
		}
	}

	@Test
	void namesOwnMetersWithoutHyphensAllUnderUdp() {
		List<String> ours = names().stream().filter((name) -> name.startsWith("udp")).toList();
		assertThat(ours).isNotEmpty().allSatisfy((name) -> assertThat(name).matches("udp_[a-z0-9_]+"));
		assertThat(names()).noneMatch((name) -> name.startsWith("logging_lines"));
		assertThat(Arrays.stream(DatagramOutcome.values()).map(DatagramOutcome::tag))
			.allSatisfy((tag) -> assertThat(tag).matches("[a-z_]+"));
	}

	private static Set<String> names() {
		return scrape.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

}
