package com.example.udpsocket.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When whoever reads the server's stdout goes away ({@code | head -c 3000}), every line
 * the console can no longer write is counted as dropped, stderr says so once, and the
 * server goes on answering: lines written or counted, never lost silently.
 */
class ConsoleWriteFailureIT {

	static final int EXCHANGES = 50;

	static final String REPLIED = "udp_server_datagrams_received_total\\{outcome=\"replied\"\\}";

	static final String DROPPED = "udp_log_lines_dropped_total";

	@Test
	void aClosedStdoutCountsEveryLineItLosesAndTheServerGoesOnAnswering() throws Exception {
		try (ChildProcess server = ChildProcess.jar("--udp.server.port=0", "--server.port=0").start()) {
			int http = Integer.parseInt(server.awaitOut("Tomcat started on port (\\d+)", Timeouts.PROCESS));
			int port = Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", Timeouts.PROCESS));
			// the last lines of the start, the web side's first request's included, so that every
			// line after them is a datagram's
			server.awaitOut("(Rate limit: .*)\\n", Timeouts.PROCESS);
			get(http, "/actuator/health");
			server.awaitOut("(Completed initialization)", Timeouts.PROCESS);
			int answered = 0;
			try (DatagramChannel client = Datagrams.connectedTo(port)) {
				server.closeOut();
				// the read that was waiting takes the next line; after it, no line reaches anyone
				assertThat(Datagrams.exchange(client, "the last line read")).isEqualTo(Original.REPLY);
				Timeouts.await().until(server::outEnded);
				String before = get(http, "/actuator/prometheus");
				long repliedBefore = value(before, REPLIED);
				long droppedBefore = value(before, DROPPED);
				for (int i = 0; i < EXCHANGES; i++) {
					if (Original.REPLY.equals(Datagrams.exchange(client, "nobody reads this line " + i))) {
						answered++;
					}
				}
				assertThat(answered).isEqualTo(EXCHANGES);
				// one line per datagram answered, none of them written, every one of them counted
				Timeouts.await().untilAsserted(() -> {
					String metrics = get(http, "/actuator/prometheus");
					long replied = value(metrics, REPLIED) - repliedBefore;
					assertThat(replied).isGreaterThanOrEqualTo(EXCHANGES);
					assertThat(value(metrics, DROPPED) - droppedBefore).isEqualTo(replied);
				});
			}
			assertThat(server.err().split("Console lines cannot be written", -1)).hasSize(2);
			assertThat(server.err()).doesNotContain("\tat ");
			assertThat(server.isAlive()).isTrue();
		}
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Timeouts.AWAIT).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private static long value(String metrics, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.E]+)$").matcher(metrics);
		assertThat(matcher.find()).as(name).isTrue();
		return (long) Double.parseDouble(matcher.group(1));
	}

}
