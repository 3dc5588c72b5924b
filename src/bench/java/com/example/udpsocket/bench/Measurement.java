package com.example.udpsocket.bench;

import java.time.Duration;

/**
 * One measured interval of one server process: the load's view, and what the server cost
 * meanwhile as seen from {@code /proc}.
 *
 * @param server which server
 * @param logging whether per-datagram logging was on
 * @param window the load's window
 * @param round which alternation round
 * @param warmUp how long the load ran before this interval, at this window
 * @param load what the load generator saw
 * @param serverCpuSeconds CPU time the server process used in the interval, all threads
 * @param outputBytes what the server wrote to its output in the interval
 * @param rssMaxKib the largest resident set sampled in the interval
 * @param peakRssKib the process's resident high-water mark (VmHWM) at the end of the interval
 * @param pathAllocatedBytes bytes the threads of the datagram path allocated in the interval
 * (see {@link #isDatagramPath}), -1 if unknown
 * @param allAllocatedBytes bytes every Java thread of the server allocated in the interval, -1 if unknown
 */
record Measurement(ServerKind server, boolean logging, int window, int round, Duration warmUp, LoadResult load,
		double serverCpuSeconds, long outputBytes, long rssMaxKib, long peakRssKib, long pathAllocatedBytes,
		long allAllocatedBytes) {

	/**
	 * The threads of a server that handle datagrams and write their lines: the baseline's
	 * one; the stock adapter's pool (one receiving, the others handling and answering, each
	 * writing its own line to Boot's console), all of one name; ours' receiver, handlers and
	 * console writer.
	 */
	static boolean isDatagramPath(ServerKind server, String thread) {
		return switch (server) {
			case BASELINE -> thread.equals("main");
			case STOCK -> thread.endsWith("-ip:udp-inbound-channel-adapter");
			default -> thread.equals("udp-receiver") || thread.startsWith("udp-handler-")
					|| thread.equals("udp-log-writer");
		};
	}

	/** Every thread but the one that answers jcmd, whose allocations are the snapshot's own. */
	static boolean isServerThread(String thread) {
		return !thread.equals("Attach Listener");
	}

	double pathBytesPerReply() {
		return perReply(this.pathAllocatedBytes);
	}

	double allBytesPerReply() {
		return perReply(this.allAllocatedBytes);
	}

	private double perReply(long bytes) {
		return (bytes >= 0 && this.load.replies() > 0) ? (double) bytes / this.load.replies() : Double.NaN;
	}

	double cpuMicrosPerReply() {
		return (this.load.replies() > 0) ? this.serverCpuSeconds * 1e6 / this.load.replies() : Double.NaN;
	}

	double outputBytesPerReply() {
		return (this.load.replies() > 0) ? (double) this.outputBytes / this.load.replies() : Double.NaN;
	}

	String loggingLabel() {
		return this.logging ? "on" : "off";
	}

}
