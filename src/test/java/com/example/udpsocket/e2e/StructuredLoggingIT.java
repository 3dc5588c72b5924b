package com.example.udpsocket.e2e;

import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's structured console formats, the per-datagram line is one JSON object
 * whose sender address, port, byte count and escaped text are fields of their own.
 */
class StructuredLoggingIT {

	static final ObjectMapper json = new ObjectMapper();

	@ParameterizedTest
	@CsvSource({ "ecs, /client/ip, /client/port, /datagram/bytes, /datagram/text",
			"logstash, /client.ip, /client.port, /datagram.bytes, /datagram.text" })
	void perDatagramLineCarriesItsPartsAsFields(String format, String ip, String port, String bytes, String text)
			throws Exception {
		try (ChildProcess server = ChildProcess.jar("--udp.server.port=0", "--server.port=0",
				"--logging.structured.format.console=" + format).start()) {
			int udpPort = Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\"", Timeouts.PROCESS));
			String sent = "structured \u001b[1m\nline";
			try (DatagramChannel client = Datagrams.connectedTo(udpPort)) {
				assertThat(Datagrams.exchange(client, sent)).isNotNull();
				JsonNode line = await().until(() -> saidLine(server.out()), (node) -> node != null);
				assertThat(line.at(ip).asString()).isEqualTo("127.0.0.1");
				assertThat(line.at(port).asInt()).isEqualTo(Datagrams.localPort(client));
				assertThat(line.at(bytes).asInt()).isEqualTo(sent.getBytes(StandardCharsets.UTF_8).length);
				assertThat(line.at(text).asString()).isEqualTo("structured \\e[1m\\nline");
			}
			// every console line is JSON, startup included
			assertThat(server.out().lines()).allSatisfy((each) -> assertThat(each).startsWith("{"));
		}
	}

	private static JsonNode saidLine(String out) {
		return Arrays.stream(out.split("\n"))
			.filter((line) -> line.contains("said]:structured"))
			.map(json::readTree)
			.findFirst()
			.orElse(null);
	}

}
