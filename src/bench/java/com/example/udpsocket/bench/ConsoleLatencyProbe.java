package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * How long a datagram's console line takes to appear in the server's output while the
 * server is not saturated: numbered probe datagrams go out at a steady pace beside a W=1
 * load, and the output file is watched for their lines. Each line's latency is from just
 * before its datagram was sent to the moment the watcher first saw it in the file (the
 * watcher looks every millisecond or so, which bounds the resolution). Also checks that
 * every probe's line came, and in the order sent.
 */
final class ConsoleLatencyProbe {

	static final String MARKER = "console-latency-probe-";

	private static final long WATCH_PAUSE_MILLIS = 1;

	private ConsoleLatencyProbe() {
	}

	/**
	 * @param probes how many probe datagrams
	 * @param pace the pause between two probes
	 * @param load the background load (its duration is set to cover the probes), or null
	 */
	static Result run(InetSocketAddress target, Path output, int probes, Duration pace, LoadSettings load)
			throws IOException {
		long[] sentAt = new long[probes];
		long[] seenAt = new long[probes];
		Watcher watcher = new Watcher(output, seenAt);
		Thread watching = new Thread(watcher, "console-latency-watcher");
		Thread loading = null;
		if (load != null) {
			LoadSettings background = load.withDuration(pace.multipliedBy(probes).plusMillis(500));
			loading = new Thread(() -> {
				try {
					new LoadGenerator(background).run();
				}
				catch (IOException ex) {
					// the probes still measure the console, without the load
				}
			}, "console-latency-load");
			loading.start();
		}
		watching.start();
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.bind(new InetSocketAddress(target.getAddress(), 0));
			channel.connect(target);
			channel.configureBlocking(false);
			ByteBuffer replies = ByteBuffer.allocate(1024);
			sleep(pace.toMillis());
			for (int i = 0; i < probes; i++) {
				byte[] payload = (MARKER + i).getBytes(StandardCharsets.US_ASCII);
				sentAt[i] = System.nanoTime();
				channel.write(ByteBuffer.wrap(payload));
				sleep(pace.toMillis());
				while (channel.receive(replies.clear()) != null) {
					// replies are not what is measured; drained so that they do not pile up
				}
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (watcher.seen() < probes && System.nanoTime() < deadline) {
				sleep(10);
			}
		}
		finally {
			watcher.stop();
			join(watching);
			join(loading);
		}
		return Result.of(sentAt, seenAt, watcher.inOrder());
	}

	private static void join(Thread thread) {
		if (thread == null) {
			return;
		}
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** Reads what the server appends to its output and notes when each probe's line shows. */
	private static final class Watcher implements Runnable {

		private final Path output;

		private final long[] seenAt;

		private volatile boolean running = true;

		private volatile int seen;

		private volatile boolean inOrder = true;

		private int last = -1;

		Watcher(Path output, long[] seenAt) {
			this.output = output;
			this.seenAt = seenAt;
		}

		@Override
		public void run() {
			byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
			byte[] chunk = new byte[1 << 20];
			// a marker cut by the end of a read is completed by the next one
			byte[] carry = new byte[0];
			try (RandomAccessFile file = new RandomAccessFile(this.output.toFile(), "r")) {
				long position = file.length();
				while (this.running) {
					long length = file.length();
					if (length <= position) {
						sleep(WATCH_PAUSE_MILLIS);
						continue;
					}
					file.seek(position);
					int read = file.read(chunk, 0, (int) Math.min(chunk.length, length - position));
					if (read <= 0) {
						continue;
					}
					position += read;
					long now = System.nanoTime();
					byte[] text = new byte[carry.length + read];
					System.arraycopy(carry, 0, text, 0, carry.length);
					System.arraycopy(chunk, 0, text, carry.length, read);
					int end = scan(text, marker, now);
					carry = Arrays.copyOfRange(text, end, text.length);
				}
			}
			catch (IOException ex) {
				// the output is gone: the server stopped
			}
		}

		/** Notes the probes whose lines are complete in {@code text}; returns where the unfinished tail starts. */
		private int scan(byte[] text, byte[] marker, long now) {
			int lineStart = 0;
			for (int i = 0; i < text.length; i++) {
				if (text[i] != '\n') {
					continue;
				}
				int at = indexOf(text, marker, lineStart, i);
				if (at >= 0) {
					int number = 0;
					for (int d = at + marker.length; d < i && text[d] >= '0' && text[d] <= '9'; d++) {
						number = number * 10 + (text[d] - '0');
					}
					if (number < this.seenAt.length && this.seenAt[number] == 0) {
						this.seenAt[number] = now;
						this.inOrder &= number > this.last;
						this.last = number;
						this.seen++;
					}
				}
				lineStart = i + 1;
			}
			return lineStart;
		}

		private static int indexOf(byte[] text, byte[] marker, int from, int to) {
			outer: for (int i = from; i <= to - marker.length; i++) {
				for (int j = 0; j < marker.length; j++) {
					if (text[i + j] != marker[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

		int seen() {
			return this.seen;
		}

		boolean inOrder() {
			return this.inOrder;
		}

		void stop() {
			this.running = false;
		}

	}

	/**
	 * @param probes probe datagrams sent
	 * @param lines their lines seen in the output
	 * @param inOrder whether the lines came in the order the datagrams were sent
	 * @param p50Millis median latency of the lines seen
	 * @param p99Millis 99th percentile
	 * @param maxMillis the largest
	 */
	record Result(int probes, int lines, boolean inOrder, double p50Millis, double p99Millis, double maxMillis) {

		static Result of(long[] sentAt, long[] seenAt, boolean inOrder) {
			double[] millis = new double[sentAt.length];
			int n = 0;
			for (int i = 0; i < sentAt.length; i++) {
				if (seenAt[i] != 0 && sentAt[i] != 0) {
					millis[n++] = (seenAt[i] - sentAt[i]) / 1e6;
				}
			}
			double[] sorted = Arrays.copyOf(millis, n);
			Arrays.sort(sorted);
			return new Result(sentAt.length, n, inOrder, percentile(sorted, 50), percentile(sorted, 99),
					(n > 0) ? sorted[n - 1] : Double.NaN);
		}

		private static double percentile(double[] sorted, double percentile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
		}

	}

}
