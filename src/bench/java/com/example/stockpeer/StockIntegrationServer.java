package com.example.stockpeer;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

/**
 * The server as Spring Integration's reference documentation shows a UDP request/reply
 * server, and what a Spring user would write instead of ours: the stock inbound adapter,
 * one flow whose handler logs the datagram and returns the reply, the stock outbound
 * adapter sending it from the inbound adapter's socket to the sender's address, and
 * Boot's defaults for everything else (console, pattern, threads).
 * <p>
 * The benchmark runs it in a JVM of its own, on Spring Boot's and Spring Integration's
 * jars and this package only (see {@code StockClassPath}), with {@code --udp.port=P}
 * (0 picks one) and {@code --logging.level.root=INFO} or {@code WARN} on its command line.
 * Its package is outside {@code com.example.udpsocket}: the application's tests, on the
 * same class path, would otherwise find it in their component scan.
 */
@SpringBootApplication
public class StockIntegrationServer {

	private static final Logger log = LoggerFactory.getLogger(StockIntegrationServer.class);

	/** Loopback only, like the other servers the benchmark measures. */
	static final String ADDRESS = "127.0.0.1";

	static final String REPLY = "UDPServer has received your message";

	@Bean
	IntegrationFlow udpServer(@Value("${udp.port}") int port) {
		return IntegrationFlow.from(Udp.inboundAdapter(port).localAddress(ADDRESS).id("udpIn"))
			.<byte[]>handle((payload, headers) -> {
				log.info("[Client {}:{} said]:{}", headers.get(IpHeaders.IP_ADDRESS), headers.get(IpHeaders.PORT),
						new String(payload, StandardCharsets.UTF_8));
				return REPLY;
			})
			.handle(Udp.outboundAdapter("headers['ip_packetAddress']").socketExpression("@udpIn.socket"))
			.get();
	}

	/** The port is known once the adapter listens: with port 0 the system picked it. */
	@EventListener
	void listening(UdpServerListeningEvent event) {
		log.info("UDPServer listen at: {}:{}", ADDRESS, event.getPort());
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StockIntegrationServer.class);
		// the adapter's threads are daemons: without a web server nothing else keeps the JVM running
		application.setKeepAlive(true);
		application.run(args);
	}

}
