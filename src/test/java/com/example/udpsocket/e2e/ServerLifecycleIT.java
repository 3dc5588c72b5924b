package com.example.udpsocket.e2e;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server process as an operator handles it: stopped with SIGTERM under traffic it
 * exits promptly with 143 and frees its port; an HTTP port in use stops it from starting.
 */
class ServerLifecycleIT {

	/** What a JVM that ends on SIGTERM reports: 128 + 15. */
	static final int SIGTERM_EXIT = 143;

	@Test
	void exitsWithinFiveSecondsOfSigtermUnderTrafficAndReleasesThePort() throws Exception {
		try (ChildProcess server = ChildProcess.jar("--udp.server.port=0", "--server.port=0").start()) {
			int port = Integer.parseInt(server.awaitOut("UDPServer listen at: 127\\.0\\.0\\.1:(\\d+)\\n", Timeouts.PROCESS));
			AtomicBoolean sending = new AtomicBoolean(true);
			AtomicInteger answered = new AtomicInteger();
			Thread traffic = new Thread(() -> {
				try (DatagramChannel client = Datagrams.connectedTo(port)) {
					// bounded: stops when told, or after 2,000 exchanges
					for (int i = 0; i < 2_000 && sending.get(); i++) {
						Datagrams.send(client, "during shutdown " + i);
						if (Datagrams.receive(client, Duration.ofMillis(200)) != null) {
							answered.incrementAndGet();
						}
					}
				}
				catch (Exception ex) {
					// the server went away: expected at the end
				}
			});
			traffic.start();
			Timeouts.await().until(() -> answered.get() >= 20);

			long start = System.nanoTime();
			server.terminate();
			int exit = server.awaitExit(Duration.ofSeconds(10));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			sending.set(false);
			traffic.join(5_000);
			System.out.printf("sigterm: exit %d after %.2f s, %d exchanges answered before%n", exit,
					took.toMillis() / 1000.0, answered.get());

			assertThat(exit).isEqualTo(SIGTERM_EXIT);
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(server.out()).doesNotContain("\tat ", "ERROR");
			try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
				assertThat(again.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void failsToStartWithExitOneWhenTheHttpPortIsInUse() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
				ChildProcess server = ChildProcess.jar("--udp.server.port=0", "--server.port=" + taken.getLocalPort()).start()) {
			assertThat(server.awaitExit(Timeouts.PROCESS)).isEqualTo(1);
			assertThat(server.out()).contains("APPLICATION FAILED TO START")
				.contains(String.valueOf(taken.getLocalPort()))
				.doesNotContain("\tat ");
			assertThat(server.out()).doesNotContain("UDPServer listen at");
		}
	}

}
