package com.example.udpsocket.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.udpsocket.UdpSocketApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On shutdown, readiness refuses traffic while datagrams are still being received, and
 * only then does receiving stop.
 */
class ShutdownOrderTests {

	@Test
	void readinessRefusesTrafficBeforeReceivingStops() {
		List<Boolean> receivingWhenRefused = new CopyOnWriteArrayList<>();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UdpSocketApplication.class)
			.profiles("server")
			.run("--udp.server.port=0", "--server.port=0");
		UdpInboundAdapter adapter = context.getBean(UdpInboundAdapter.class);
		org.awaitility.Awaitility.await().until(adapter::isReceiving);
		context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				receivingWhenRefused.add(adapter.isReceiving());
			}
		});
		// what SIGTERM does, through Boot's shutdown hook
		context.close();
		assertThat(receivingWhenRefused).containsExactly(true);
		assertThat(adapter.isReceiving()).isFalse();
	}

}
