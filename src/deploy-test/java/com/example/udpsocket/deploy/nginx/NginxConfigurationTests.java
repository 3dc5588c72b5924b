package com.example.udpsocket.deploy.nginx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.deploy.ApplicationConfiguration;
import com.example.udpsocket.server.UdpServerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed nginx configuration agrees with the application's, without running nginx
 * ({@link NginxLoadBalancerIT} runs it).
 */
class NginxConfigurationTests {

	private final NginxConf conf = NginxConf.committed();

	@Test
	void listensForDatagramsOnOneAddressAtTheServersDefaultPort() {
		UdpServerProperties server = ApplicationConfiguration.forProfile("server")
			.bindOrCreate("udp.server", UdpServerProperties.class);
		// an address and the port: a bare port would listen on every interface of the host
		assertThat(this.conf.listenAddress()).matches("[0-9.]+:" + server.port());
	}

	@Test
	void passesEachDatagramOnFromItsClientsAddressAndCapsWhatOneClientHasWaiting() {
		assertThat(this.conf.value("proxy_bind")).isEqualTo("$remote_addr transparent");
		assertThat(this.conf.value("limit_conn_zone")).startsWith("$binary_remote_addr zone=per_client:");
		assertThat(this.conf.value("limit_conn")).matches("per_client \\d+");
	}

	@Test
	void makesEveryDatagramASessionOfItsOwnEndedByItsOneReply() {
		assertThat(this.conf.value("proxy_requests")).isEqualTo("1");
		assertThat(this.conf.value("proxy_responses")).isEqualTo("1");
	}

	@Test
	void givesUpWaitingForAReplyBeforeTheClientSendsAgain() {
		// a datagram's session holds its descriptors and its client's limit_conn place no longer
		// than the client waits for the reply
		UdpClientProperties client = ApplicationConfiguration.forProfile("client")
			.bindOrCreate("udp.client", UdpClientProperties.class);
		assertThat(NginxConf.duration(this.conf.value("proxy_timeout"))).isPositive().isLessThan(client.timeout());
	}

	@Test
	void takesTheUpstreamsServersFromTheFileTheHealthCheckWrites() {
		// no server line of its own, so no passive check nginx could run on a refusal
		assertThat(this.conf.values("server")).isEmpty();
		assertThat(this.conf.includes()).containsExactly(Path.of("/etc/nginx/udp-lb.upstream.conf"));
		// the round robin's state shared by all workers
		assertThat(this.conf.values("zone")).hasSize(1);
	}

	@Test
	void backendYamlPutsActuatorOnTheAddressNginxReachesTheServerOn() throws Exception {
		List<PropertySource<?>> backend = new YamlPropertySourceLoader().load("backend.yaml",
				new FileSystemResource(Path.of("deploy", "nginx", "backend.yaml")));
		assertThat(serverAddress(backend, Map.of())).isEqualTo("127.0.0.1");
		assertThat(serverAddress(backend, Map.of("udp.server.host", "10.0.0.11"))).isEqualTo("10.0.0.11");
		// nothing exempt from the rate limit: nginx passes every client's own address on
		assertThat(backend).noneMatch((source) -> source.containsProperty("udp.server.rate-limit.exempt-sources"));
	}

	/** {@code server.address} as the application resolves it, given {@code backend.yaml} and {@code arguments}. */
	private static String serverAddress(List<PropertySource<?>> backend, Map<String, Object> arguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("arguments", arguments));
		backend.forEach((source) -> environment.getPropertySources().addLast(source));
		return environment.getProperty("server.address");
	}

	@Test
	void renderingForATestReplacesOnlyAddressesAndFilePaths() {
		String rendered = this.conf.render("127.0.0.1:40000", Path.of("/run/test/upstream.conf"), Path.of("/run/test"));
		List<String> committed = this.conf.lines();
		List<String> lines = rendered.lines().toList();
		assertThat(lines).hasSameSizeAs(committed);
		List<String> replaced = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).equals(committed.get(i))) {
				List<String> before = List.of(committed.get(i).strip().split("\\s+"));
				List<String> after = List.of(lines.get(i).strip().split("\\s+"));
				// the directive's first argument, and nothing else
				assertThat(after).hasSameSizeAs(before);
				assertThat(after.get(0)).isEqualTo(before.get(0));
				assertThat(after.subList(2, after.size())).isEqualTo(before.subList(2, before.size()));
				replaced.add(after.get(0) + " " + after.get(1));
			}
		}
		assertThat(replaced).containsExactlyInAnyOrder("pid /run/test/nginx.pid;", "error_log /run/test/error.log",
				"access_log /run/test/access.log", "include /run/test/upstream.conf;", "listen 127.0.0.1:40000");
	}

	@Test
	void readsNginxTimes() {
		assertThat(NginxConf.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(NginxConf.duration("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(NginxConf.duration("10")).isEqualTo(Duration.ofSeconds(10));
		assertThat(NginxConf.duration("1m")).isEqualTo(Duration.ofMinutes(1));
	}

}
