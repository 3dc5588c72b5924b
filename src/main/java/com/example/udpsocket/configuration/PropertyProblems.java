package com.example.udpsocket.configuration;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * What is wrong with the values bound to a properties record, each named as a user types
 * the property ({@code udp.server.log-max-chars}, where validation reports the record's
 * component, {@code logMaxChars}).
 */
public final class PropertyProblems {

	private PropertyProblems() {
	}

	/** The problems behind a failed bind, or an empty list if it failed for another reason. */
	public static List<Problem> of(BindException ex) {
		if (ex.getCause() instanceof BindValidationException validation) {
			return of(validation.getValidationErrors());
		}
		ConfigurationProperty property = ex.getProperty();
		if (property == null) {
			return List.of();
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return List.of(new Problem(property.getName().toString(), String.valueOf(property.getValue()),
				originOf(property.getOrigin()), cause.getMessage()));
	}

	public static List<Problem> of(ValidationErrors errors) {
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors) {
			String name = errors.getName().toString();
			Object value = null;
			if (error instanceof FieldError field) {
				name = name + "." + dashed(field.getField());
				value = given(errors, name, field.getRejectedValue());
			}
			problems.add(new Problem(name, (value != null) ? String.valueOf(value) : null, originOf(Origin.from(error)),
					error.getDefaultMessage()));
		}
		return problems;
	}

	/** The value as it was given ({@code 0s}), where validation has the converted one ({@code PT0S}). */
	private static Object given(ValidationErrors errors, String name, Object rejected) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(propertyName)) {
				return bound.getValue();
			}
		}
		return rejected;
	}

	/** {@code rateLimit.ipv4PrefixLength} → {@code rate-limit.ipv4-prefix-length}; indexes kept. */
	static String dashed(String path) {
		List<String> parts = new ArrayList<>();
		for (String part : path.split("\\.")) {
			int index = part.indexOf('[');
			parts.add((index < 0) ? DataObjectPropertyName.toDashedForm(part)
					: DataObjectPropertyName.toDashedForm(part.substring(0, index)) + part.substring(index));
		}
		return String.join(".", parts);
	}

	private static String originOf(Origin origin) {
		return (origin != null) ? origin.toString() : null;
	}

	/**
	 * One property's problem.
	 * @param name the property as a user types it
	 * @param value the value it was given, if known
	 * @param origin where it was given, if known
	 * @param reason what is wrong with it
	 */
	public record Problem(String name, String value, String origin, String reason) {

		/** {@code udp.client.port=0: must be between 1 and 65535}, on one line. */
		public String oneLine() {
			return this.name + ((this.value != null) ? "=" + this.value : "") + ": " + this.reason;
		}

	}

}
