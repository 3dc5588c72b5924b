package com.example.udpsocket.configuration;

import java.util.List;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Spring Boot's report for {@code udp.*} values that could not be bound or failed
 * validation, with each property named as a user types it (Boot's own names a record's
 * component, {@code udp.server.logMaxChars}) and the reason in the application's words
 * (Boot's wraps them in the converter's). Ordered first, so that it answers before Boot's;
 * other properties are left to Boot.
 */
class PropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith(KnownProperties.PREFIX + ".")) {
			return null;
		}
		List<PropertyProblems.Problem> problems = PropertyProblems.of(cause);
		if (problems.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder("Binding to target ").append(cause.getName())
			.append(" failed:\n");
		for (PropertyProblems.Problem problem : problems) {
			description.append("\n    Property: ").append(problem.name());
			if (problem.value() != null) {
				description.append("\n    Value: \"").append(problem.value()).append("\"");
			}
			if (problem.origin() != null) {
				description.append("\n    Origin: ").append(problem.origin());
			}
			description.append("\n    Reason: ").append(problem.reason()).append("\n");
		}
		return new FailureAnalysis(description.toString(),
				"Update your application's configuration (HELP.md lists every property and its range).", cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
