package com.example.udpsocket.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Ip;
import com.example.udpsocket.support.Timeouts;

/**
 * One link of the tests' own: a veth pair from this host ({@value #HOST_LINK}, where the
 * servers under test listen, in this JVM) to a network namespace ({@value #NAMESPACE})
 * where the attacker and a legitimate client live, as {@code peer.py} run with
 * {@code ip netns exec}. Both families: IPv4 {@code 10.213.0.0/16} and IPv6
 * {@code fd53:ec::/48}, on-link from end to end, so that the servers resolve every
 * source address on the link with ARP or neighbour discovery, and nobody answers for the
 * forged ones. Nothing leaves the pair; {@link #close()} removes it and the namespace, and
 * {@link #create()} first removes what an earlier run may have left. Its names and
 * addresses are fixed, so one build at a time may have it: another build on this machine
 * (another checkout) waits for it, through a file lock that ends with its holder.
 */
final class AttackNetwork implements AutoCloseable {

	static final String NAMESPACE = "udpsec-net";

	/** This host's end of the link. */
	static final String HOST_LINK = "udpsec-h";

	/** The namespace's end, on which the forger writes its frames. */
	static final String PEER_LINK = "udpsec-n";

	/** Fixed, locally administered, so that the forger knows where to send without asking. */
	static final String HOST_MAC = "02:53:ec:00:00:01";

	static final String PEER_MAC = "02:53:ec:00:00:02";

	static final Path PEER_SCRIPT = Path.of("src", "test", "resources", "security", "peer.py");

