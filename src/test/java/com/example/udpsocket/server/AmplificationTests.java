package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;
import com.example.udpsocket.support.Timeouts;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server is no amplifier: to a sender that is not exempt it never sends more than three
 * times the bytes it received, whatever the size of the datagram, while the original
 * client's 17 bytes are still answered. Bytes in and out are the server's own counts.
 */
class AmplificationTests {

	@Test
	void sendsAtMostThreeTimesWhatItReceivedForEverySize() throws Exception {
		List<Integer> sizes = new ArrayList<>();
		for (int size = 0; size <= 64; size++) {
			sizes.add(size);
		}
		sizes.addAll(List.of(100, 512, 1_200, 1_500, 8_192, 32_768, UdpServerProperties.MAX_UDP_PAYLOAD));
		double worst = 0;
		int worstSize = -1;
		try (TestServer server = TestServer.start("--logging.level.com.example.udpsocket.server=warn",
				"--udp.server.exempt-loopback-from-amplification=false");
				DatagramChannel sender = Datagrams.boundTo("127.0.2.2")) {
			MeterRegistry meters = server.bean(MeterRegistry.class);
			for (int size : sizes) {
				double inBefore = meters.get("udp.server.payload.received").functionCounter().count();
				double outBefore = meters.get("udp.server.payload.sent").functionCounter().count();
				long accountedBefore = server.accounted();
				byte[] payload = new byte[size];
				Arrays.fill(payload, (byte) 'a');
				// sent again only if the kernel dropped it, until the server has accounted for one
				for (int copy = 0; server.accounted() == accountedBefore; copy++) {
					assertThat(copy).as("copies of %d bytes", size).isLessThan(Timeouts.ATTEMPTS);
					long arrived = server.arrived();
					Datagrams.sendTo(sender, payload, server.port());
					await().until(() -> server.arrived() > arrived);
				}
				// a reply is counted just after it is sent
				await().until(() -> server.accounted() == accountedBefore + 1);
				double in = meters.get("udp.server.payload.received").functionCounter().count() - inBefore;
				double out = meters.get("udp.server.payload.sent").functionCounter().count() - outBefore;
				assertThat(in).isEqualTo(size);
				assertThat(out).as("bytes sent for %d bytes received", size).isLessThanOrEqualTo(3 * in);
				if (in > 0 && out / in > worst) {
					worst = out / in;
					worstSize = size;
				}
				while (Datagrams.pending(sender)) {
					// the reply, if there was one
				}
			}
			System.out.printf(Locale.ROOT,
					"amplification: %d request sizes from 0 to %d bytes, from a sender that is not exempt: worst ratio"
							+ " %.2f (%d bytes in, 35 out); %d not answered as too short, %d answered%n",
					sizes.size(), UdpServerProperties.MAX_UDP_PAYLOAD, worst, worstSize,
					server.count("too_short"), server.count("replied"));
			assertThat(worst).isLessThanOrEqualTo(3.0);
			assertThat(server.count("too_short")).isEqualTo(11);
		}
	}

	@Test
	void answersTheOriginalClientFromAnywhere() throws Exception {
		try (TestServer server = TestServer.start("--udp.server.exempt-loopback-from-amplification=false");
				DatagramChannel original = Datagrams.connectedFrom("127.0.3.3", server.port())) {
			assertThat(Datagrams.exchange(original, Original.MESSAGE)).isEqualTo(Original.REPLY);
		}
	}

}
