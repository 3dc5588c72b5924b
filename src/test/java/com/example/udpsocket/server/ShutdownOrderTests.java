package com.example.udpsocket.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On shutdown, readiness refuses traffic while datagrams are still being received, and
 * only then does receiving stop.
 */
class ShutdownOrderTests {

	@Test
	void readinessRefusesTrafficBeforeReceivingStops() {
		List<Boolean> receivingWhenRefused = new CopyOnWriteArrayList<>();
		TestServer server = TestServer.builder().web().start();
		UdpInboundAdapter adapter = server.bean(UdpInboundAdapter.class);
		await().until(adapter::isReceiving);
		server.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				receivingWhenRefused.add(adapter.isReceiving());
			}
		});
		// what SIGTERM does, through Boot's shutdown hook
		server.close();
		assertThat(receivingWhenRefused).containsExactly(true);
		assertThat(adapter.isReceiving()).isFalse();
	}

}