	/** Held while the link exists: the kernel releases it when its process ends, however it ends. */
	static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "udp-socket-attack-network.lock");

	/** How long a build waits for another one's link: longer than all the tests that use it take. */
	static final Duration LOCK_WAIT = Duration.ofMinutes(10);

	private final Ip ip;

	private final Path python;

	private final FileChannel lockFile;

	private AttackNetwork(Ip ip, Path python, FileChannel lockFile) {
		this.ip = ip;
		this.python = python;
		this.lockFile = lockFile;
	}

	/** Whether the link can be made here: iproute2, Python and root. */
	static boolean possible() {
		return ExternalTool.IP.find().isPresent() && ExternalTool.PYTHON.find().isPresent() && root();
	}

	/**
	 * Skips the calling test (or fails it where every tool is required) unless the link can
	 * be made here, saying what is missing.
	 */
	static void requirePossible() {
		ExternalTool.PYTHON.require();
		Ip.require();
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/** Makes the link, after removing what an earlier run may have left; {@link #requirePossible()} first. */
	static AttackNetwork create() {
		requirePossible();
		AttackNetwork network = new AttackNetwork(Ip.require(), ExternalTool.PYTHON.require(), lock());
		try {
			network.remove();
			network.ip.run("netns", "add", NAMESPACE);
			network.ip.run("link", "add", HOST_LINK, "address", HOST_MAC, "type", "veth", "peer", "name", PEER_LINK,
					"address", PEER_MAC, "netns", NAMESPACE);
			for (Family family : Family.values()) {
				network.address(family, family.server, HOST_LINK);
				network.address(family, family.otherServer, HOST_LINK);
				network.address(family, family.client, "-n", NAMESPACE, PEER_LINK);
			}
			// Linux drops an IPv4 packet from one of its own addresses arriving from outside, unless the
			// interface accepts them: the loop tests forge one server's address towards the other
			network.sysctl("net/ipv4/conf/" + HOST_LINK + "/accept_local", "1");
			network.ip.run("link", "set", HOST_LINK, "up");
			network.ip.in(NAMESPACE, "link", "set", PEER_LINK, "up");
			network.ip.in(NAMESPACE, "link", "set", "lo", "up");
		}
		catch (RuntimeException | AssertionError ex) {
			network.close();
			throw ex;
		}
		return network;
	}

	/**
	 * The link of one test class, registered with {@code @RegisterExtension}: made before its
	 * first test, removed after its last; each test is skipped (or failed where every tool is
	 * required) where the link cannot be made.
	 */
	static final class ForTestClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

		private AttackNetwork network;

		@Override
		public void beforeAll(ExtensionContext context) {
			if (possible()) {
				this.network = create();
			}
		}

		@Override
		public void beforeEach(ExtensionContext context) {
			requirePossible();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (this.network != null) {
				this.network.close();
				this.network = null;
			}
		}

		AttackNetwork network() {
			return this.network;
		}

	}

	/** {@code peer.py ROLE} inside the namespace, with these arguments. */
	ChildProcess.Builder peer(String role, String... args) {
		List<String> command = new ArrayList<>(this.ip.exec(NAMESPACE));
		command.addAll(List.of(this.python.toString(), PEER_SCRIPT.toString(), role, "--netns", NAMESPACE));
		command.addAll(List.of(args));
		return ChildProcess.command(command);
	}

	/** {@code peer.py forge} towards this host's end of the link, with these arguments. */
	ChildProcess.Builder forge(String... args) {
		List<String> command = new ArrayList<>(List.of("--interface", PEER_LINK, "--mac", HOST_MAC));
		command.addAll(List.of(args));
		return peer("forge", command.toArray(String[]::new));
	}

	/** One forged datagram from {@code from}:{@code sourcePort} to {@code to}:{@code port}. */
	void forgeOne(String from, int sourcePort, String to, int port, String payload) {
		try (ChildProcess forger = forge("--from", from, "--source-port", String.valueOf(sourcePort), "--to", to,
				"--port", String.valueOf(port), "--payload", payload)
			.start()) {
			PeerOutput.of(forger, Timeouts.PROCESS);
		}
	}

	/**
	 * Exchanges of the legitimate client of {@code family} with a server, run to their end:
	 * {@code extra} are {@code peer.py exchange} options, such as {@code --count 1}.
	 */
	PeerOutput exchange(Family family, int port, String... extra) {
		List<String> args = new ArrayList<>(
				List.of("--from", family.client, "--to", family.server, "--port", String.valueOf(port)));
		args.addAll(List.of(extra));
		try (ChildProcess client = peer("exchange", args.toArray(String[]::new)).start()) {
			return PeerOutput.of(client, Timeouts.PROCESS);
		}
	}

	/** How many of this host's neighbour entries on the link are unresolved: being asked for, or given up. */
	int unresolvedNeighbours(Family family) {
		String table = this.ip.run(family.ipOption(), "neigh", "show", "dev", HOST_LINK);
		return (int) table.lines().filter((line) -> line.contains("INCOMPLETE") || line.contains("FAILED")).count();
	}

	/** Forgets every neighbour of this host on the link, and with them the replies still waiting for one. */
	void flushNeighbours() {
		for (Family family : Family.values()) {
			this.ip.run(family.ipOption(), "neigh", "flush", "dev", HOST_LINK);
		}
	}

	/** An IPv6 counter of this host's end of the link, such as {@code Ip6InHdrErrors}. */
	long ipv6Counter(String name) {
		try {
			Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\d+)$")
				.matcher(Files.readString(Path.of("/proc/net/dev_snmp6", HOST_LINK)));
			if (!matcher.find()) {
				throw new IllegalStateException("no counter " + name + " for " + HOST_LINK);
			}
			return Long.parseLong(matcher.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Adds {@code address} on the link to {@code device} (after {@code -n NAME}, in that namespace). */
	private void address(Family family, String address, String... device) {
		List<String> command = new ArrayList<>(List.of(device).subList(0, device.length - 1));
		command.addAll(List.of("addr", "add", address + "/" + family.linkPrefixLength, "dev",
				device[device.length - 1]));
		if (family == Family.IPV6) {
			// usable at once: nobody else on the link could hold it, so no duplicate detection
			command.add("nodad");
		}
		this.ip.run(command.toArray(String[]::new));
	}

	/** Sets a sysctl of an interface this made (and only those). */
	private void sysctl(String name, String value) {
		try {
			Files.writeString(Path.of("/proc/sys", name), value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot set " + name, ex);
		}
	}

	/**
	 * Removes what this made; what is not there is no error. Removing the namespace removes
	 * the pair, but in the background: this host's end is removed at once, and its name
	 * awaited free.
	 */
	private void remove() {
		this.ip.remove("netns", "del", NAMESPACE);
		this.ip.remove("link", "del", HOST_LINK);
		Timeouts.await().until(() -> !Files.exists(Path.of("/sys/class/net", HOST_LINK)));
	}

	/** The lock of {@link #LOCK}, once no other process holds it. */
	private static FileChannel lock() {
		try {
			FileChannel file = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				Awaitility.await("the attack network, which another build on this machine uses")
					.atMost(LOCK_WAIT)
					.pollInterval(Duration.ofSeconds(1))
					.ignoreException(OverlappingFileLockException.class)
					.until(() -> file.tryLock() != null);
			}
			catch (RuntimeException ex) {
				file.close();
				throw ex;
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot lock " + LOCK, ex);
		}
	}

	@Override
	public void close() {
		try {
			remove();
		}
		finally {
			try {
				// releases the lock
				this.lockFile.close();
			}
			catch (IOException ex) {
				// the process's end releases it all the same
			}
		}
	}

}
