package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.time.Duration;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.example.udpsocket.Datagrams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever bytes arrive, of whatever length a datagram can have, the server neither fails
 * nor loses count: each datagram lands in exactly one outcome, and the outcomes add up to
 * what was sent.
 */
class DatagramAccountingProperties {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static ServerUnderTest server;

	static DatagramChannel client;

	static long sent;

	@BeforeContainer
	static void startServer() {
		server = ServerUnderTest.start();
		client = Datagrams.bound();
	}

	@AfterContainer
	static void stopServer() throws Exception {
		long accounted = server.accounted();
		client.close();
		server.close();
		assertThat(accounted).isEqualTo(sent);
	}

	@Property(tries = 200)
	void everyDatagramLandsInExactlyOneOutcome(@ForAll @Size(max = 65_507) byte[] payload) {
		long before = server.accounted();
		long empty = server.count(DatagramOutcome.EMPTY);
		long replied = server.count(DatagramOutcome.REPLIED);
		Datagrams.sendTo(client, payload, server.port());
		sent++;
		if (payload.length == 0) {
			await().atMost(TIMEOUT).until(() -> server.accounted() == before + 1);
			assertThat(server.count(DatagramOutcome.EMPTY)).isEqualTo(empty + 1);
		}
		else {
			assertThat(Datagrams.receive(client, TIMEOUT)).isEqualTo("UDPServer has received your message");
			await().atMost(TIMEOUT).until(() -> server.accounted() == before + 1);
			assertThat(server.count(DatagramOutcome.REPLIED)).isEqualTo(replied + 1);
		}
	}

}
