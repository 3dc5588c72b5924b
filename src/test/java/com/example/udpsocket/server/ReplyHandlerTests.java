package com.example.udpsocket.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;

import com.example.udpsocket.UdpSocketApplication;
import com.example.udpsocket.support.Datagrams;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.TestServer;

import static com.example.udpsocket.support.Timeouts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application's own replies: a {@code GenericHandler<byte[]>} bean answers instead of
 * the configured reply, and the server keeps everything around it: the said line, the
 * counting, and its limits on what is sent.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplyHandlerTests {

	@Test
	void anEchoAnswersEachDatagramWithItselfAndEveryLineIsWrittenFirst(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(Echo.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			int port = Datagrams.localPort(client);
			assertThat(Datagrams.exchange(client, "echo me")).isEqualTo("echo me");
			assertThat(Datagrams.exchange(client, "and me, \u00e9t\u00e9")).isEqualTo("and me, \u00e9t\u00e9");
			await().until(() -> output.toString().contains("[Client 127.0.0.1:" + port + " said]:echo me\n")
					&& output.toString().contains(" said]:and me, \u00e9t\u00e9\n"));
			await().until(() -> server.count("replied") == 2);
		}
	}

	@Test
	void nothingToAnswerIsCountedAndSendsNothing(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(Answers.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			// never answered: sent until the server has counted one
			await().until(() -> {
				Datagrams.send(client, "say nothing");
				return server.count("no_reply") > 0;
			});
			await().until(() -> {
				Datagrams.send(client, "say empty");
				return server.count("no_reply") > 1;
			});
			assertThat(server.count("failed")).isZero();
			// the console is asynchronous: a line comes a moment after its datagram was counted
			await().until(() -> output.toString().contains(" said]:say nothing\n")
					&& output.toString().contains(" said]:say empty\n"));
			// what it does answer still comes, as text
			assertThat(Datagrams.exchange(client, "say hello")).isEqualTo("hello, as text");
		}
	}

	@Test
	void aReplyLongerThanTheServerSendsIsNotSentButCountedAndWarnedAbout(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(Answers.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			await().until(() -> {
				Datagrams.send(client, "say too much");
				return server.count("reply_too_long") > 0;
			});
			await().until(() -> output.toString().contains("the reply handler's reply of 1201 bytes is longer than"
					+ " 1200 bytes: not sent"));
			assertThat(Datagrams.pending(client)).isFalse();
			assertThat(Datagrams.exchange(client, "say hello")).isEqualTo("hello, as text");
		}
	}

	@Test
	void aReplyOverTheAmplificationFactorIsNotSentToASenderThatIsNotExempt(CapturedOutput output)
			throws Exception {
		try (TestServer server = TestServer.builder()
			.sources(Answers.class)
			.args("--udp.server.exempt-loopback-from-amplification=false")
			.start(); DatagramChannel client = Datagrams.connectedTo(server.port())) {
			// 9 bytes in, 1,200 out: more than three times
			await().until(() -> {
				Datagrams.send(client, "say a lot");
				return server.count("too_short") > 0;
			});
			await().until(() -> output.toString().contains("sent 9 bytes, too few for the 1200-byte reply"));
			// 12 bytes in, 14 out: within it
			assertThat(Datagrams.exchange(client, "say hello")).isEqualTo("hello, as text");
		}
		// on loopback, by default, the factor does not hold
		try (TestServer server = TestServer.builder().sources(Answers.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, Datagrams.bytes("say a lot"))).hasSize(1200);
		}
	}

	@Test
	void aHandlerThatFailsCostsOneDatagramAndTheServerGoesOnAnswering(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(Answers.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			await().until(() -> {
				Datagrams.send(client, "say boom");
				return server.count("failed") > 0;
			});
			assertThat(Datagrams.exchange(client, "say hello")).isEqualTo("hello, as text");
			assertThat(server.receiving()).isTrue();
			await().until(() -> output.toString().contains("datagram not answered: java.lang.IllegalStateException: boom"));
			assertThat(output.toString()).doesNotContain("\tat ");
		}
	}

	@Test
	void aReplyOfAnotherTypeIsTheHandlersFailure(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.builder().sources(Answers.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			await().until(() -> {
				Datagrams.send(client, "say a number");
				return server.count("failed") > 0;
			});
			await().until(() -> output.toString().contains("The reply handler returned a java.lang.Integer; it may"
					+ " return byte[], String or null"));
			assertThat(Datagrams.exchange(client, "say hello")).isEqualTo("hello, as text");
		}
	}

	@Test
	void theClientPrintsWhateverComesBackEscaped(CapturedOutput output) {
		try (TestServer server = TestServer.builder().sources(Answers.class).start()) {
			int exit = SpringApplication.exit(new SpringApplicationBuilder(UdpSocketApplication.class).profiles("client")
				.run("--udp.client.port=" + server.port(), "say control"));
			assertThat(exit).isZero();
			assertThat(output.getOut()).contains("[UDPServer said]: line\\nbreak \\e[31mred\\e[0m\n");
		}
	}

	@Test
	void severalHandlersWithoutAPrimaryOneStopTheStart(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.builder().sources(Echo.class, Answers.class).start());
		await().until(() -> output.toString().contains("Action:"));
		assertThat(output.toString()).contains("The server takes its replies from one GenericHandler<byte[]> bean, and"
				+ " there are 2: echo, answers.", "Mark the one that answers datagrams with @Primary");
	}

	@Test
	void thePrimaryOfSeveralHandlersAnswers() throws Exception {
		try (TestServer server = TestServer.builder().sources(Echo.class, Answers.class, PrimaryHandler.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, "who answers?")).isEqualTo("the primary one");
		}
	}

	@Test
	void aHandlerNotTypedForDatagramsStopsTheStart(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.builder().sources(RawHandler.class).start());
		await().until(() -> output.toString().contains("Action:"));
		assertThat(output.toString()).contains("A reply handler bean is not declared as GenericHandler<byte[]>: raw"
				+ " (a raw GenericHandler).", "Declare the bean's type as GenericHandler<byte[]>");
		assertThatException().isThrownBy(() -> TestServer.builder().sources(TextHandler.class).start());
		await().until(() -> output.toString().contains("text (GenericHandler<java.lang.String>)"));
	}

	@Test
	void aHandlerOfAnotherFlowIsLeftAloneAndTheConfiguredReplyAnswers() throws Exception {
		try (TestServer server = TestServer.builder().sources(OtherFlowHandler.class).start();
				DatagramChannel client = Datagrams.connectedTo(server.port())) {
			assertThat(Datagrams.exchange(client, Original.MESSAGE)).isEqualTo(Original.REPLY);
		}
	}

	@Test
	void itsRepliesLeaveFromTheListeningPortToTheSender() throws Exception {
		try (TestServer server = TestServer.builder().sources(Echo.class).start();
				DatagramChannel client = DatagramChannel.open()) {
			client.bind(new InetSocketAddress(Datagrams.LOOPBACK, 0));
			client.send(ByteBuffer.wrap(Datagrams.bytes("from where?")), new InetSocketAddress(Datagrams.LOOPBACK,
					server.port()));
			ByteBuffer reply = ByteBuffer.allocate(100);
			client.configureBlocking(true);
			InetSocketAddress from = (InetSocketAddress) client.receive(reply);
			assertThat(from.getPort()).isEqualTo(server.port());
		}
	}

	/** An echo service: the datagram back. */
	@Configuration(proxyBeanMethods = false)
	static class Echo {

		@Bean
		GenericHandler<byte[]> echo() {
			return (payload, headers) -> payload;
		}

	}

	/** Replies of every kind, chosen by what the datagram asks for. */
	@Configuration(proxyBeanMethods = false)
	static class Answers {

		@Bean
		GenericHandler<byte[]> answers() {
			return (payload, headers) -> {
				assertThat(headers.get(IpHeaders.PACKET_ADDRESS)).isInstanceOf(InetSocketAddress.class);
				return switch (new String(payload, StandardCharsets.UTF_8)) {
					case "say nothing" -> null;
					case "say empty" -> new byte[0];
					case "say too much" -> new byte[1201];
					case "say a lot" -> filled(1200);
					case "say boom" -> throw new IllegalStateException("boom");
					case "say a number" -> 42;
					case "say control" -> "line\nbreak \u001b[31mred\u001b[0m";
					default -> "hello, as text";
				};
			};
		}

		private static byte[] filled(int length) {
			byte[] bytes = new byte[length];
			Arrays.fill(bytes, (byte) 'a');
			return bytes;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryHandler {

		@Bean
		@Primary
		GenericHandler<byte[]> primary() {
			return (payload, headers) -> "the primary one";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RawHandler {

		@Bean
		@SuppressWarnings("rawtypes")
		GenericHandler raw() {
			return (payload, headers) -> payload;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TextHandler {

		@Bean
		GenericHandler<String> text() {
			return (payload, headers) -> payload;
		}

	}

	/** A handler of another flow's payload type, none of the server's business. */
	@Configuration(proxyBeanMethods = false)
	static class OtherFlowHandler {

		record Order(String id) {
		}

		@Bean
		GenericHandler<Order> orders() {
			return (order, headers) -> order.id();
		}

	}

}
