package com.example.udpsocket.server;

import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Limits per network prefix and allowed sources, over real sockets on loopback (every
 * address of 127.0.0.0/8 is this machine, so a test has senders in many prefixes): a prefix
 * over its limit is cut to it while another prefix is still answered, senders inside one
 * prefix share one budget, a dry run answers everything and says what it would have
 * refused, and a sender outside the allowed blocks gets nothing. Refusals are counted and
 * logged sparingly.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTests {

	static final String QUIET = "--logging.level.com.example.udpsocket.server.ReplyActivator=warn";

	@Test
	void cutsOnePrefixToItsLimitWhileAnotherIsStillAnswered(CapturedOutput output) throws Exception {
		int rate = 50;
		int burst = 20;
		try (TestServer server = TestServer.start("--udp.server.rate-limit.rate=" + rate,
				"--udp.server.rate-limit.burst=" + burst, QUIET);
				DatagramChannel greedy = Datagrams.connectedFrom("127.0.0.1", server.port());
				DatagramChannel other = Datagrams.connectedFrom("127.0.1.2", server.port())) {
			int sent = 1_000;
			long start = System.nanoTime();
			// in chunks the socket buffer holds, each accounted for before the next goes out
			for (int chunk = 0; chunk < sent / 50; chunk++) {
				for (int i = 0; i < 50; i++) {
					Datagrams.send(greedy, "greedy sender " + i);
				}
				long expected = (chunk + 1) * 50L;
				await().until(() -> server.arrived() == expected);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long replied = server.count("replied");
			long limited = server.count("rate_limited");
			System.out.printf("rate limit %d/s burst %d: %d sent in %.3f s, %d replied, %d rate-limited, %d dropped by"
					+ " the kernel%n", rate, burst, sent, seconds, replied, limited, server.kernelDrops());
			// what the kernel did not drop, the server answered or limited
			assertThat(replied + limited).isEqualTo(server.accounted());
			assertThat(replied).isBetween((long) Math.min(burst, server.accounted()),
					(long) Math.ceil(burst + rate * (seconds + 0.1)));
			assertThat(Datagrams.exchange(other, "me too, please")).isEqualTo(Original.REPLY);
			await().until(() -> output.toString()
				.contains("[Client 127.0.0.1:" + Datagrams.localPort(greedy) + "] over the rate limit of its prefix"));
			assertThat(output.toString().split("over the rate limit", -1)).hasSizeLessThanOrEqualTo(2);
		}
	}

	@Test
	void twoHundredFiftySixSendersInOnePrefixGetNoMoreThanOneSenderAlone() throws Exception {
		int rate = 50;
		int burst = 20;
		try (TestServer server = TestServer.start("--udp.server.rate-limit.rate=" + rate,
				"--udp.server.rate-limit.burst=" + burst, QUIET)) {
			List<DatagramChannel> senders = new ArrayList<>();
			try {
				for (int host = 0; host < 256; host++) {
					senders.add(Datagrams.connectedFrom("127.0.5." + host, server.port()));
				}
				long start = System.nanoTime();
				int sent = 0;
				for (int round = 0; round < 2; round++) {
					for (DatagramChannel sender : senders) {
						Datagrams.send(sender, "one of many senders");
						sent++;
					}
					int expected = sent;
					await().until(() -> server.arrived() == expected);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				long replied = server.count("replied");
				System.out.printf("prefix limit %d/s burst %d: 256 senders in 127.0.5.0/24, %d datagrams in %.3f s:"
						+ " %d replied, %d rate-limited%n", rate, burst, sent, seconds, replied,
						server.count("rate_limited"));
				// one sender alone would get the burst and the rate over the time taken, and no more
				assertThat(replied).isLessThanOrEqualTo((long) Math.ceil(burst + rate * (seconds + 0.1)));
				assertThat(server.count("rate_limited")).isPositive();
			}
			finally {
				for (DatagramChannel sender : senders) {
					sender.close();
				}
			}
		}
	}

	@Test
	void aDryRunAnswersEverythingAndCountsAndLogsWhatItWouldHaveRefused(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.rate-limit.rate=1", "--udp.server.rate-limit.burst=1",
				"--udp.server.rate-limit.dry-run=true", QUIET);
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			for (int i = 0; i < 20; i++) {
				assertThat(Datagrams.exchange(client, "limit me, please " + i)).isEqualTo(Original.REPLY);
			}
			assertThat(server.count("rate_limited")).isZero();
			assertThat(server.count("replied")).isEqualTo(server.accounted());
			assertThat(server.bean(io.micrometer.core.instrument.MeterRegistry.class)
				.get("udp.server.ratelimit.dryrun")
				.functionCounter()
				.count()).isGreaterThanOrEqualTo(19);
			await().until(() -> output.toString().contains("over the rate limit of its prefix: answered"
					+ " (udp.server.rate-limit.dry-run=true)"));
		}
	}

	@Test
	void answersOnlyAllowedSourcesAndCountsTheOthers(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.allowed-sources=127.0.0.2/32, ::1/128");
				DatagramChannel allowed = Datagrams.connectedFrom("127.0.0.2", server.port());
				DatagramChannel refused = Datagrams.connectedFrom("127.0.0.3", server.port())) {
			// never answered, so sent until the server has counted two
			await().until(() -> {
				Datagrams.send(refused, "let me in, please");
				return server.count("not_allowed") >= 2;
			});
			assertThat(Datagrams.exchange(allowed, "hello from allowed")).isEqualTo(Original.REPLY);
			assertThat(Datagrams.pending(refused)).isFalse();
			await().until(() -> output.toString().contains("[Client 127.0.0.3:" + Datagrams.localPort(refused)
					+ "] not in udp.server.allowed-sources"));
		}
	}

	@Test
	void limitsLoopbackSendersLikeAnyOtherUnlessExemptOnPurpose() throws Exception {
		try (TestServer limited = TestServer.start("--udp.server.rate-limit.rate=1", "--udp.server.rate-limit.burst=1",
				QUIET); DatagramChannel local = Datagrams.connectedTo(limited.port())) {
			// nothing is exempt by default: a second datagram within the second is over the limit
			await().until(() -> {
				Datagrams.send(local, "again and again");
				return limited.count("rate_limited") > 0;
			});
		}
		try (TestServer exempting = TestServer.start("--udp.server.rate-limit.rate=1",
				"--udp.server.rate-limit.burst=1", "--udp.server.rate-limit.exempt-sources=127.0.0.0/8", QUIET);
				DatagramChannel local = Datagrams.connectedTo(exempting.port())) {
			for (int i = 0; i < 20; i++) {
				assertThat(Datagrams.exchange(local, "local sender " + i)).isEqualTo(Original.REPLY);
			}
			assertThat(exempting.count("rate_limited")).isZero();
		}
	}

	@Test
	void failsToStartOnABlockThatIsNotALiteralWithAPrefixLength(CapturedOutput output) {
		for (String block : List.of("10.0.0.0/33", "10.1/16", "localhost/8", "10.0.0.5")) {
			assertThatException().isThrownBy(() -> TestServer.start("--udp.server.allowed-sources=" + block));
		}
		// the console is asynchronous: the last report is written a moment after its failure
		await().untilAsserted(() -> assertThat(output.toString()).contains("Property: udp.server.allowed-sources",
				"'10.0.0.0/33'", "'10.1/16' is not a CIDR block", "host names are not accepted",
				"'10.0.0.5' has no prefix length"));
	}

}
