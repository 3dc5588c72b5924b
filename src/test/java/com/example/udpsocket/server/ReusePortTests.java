package com.example.udpsocket.server;

import java.net.BindException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.ClientFleet;
import com.example.udpsocket.support.Figures;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * One host, several servers on one port: with {@code udp.server.reuse-port} each binds the
 * port with SO_REUSEPORT and the kernel spreads the senders over them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReusePortTests {

	static final int CLIENTS = 64;

	@Test
	void twoServersShareOnePortAndTheKernelSpreadsSixtyFourClientsOverBoth() {
		// the first picks a free port; the second must ask for that very port
		try (TestServer first = TestServer.start("--udp.server.reuse-port=true");
				TestServer second = TestServer.start("--udp.server.port=" + first.port(), "--udp.server.reuse-port=true");
				ClientFleet clients = new ClientFleet(CLIENTS, first.port(), 16)) {
			ClientFleet.Round round = clients.round("reuse-port");
			// a reply is counted just after it leaves, so the count may trail the client by a moment
			await().until(() -> replied(first) + replied(second) >= round.answered());
			long byFirst = replied(first);
			long bySecond = replied(second);
			Figures.SCALE_OUT.print("reuse-port: %d clients, %d datagrams, %d answered (%d at the first attempt) in %.2f s;"
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
		try (TestServer first = TestServer.start("--udp.server.reuse-port=true");
				TestServer second = TestServer.start("--udp.server.port=" + first.port(), "--udp.server.reuse-port=true");
				ClientFleet clients = new ClientFleet(CLIENTS, first.port(), 16)) {
			assertThat(clients.round("both running").everyClientAnswered()).isTrue();
			long stopping = System.nanoTime();
			first.close();
			long bySecond = replied(second);
			ClientFleet.Round after = clients.round("one left");
			Figures.SCALE_OUT.print("reuse-port: first stopped; %d of %d clients answered by second (%d at the first attempt),"
					+ " %.2f s after the stop began", after.answered(), CLIENTS, after.answeredAtFirstAttempt(),
					(after.endNanos() - stopping) / 1e9);
			assertThat(after.everyClientAnswered()).as("every client answered: %s", after).isTrue();
			await().until(() -> replied(second) - bySecond >= CLIENTS);
		}
	}

	@Test
	void aStoppingServerWakesItsOwnReceiveLoopAndItsSiblingCountsNothing(CapturedOutput output) {
		try (TestServer stays = TestServer.start("--udp.server.reuse-port=true")) {
			for (int stop = 0; stop < 6; stop++) {
				TestServer leaves = TestServer.start("--udp.server.port=" + stays.port(), "--udp.server.reuse-port=true");
				long start = System.nanoTime();
				leaves.close();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				Figures.SCALE_OUT.print("reuse-port: a stopping server's shutdown took %.2f s", took.toMillis() / 1000.0);
				// the kernel may hand a wake-up to the sibling: the leaver sends another rather than wait
				// out its drain timeout (3 s), and the sibling takes none of them for a client's datagram
				assertThat(took).isLessThan(Duration.ofMillis(1_500));
			}
			assertThat(stays.accounted()).isZero();
			assertThat(output.toString()).doesNotContain("still being handled");
		}
	}

	@Test
	void aServerWithoutReusePortKeepsItsPortToItself() {
		// both sockets must opt in: one that did not cannot be joined, even by one that did
		try (TestServer owner = TestServer.start()) {
			assertThatException()
				.isThrownBy(() -> TestServer.start("--udp.server.port=" + owner.port(), "--udp.server.reuse-port=true"))
				.havingRootCause()
				.isInstanceOf(BindException.class);
		}
	}

	private static long replied(TestServer server) {
		return server.count("replied");
	}

}
