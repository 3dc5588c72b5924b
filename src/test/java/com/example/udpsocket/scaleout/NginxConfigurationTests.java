package com.example.udpsocket.scaleout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.client.UdpClientProperties;
import com.example.udpsocket.server.UdpServerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed nginx configuration agrees with the application's, without running nginx
 * ({@link NginxLoadBalancerIT} runs it).
 */
class NginxConfigurationTests {

	private static final Pattern MAX_FAILS = Pattern.compile("\\bmax_fails=(\\d+)");

	private final NginxConf conf = NginxConf.committed();

	@Test
	void listensForDatagramsOnOneAddressAtTheServersDefaultPort() {
		UdpServerProperties server = ApplicationConfiguration.forProfile(UdpSocketApplication.SERVER_PROFILE)
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
		// so a dead server is counted failed before the clients it left unanswered retry
		UdpClientProperties client = ApplicationConfiguration.forProfile(UdpSocketApplication.CLIENT_PROFILE)
			.bindOrCreate("udp.client", UdpClientProperties.class);
		assertThat(NginxConf.duration(this.conf.value("proxy_timeout"))).isPositive().isLessThan(client.timeout());
	}

	@Test
	void takesAServerOutOnlyAfterSeveralUnansweredDatagramsSharedByAllWorkers() {
		List<String> servers = this.conf.upstreamServers();
		assertThat(servers).hasSizeGreaterThan(1).allSatisfy((server) -> {
			Matcher maxFails = MAX_FAILS.matcher(server);
			assertThat(maxFails.find()).as("max_fails on %s", server).isTrue();
			assertThat(Integer.parseInt(maxFails.group(1))).as("max_fails on %s", server).isGreaterThan(1);
			assertThat(server).contains("fail_timeout=");
		});
		assertThat(this.conf.values("zone")).hasSize(1);
	}

	@Test
	void renderingForATestReplacesOnlyAddressesAndFilePaths() {
		String rendered = this.conf.render("127.0.0.1:40000",
				List.of("127.0.0.1:40001", "127.0.0.1:40002", "127.0.0.1:40003"), Path.of("/run/test"));
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
				"access_log /run/test/access.log", "server 127.0.0.1:40001", "server 127.0.0.1:40002",
				"server 127.0.0.1:40003", "listen 127.0.0.1:40000");
	}

	@Test
	void readsNginxTimes() {
		assertThat(NginxConf.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(NginxConf.duration("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(NginxConf.duration("10")).isEqualTo(Duration.ofSeconds(10));
		assertThat(NginxConf.duration("1m")).isEqualTo(Duration.ofMinutes(1));
	}

}
