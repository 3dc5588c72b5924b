package com.example.udpsocket.deploy.prometheus;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PromQlMetricNames} takes from the kinds of expressions the dashboard and the
 * alert rules use.
 */
class PromQlMetricNamesTests {

	@Test
	void aBareSelectorIsItsMetric() {
		assertThat(PromQlMetricNames.of("udp_server_receiving == 0")).containsExactly("udp_server_receiving");
	}

	@Test
	void functionsAggregationsAndTheirLabelListsAreNotMetrics() {
		assertThat(PromQlMetricNames.of("sum by (job, instance) (rate(udp_log_lines_dropped_total[5m])) > 0"))
			.containsExactly("udp_log_lines_dropped_total");
		assertThat(PromQlMetricNames.of("max without(pod) (x_max) / on (instance) group_left (area) y"))
			.containsExactly("x_max", "y");
		assertThat(PromQlMetricNames.of("sum(rate(a_total[1m])) by (outcome)")).containsExactly("a_total");
	}

	@Test
	void labelMatchersStringsAndGrafanaVariablesAreNotMetrics() {
		assertThat(PromQlMetricNames.of(
				"sum(rate(udp_server_datagrams_received_total{outcome=\"replied\", instance=~\"$instance\"}[$__rate_interval]))"))
			.containsExactly("udp_server_datagrams_received_total");
		assertThat(PromQlMetricNames.of("label_replace(up{job=\"a}b\"}, \"dst\", \"$1\", \"src\", \"(.*)\")"))
			.containsExactly("up");
		assertThat(PromQlMetricNames.of("a[${interval}] offset 5m")).containsExactly("a");
	}

	@Test
	void numbersDurationsAndKeywordsAreNotMetrics() {
		assertThat(PromQlMetricNames.of("a > 1e3 and b < bool 0.5 or c unless d offset 1h30m"))
			.containsExactly("a", "b", "c", "d");
		assertThat(PromQlMetricNames.of("x / (x + y) > 0.01")).containsExactly("x", "y");
	}

	@Test
	void grafanasLabelValuesNamesItsMetric() {
		assertThat(PromQlMetricNames.of("label_values(udp_server_receiving, instance)"))
			.containsExactly("udp_server_receiving");
		assertThat(PromQlMetricNames.of("label_values(instance)")).isEmpty();
	}

	@Test
	void eachSelectorHasItsOwnMatchersWithTheirOperatorsAndUnescapedValues() {
		List<PromQlMetricNames.Selector> selectors = PromQlMetricNames.selectors(
				"sum by (instance) (rate(a_total{job=\"$job\", instance=~\"127\\\\.0\\\\.0\\\\.1:80\"}[5m]))"
						+ " / ignoring (outcome) group_left b{outcome!=\"x}y\"} + c + {__name__=\"d\"}");
		assertThat(selectors).extracting(PromQlMetricNames.Selector::metric).containsExactly("a_total", "b", "c", "");
		assertThat(selectors.get(0).matchers()).containsExactly(new PromQlMetricNames.LabelMatcher("job", "=", "$job"),
				new PromQlMetricNames.LabelMatcher("instance", "=~", "127\\.0\\.0\\.1:80"));
		assertThat(selectors.get(1).has("outcome", "!=", "x}y")).isTrue();
		assertThat(selectors.get(2).matchers()).isEmpty();
		assertThat(selectors.get(3).has("__name__", "=", "d")).isTrue();
	}

	@Test
	void grafanasLabelValuesSelectorIsItsFirstArgument() {
		assertThat(PromQlMetricNames.selectors("label_values(udp_server_receiving{job=\"$job\"}, instance)"))
			.containsExactly(new PromQlMetricNames.Selector("udp_server_receiving",
					List.of(new PromQlMetricNames.LabelMatcher("job", "=", "$job"))));
		assertThat(PromQlMetricNames.selectors("label_values(job)")).isEmpty();
	}

	@Test
	void withoutLiteralsKeepsOperatorsInPlaceAndBlanksWhatLooksLikeThem() {
		String expression = "a{x=\"1/2\"}[1m] / by (y) b";
		String blanked = PromQlMetricNames.withoutLiterals(expression);
		assertThat(blanked).hasSameSizeAs(expression);
		assertThat(blanked.chars().filter((c) -> c == '/')).hasSize(1);
		assertThat(blanked).doesNotContain("1m", "y");
	}

	@Test
	void exactAndListedLabelValuesAreFound() {
		String expression = "a{outcome=\"shed\"} + b{outcome=~\"rate_limited|not_allowed\"} + c{outcome=~\".+\"}"
				+ " + d{other=\"x\"}";
		assertThat(PromQlMetricNames.matchedValues(expression, "outcome")).containsExactlyInAnyOrder("shed",
				"rate_limited", "not_allowed");
	}

}
