package com.example.udpsocket.server;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On shutdown, readiness refuses traffic while datagrams are still being received; then
 * receiving stops and the last datagrams are drained while HTTP still answers; HTTP stops
 * last.
 */
class ShutdownOrderTests {

	@Test
	void readinessRefusesTrafficBeforeReceivingStops() {
		List<Boolean> receivingWhenRefused = new CopyOnWriteArrayList<>();
		TestServer server = TestServer.builder().web().start();
		await().until(server::receiving);
		server.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				receivingWhenRefused.add(server.receiving());
			}
		});
		// what SIGTERM does, through Boot's shutdown hook
		server.close();
		assertThat(receivingWhenRefused).containsExactly(true);
		assertThat(server.receiving()).isFalse();
	}

	@Test
	void udpStopsBeforeHttpSoThatProbesAndMetricsAnswerWhileItDrains() {
		TestServer server = TestServer.builder().web().sources(BetweenUdpAndHttp.class).start();
		BetweenUdpAndHttp between = server.bean(BetweenUdpAndHttp.class);
		between.server = server;
		server.close();
		// when the phase between the two stopped, UDP had stopped and HTTP still answered
		assertThat(between.receivingThen).containsExactly(false);
		assertThat(between.httpStatusThen).containsExactly(200);
	}

	/** A lifecycle bean stopped after the UDP receiver and before the web server. */
	@Configuration(proxyBeanMethods = false)
	static class BetweenUdpAndHttp implements SmartLifecycle {

		final List<Boolean> receivingThen = new CopyOnWriteArrayList<>();

		final List<Integer> httpStatusThen = new CopyOnWriteArrayList<>();

		volatile TestServer server;

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.receivingThen.add(this.server.receiving());
			HttpResponse<String> liveness = this.server.get("/actuator/health/liveness");
			this.httpStatusThen.add(liveness.statusCode());
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			// below the receiver (DEFAULT_PHASE - 512), above the web server's graceful shutdown (- 1024)
			return SmartLifecycle.DEFAULT_PHASE - 768;
		}

	}

}
