package com.example.udpsocket.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's accounting and the baseline server's behaviour, over loopback in
 * about two seconds.
 */
class LoadGeneratorTests {

	@Test
	void everyRequestSentToTheBaselineEndsAsAReplyOrAsLost() throws Exception {
		try (RunningBaseline baseline = new RunningBaseline(null)) {
			LoadResult result = new LoadGenerator(new LoadSettings(baseline.address(), 2, 4, Duration.ofSeconds(1), 32,
					Duration.ofSeconds(1)))
				.run();
			assertThat(result.replies()).isPositive();
			assertThat(result.sent()).isEqualTo(result.replies() + result.lost());
			assertThat(result.wrong()).isZero();
			assertThat(result.errors()).isZero();
			assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.replies());
			assertThat(result.repliesPerSecond()).isPositive();
		}
	}

	@Test
	void countsRequestsThatNobodyAnswersAsLostAndStopsInBoundedTime() throws Exception {
		try (DatagramChannel silent = Datagrams.bound()) {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), Datagrams.localPort(silent));
			long start = System.nanoTime();
			LoadResult result = new LoadGenerator(new LoadSettings(target, 1, 3, Duration.ofMillis(300), 16,
					Duration.ofMillis(200)))
				.run();
			// 300 ms of sending and one 200 ms timeout, with room for a slow machine
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(result.replies()).isZero();
			// the first three time out at 200 ms and are replaced while sending lasts (unless the machine stalls)
			assertThat(result.sent()).isGreaterThanOrEqualTo(3);
			assertThat(result.lost()).isEqualTo(result.sent());
		}
	}

	@Test
	void sharesTheWindowOutBetweenTheSockets() {
		InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
		LoadSettings flood = new LoadSettings(target, 5, 64, Duration.ofSeconds(1), 32, Duration.ofSeconds(1));
		assertThat(IntStream.range(0, flood.activeSockets()).map(flood::windowShare).sum()).isEqualTo(64);
		LoadSettings single = new LoadSettings(target, 4, 1, Duration.ofSeconds(1), 32, Duration.ofSeconds(1));
		assertThat(single.activeSockets()).isEqualTo(1);
		assertThat(single.windowShare(0)).isEqualTo(1);
	}

	@Test
	void baselineRepliesTheSame35BytesAndLogsTheOriginalLine() throws Exception {
		ByteArrayOutputStream lines = new ByteArrayOutputStream();
		try (RunningBaseline baseline = new RunningBaseline(new PrintStream(lines, true, StandardCharsets.UTF_8));
				DatagramChannel client = Datagrams.connectedTo(baseline.address().getPort())) {
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			// one line per datagram that arrived (a retry is another)
			assertThat(lines.toString(StandardCharsets.UTF_8).lines()).isNotEmpty()
				.containsOnly("[Client 127.0.0.1:" + Datagrams.localPort(client) + " said]:" + Original.MESSAGE);
		}
		assertThat(BaselineServer.REPLY).hasSize(35).isEqualTo(LoadGenerator.EXPECTED_REPLY);
	}

	/** The baseline on a free loopback port, on a thread of this JVM. */
	static final class RunningBaseline implements AutoCloseable {

		private final DatagramSocket socket;

		private final Thread thread;

		RunningBaseline(PrintStream log) throws Exception {
			this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			this.thread = new Thread(new BaselineServer(this.socket, log), "baseline");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		InetSocketAddress address() {
			return (InetSocketAddress) this.socket.getLocalSocketAddress();
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			this.thread.join(5_000);
		}

	}

}
