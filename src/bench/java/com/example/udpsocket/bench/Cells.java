package com.example.udpsocket.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The measurements of a run, grouped by cell (logging on or off, window). A cell's figure
 * for a server is its best round: the one with the most replies per second, the least
 * disturbed by whatever else ran on the machine. Every figure of that row comes from
 * that one round.
 */
final class Cells {

	private final List<Measurement> measurements;

	Cells(List<Measurement> measurements) {
		this.measurements = List.copyOf(measurements);
	}

	List<Measurement> all() {
		return this.measurements;
	}

	List<Measurement> rounds(ServerKind server, boolean logging, int window) {
		return this.measurements.stream()
			.filter((m) -> m.server() == server && m.logging() == logging && m.window() == window)
			.toList();
	}

	Optional<Measurement> best(ServerKind server, boolean logging, int window) {
		return rounds(server, logging, window).stream()
			.max(Comparator.comparingDouble((Measurement m) -> m.load().repliesPerSecond()));
	}

	/** How far apart the rounds were: (most - fewest) / most replies per second. */
	double spread(ServerKind server, boolean logging, int window) {
		List<Double> rates = rounds(server, logging, window).stream().map((m) -> m.load().repliesPerSecond()).toList();
		if (rates.isEmpty()) {
			return Double.NaN;
		}
		double max = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		double min = rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		return (max > 0) ? (max - min) / max : Double.NaN;
	}

	/** {@code server / other} of one figure of a cell's best rounds, or NaN if either is missing. */
	double ratio(ServerKind server, ServerKind other, boolean logging, int window,
			ToDoubleFunction<Measurement> figure) {
		Optional<Measurement> mine = best(server, logging, window);
		Optional<Measurement> theirs = best(other, logging, window);
		if (mine.isEmpty() || theirs.isEmpty()) {
			return Double.NaN;
		}
		return figure.applyAsDouble(mine.get()) / figure.applyAsDouble(theirs.get());
	}

	/**
	 * {@code server / other} of one figure, round by round (each round measures both, one
	 * after the other): how far the ratio moves between rounds.
	 */
	List<Double> ratioByRound(ServerKind server, ServerKind other, boolean logging, int window,
			ToDoubleFunction<Measurement> figure) {
		List<Double> ratios = new java.util.ArrayList<>();
		for (Measurement mine : rounds(server, logging, window)) {
			rounds(other, logging, window).stream()
				.filter((theirs) -> theirs.round() == mine.round())
				.findFirst()
				.ifPresent((theirs) -> ratios.add(figure.applyAsDouble(mine) / figure.applyAsDouble(theirs)));
		}
		return ratios;
	}

	/** The largest of a figure over every round of a server in a window, or NaN if none. */
	double max(ServerKind server, Boolean logging, int window, ToDoubleFunction<Measurement> figure) {
		return this.measurements.stream()
			.filter((m) -> m.server() == server && m.window() == window && (logging == null || m.logging() == logging))
			.mapToDouble(figure)
			.max()
			.orElse(Double.NaN);
	}

}
