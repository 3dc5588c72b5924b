package com.example.udpsocket.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator on its own, against a server started by hand (under a profiler, with
 * other settings): {@code --port=P [--window=64] [--sockets=4] [--seconds=10]
 * [--payload-bytes=32] [--timeout-ms=1000]}. Prints one summary line.
 */
public final class LoadCommand {

	private LoadCommand() {
	}

	private static String take(Map<String, String> values, String name, String fallback) {
		String value = values.remove(name);
		return (value != null) ? value : fallback;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		if (!values.containsKey("port")) {
			throw new IllegalArgumentException("--port=P is required");
		}
		LoadSettings settings = new LoadSettings(
				new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(values.remove("port"))),
				Integer.parseInt(take(values, "sockets", "4")), Integer.parseInt(take(values, "window", "64")),
				Duration.ofMillis(Math.round(Double.parseDouble(take(values, "seconds", "10")) * 1000)),
				Integer.parseInt(take(values, "payload-bytes", "32")),
				Duration.ofMillis(Long.parseLong(take(values, "timeout-ms", "1000"))));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + values.keySet());
		}
		LoadResult r = new LoadGenerator(settings).run();
		System.out.printf(Locale.ROOT,
				"W=%d sockets=%d: %,.0f replies/s, sent %,d, lost %,d, stray %,d, wrong %,d, errors %,d; "
						+ "latency µs p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f%n",
				settings.window(), settings.activeSockets(), r.repliesPerSecond(), r.sent(), r.lost(), r.stray(),
				r.wrong(), r.errors(), r.percentileMicros(50), r.percentileMicros(90), r.percentileMicros(99),
				r.percentileMicros(99.9), r.maxMicros());
	}

}
