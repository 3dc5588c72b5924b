package com.example.udpsocket.server;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the server's console shows an operator from start to stop: its own lines, addresses
 * as the original exercise printed them (IPv6 in RFC 5952 form), a warning where the
 * kernel grants a smaller socket buffer than asked for, and none of the framework's notes
 * about beans, channels and id generators.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerConsoleTests {

	@Test
	void showsTheServersOwnLinesAndNoFrameworkNotes(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			await().until(() -> output.toString().contains(" said]:" + Original.MESSAGE));
		}
		assertThat(output.toString()).contains("UDP socket receive buffer (SO_RCVBUF)",
				"Rate limit: 1000 datagrams/s, bursts of 2000, per /24 (IPv4) and /56 (IPv6) prefix, in 65536 buckets"
						+ " (512 KiB, fixed)")
			.doesNotContain("caps SO_", "started bean", "stopped bean", "No bean named 'errorChannel'",
					"integrationHeaderChannelRegistry", "Message IDs will be generated");
	}

	@Test
	void saysWhenTheKernelCapsASocketBufferAndHowToRaiseItsLimit(CapturedOutput output) throws Exception {
		long receiveLimit = kernelLimit("rmem_max");
		long sendLimit = kernelLimit("wmem_max");
		// the settings take at most 1GB
		assumeTrue(Math.max(receiveLimit, sendLimit) < 512 * 1024 * 1024, "this host's buffer limits are above 512 MiB");
		try (TestServer server = TestServer.start("--udp.server.socket-receive-buffer=" + 2 * receiveLimit + "B",
				"--udp.server.socket-send-buffer=" + 2 * sendLimit + "B")) {
			// the line of limits comes after the socket's lines
			await().until(() -> output.toString().contains("Rate limit:"));
			assertThat(output.toString()).contains(
					"udp.server.socket-receive-buffer asks for " + 2 * receiveLimit + " bytes, but net.core.rmem_max="
							+ receiveLimit + " caps SO_RCVBUF at ",
					"Raise the limit as root: sysctl -w net.core.rmem_max=" + 2 * receiveLimit,
					"udp.server.socket-send-buffer asks for " + 2 * sendLimit + " bytes, but net.core.wmem_max="
							+ sendLimit + " caps SO_SNDBUF at ");
		}
	}

	private static long kernelLimit(String name) throws IOException {
		Path file = Path.of("/proc/sys/net/core", name);
		assumeTrue(Files.isReadable(file), "no " + file + " on this system");
		// not Files.readString: a sysctl file answers its second read, at an offset, with end of file
		return Long.parseLong(Files.readAllLines(file).get(0).strip());
	}

	@Test
	void writesAnIpv6AddressAsTheOriginalDid(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.host=::1");
				DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6)) {
			client.bind(new InetSocketAddress("::1", 0));
			client.connect(new InetSocketAddress("::1", server.port()));
			int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			await().until(() -> output.toString().contains("[Client ::1:" + clientPort + " said]:" + Original.MESSAGE + "\n"));
			assertThat(output.toString()).doesNotContain("0:0:0:0:0:0:0:1");
		}
	}

	@Test
	void bindsTheIpv4WildcardOnAnIpv4SocketAndAnnouncesItAsConfigured(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start("--udp.server.host=0.0.0.0")) {
			// the JDK's default socket would take the IPv6 wildcard for it, and IPv6 datagrams with it
			assertThat(((InetSocketAddress) server.bean(DatagramChannel.class).getLocalAddress()).getAddress()).isInstanceOf(Inet4Address.class);
			await().until(() -> output.toString().contains("UDPServer listen at: 0.0.0.0:" + server.port() + "\n"));
			try (DatagramChannel client = Datagrams.connectedTo(server.port())) {
				assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
			}
		}
	}

	@Test
	void announcesTheAddressItBoundInThatFormToo(CapturedOutput output) {
		try (TestServer server = TestServer.builder().web().args("--udp.server.host=0:0:0:0:0:0:0:1").start()) {
			await().until(() -> output.toString().contains("UDPServer listen at: ::1:" + server.port() + "\n"));
		}
	}

}
