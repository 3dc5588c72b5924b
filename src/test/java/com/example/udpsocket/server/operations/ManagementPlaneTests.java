package com.example.udpsocket.server.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management plane (Actuator over HTTP) as it ships: on loopback unless a deployment
 * says otherwise, read-only on every exposed endpoint, and no more about the JVM than its
 * operators asked for.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagementPlaneTests {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Timeouts.ATTEMPT).build();

	/** Every way HTTP asks an endpoint to change something (a write, a delete, a partial update). */
	static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

	/** A value for each path variable the discovery page's templated links name. */
	static final Map<String, String> PATH_VARIABLES = Map.of("requiredMetricName", "jvm.memory.used", "*path",
			"readiness");

	static TestServer server;

	@BeforeAll
	static void startServer() {
		server = TestServer.builder().web().start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void everyExposedEndpointRefusesEveryWrite() {
		Map<String, String> links = exposedEndpoints(server.httpPort());
		assertThat(links).containsKeys("health", "info", "metrics", "prometheus", "integrationgraph");
		List<String> accepted = new ArrayList<>();
		for (Map.Entry<String, String> link : links.entrySet()) {
			String path = URI.create(link.getValue()).getPath();
			assertThat(send(server.httpPort(), "GET", path).statusCode()).as("GET %s", path).isEqualTo(200);
			for (String method : WRITES) {
				int status = send(server.httpPort(), method, path).statusCode();
				// 405 where the path reads, 404 where nothing is mapped: never run, never 2xx or 5xx
				if (status != 405 && status != 404) {
					accepted.add(method + " " + path + " -> " + status);
				}
			}
		}
		assertThat(accepted).as("writes not refused").isEmpty();
	}

	@Test
	void rejectedRequestsAreAnsweredAndCountedButWarnedAboutOnlyOnceAWhile(CapturedOutput output) {
		int before = output.toString().split("Request method 'POST' is not supported", -1).length;
		for (int i = 0; i < 200; i++) {
			assertThat(send(server.httpPort(), "POST", "/actuator/health").statusCode()).isEqualTo(405);
		}
		assertThat(output.toString().split("Request method 'POST' is not supported", -1).length - before)
			.as("WARN lines for 200 rejected requests")
			.isLessThanOrEqualTo(1);
		assertThat(server.get("/actuator/metrics/http.server.requests?tag=status:405").body())
			.contains("\"statistic\":\"COUNT\"");
	}

	@Test
	void integrationGraphCannotBeRebuilt() {
		// its rebuild is a write operation: with access capped at read-only it is not mapped
		HttpResponse<String> rebuild = send(server.httpPort(), "POST", "/actuator/integrationgraph");
		assertThat(rebuild.statusCode()).isEqualTo(405);
		assertThat(rebuild.headers().allValues("Allow")).allSatisfy((allow) -> assertThat(allow).doesNotContain("POST"));
	}

	@Test
	void infoGivesNeitherTheJvmsVendorNorItsBuild() {
		String info = send(server.httpPort(), "GET", "/actuator/info").body();
		assertThat(info).contains("\"name\":\"udp-socket\"", "\"version\":");
		assertThat(info).doesNotContain("\"java\"", "\"jvm\"", "\"vendor\"", "\"runtime\"");
		for (String property : List.of("java.vendor", "java.vm.vendor", "java.runtime.version", "java.vm.version")) {
			assertThat(info).doesNotContain(System.getProperty(property));
		}
	}

	@Test
	void httpListensOnLoopbackOnlyWithTheShippedSettings() {
		// the shipped configuration as `java -jar` runs it: no profile named, only free ports
		try (TestServer shipped = TestServer.builder().web().noProfile().start()) {
			int port = shipped.httpPort();
			List<InetAddress> listening = KernelTcpListeners.addressesListeningOn(port);
			assertThat(listening).as("sockets listening on TCP port %d", port).isNotEmpty();
			assertThat(listening).allSatisfy((address) -> assertThat(address.isLoopbackAddress())
				.as("%s is loopback", address.getHostAddress())
				.isTrue());
			assertThat(send(port, "GET", "/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	/** The discovery page's links: endpoint id (or id-path for a templated link) to its address. */
	static Map<String, String> exposedEndpoints(int port) {
		JsonNode links = JsonMapper.builder().build().readTree(send(port, "GET", "/actuator").body()).get("_links");
		Map<String, String> endpoints = new TreeMap<>();
		for (String name : links.propertyNames()) {
			if (name.equals("self")) {
				continue;
			}
			String href = links.get(name).get("href").asString();
			for (Map.Entry<String, String> variable : PATH_VARIABLES.entrySet()) {
				href = href.replace("{" + variable.getKey() + "}", variable.getValue());
			}
			assertThat(href).as("link %s has a value for each path variable", name).doesNotContain("{");
			endpoints.put(name, href);
		}
		return endpoints;
	}

	static HttpResponse<String> send(int port, String method, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Timeouts.AWAIT)
			.header("Content-Type", "application/json")
			.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The kernel's view of who listens on a TCP port ({@code /proc/net/tcp} and
	 * {@code tcp6}): the addresses really bound, not what a configuration says.
	 */
	static final class KernelTcpListeners {

		/** {@code st} of a listening socket in {@code /proc/net/tcp}. */
		private static final String LISTEN = "0A";

		private KernelTcpListeners() {
		}

		static List<InetAddress> addressesListeningOn(int port) {
			List<InetAddress> addresses = new ArrayList<>();
			for (String table : Set.of("/proc/net/tcp", "/proc/net/tcp6")) {
				Path file = Path.of(table);
				Assumptions.assumeTrue(Files.isReadable(file), () -> table + " is not readable: not Linux?");
				try {
					List<String> lines = Files.readAllLines(file);
					for (String line : lines.subList(1, lines.size())) {
						String[] fields = line.trim().split("\\s+");
						String[] local = fields[1].split(":");
						if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
							addresses.add(address(local[0]));
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return addresses;
		}

		/** The kernel writes each 32-bit word of the address in host (little-endian) order. */
		private static InetAddress address(String hex) {
			byte[] bytes = new byte[hex.length() / 2];
			for (int word = 0; word < bytes.length / 4; word++) {
				for (int i = 0; i < 4; i++) {
					int at = (word * 4 + (3 - i)) * 2;
					bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
				}
			}
			try {
				// an IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as the IPv4 one
				return InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
