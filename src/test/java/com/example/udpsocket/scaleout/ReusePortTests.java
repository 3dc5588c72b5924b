package com.example.udpsocket.scaleout;

import java.net.BindException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * One host, several servers on one port: with {@code udp.server.reuse-port} each binds the
 * port with SO_REUSEPORT and the kernel spreads the senders over them.
 */
class ReusePortTests {

	static final int CLIENTS = 64;

	@Test
	void twoServersShareOnePortAndTheKernelSpreadsSixtyFourClientsOverBoth() {
		// the first picks a free port; the second must ask for that very port
		try (ServerInstance first = ServerInstance.start("first", "--udp.server.port=0", "--udp.server.reuse-port=true");
				ServerInstance second = ServerInstance.start("second", "--udp.server.port=" + first.port(),
						"--udp.server.reuse-port=true");
				ClientFleet clients = new ClientFleet(CLIENTS, first.port(), 16)) {
			ClientFleet.Round round = clients.round("reuse-port");
			// a reply is counted just after it leaves, so the count may trail the client by a moment
			await().atMost(Duration.ofSeconds(5))
				.until(() -> first.repliesSent() + second.repliesSent() >= round.answered());
			long byFirst = first.repliesSent();
			long bySecond = second.repliesSent();
			Figures.print("reuse-port: %d clients, %d datagrams, %d answered (%d at the first attempt) in %.2f s;"
					+ " first %d (%s), second %d (%s)", CLIENTS, round.datagrams(), round.answered(),
					round.answeredAtFirstAttempt(), round.seconds(), byFirst, Figures.share(byFirst, byFirst + bySecond),
					bySecond, Figures.share(bySecond, byFirst + bySecond));
			assertThat(round.everyClientAnswered()).as("every client answered: %s", round).isTrue();
			assertThat(byFirst).as("replies from the first server").isPositive();
			assertThat(bySecond).as("replies from the second server").isPositive();
		}
	}

	@Test
	void theServerLeftAnswersEveryClientOnceTheOtherStops() {
		try (ServerInstance first = ServerInstance.start("first", "--udp.server.port=0", "--udp.server.reuse-port=true");
				ServerInstance second = ServerInstance.start("second", "--udp.server.port=" + first.port(),
						"--udp.server.reuse-port=true");
				ClientFleet clients = new ClientFleet(CLIENTS, first.port(), 16)) {
			assertThat(clients.round("both running").everyClientAnswered()).isTrue();
			long stopping = System.nanoTime();
			first.close();
			long bySecond = second.repliesSent();
			ClientFleet.Round after = clients.round("one left");
			Figures.print("reuse-port: first stopped; %d of %d clients answered by second (%d at the first attempt),"
					+ " %.2f s after the stop began", after.answered(), CLIENTS, after.answeredAtFirstAttempt(),
					(after.endNanos() - stopping) / 1e9);
			assertThat(after.everyClientAnswered()).as("every client answered: %s", after).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> second.repliesSent() - bySecond >= CLIENTS);
		}
	}

	@Test
	void aServerWithoutReusePortKeepsItsPortToItself() {
		// both sockets must opt in: one that did not cannot be joined, even by one that did
		try (ServerInstance owner = ServerInstance.start("owner", "--udp.server.port=0")) {
			assertThatException()
				.isThrownBy(() -> ServerInstance.start("intruder", "--udp.server.port=" + owner.port(),
						"--udp.server.reuse-port=true"))
				.havingRootCause()
				.isInstanceOf(BindException.class);
		}
	}

}
