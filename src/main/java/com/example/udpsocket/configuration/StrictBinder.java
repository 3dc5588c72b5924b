package com.example.udpsocket.configuration;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.origin.Origin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import com.example.udpsocket.server.admission.Cidr;

/**
 * Binds a settings record as Spring Boot binds it in the context, strictly
 * ({@code @ConfigurationProperties(ignoreUnknownFields = false)}: Boot's
 * {@link NoUnboundElementsBindHandler} with Boot's own source filter) and validated (Bean
 * Validation), so that a mistake can be reported before anything starts. What is wrong
 * comes back in a user's words ({@link InvalidSettingsException}): each property named as
 * it is typed ({@code udp.server.log-max-chars}, where validation names the record's
 * component), the value as it was given ({@code 0s}, not {@code PT0S}), where it was given,
 * the rule it breaks (a value of the wrong form too: Boot says {@code For input string}),
 * and the closest name for one the record does not have.
 */
public final class StrictBinder {

	private StrictBinder() {
	}

	/** The record of {@code type} bound under {@code prefix}, or what is wrong with its settings. */
	public static <T> T bind(Binder binder, String prefix, Class<T> type) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return binder.bindOrCreate(prefix, Bindable.of(type),
					new ValidationBindHandler(
							new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()),
							new SpringValidatorAdapter(validation.getValidator())));
		}
		catch (BindException ex) {
			throw new InvalidSettingsException(problems(ex, prefix, type));
		}
	}

	/** Every property of the record under {@code prefix}, as users write them: {@code udp.server.rate-limit.rate}. */
	public static List<String> names(String prefix, Class<?> type) {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			if (component.getType().isRecord()) {
				names.addAll(names(name, component.getType()));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	private static List<Problem> problems(BindException ex, String prefix, Class<?> type) {
		if (ex.getCause() instanceof BindValidationException validation) {
			return problems(validation.getValidationErrors());
		}
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			List<String> known = names(prefix, type);
			return unbound.getUnboundProperties()
				.stream()
				.map((property) -> new Problem(property.getName().toString(), String.valueOf(property.getValue()),
						origin(property.getOrigin()), "not a setting of " + prefix,
						didYouMean(property.getName().toString(), known)))
				.toList();
		}
		ConfigurationProperty property = ex.getProperty();
		if (property == null) {
			return List.of(new Problem(ex.getName().toString(), null, null,
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage(), null));
		}
		String name = property.getName().toString();
		Class<?> target = ex.getTarget().getType().resolve(Object.class);
		return List.of(new Problem(name, String.valueOf(property.getValue()), origin(property.getOrigin()),
				wrongForm(target, component(type, prefix, name), ex), null));
	}

	private static List<Problem> problems(ValidationErrors errors) {
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors) {
			String name = errors.getName().toString();
			Object value = null;
			if (error instanceof FieldError field) {
				name = name + "." + dashed(field.getField());
				value = given(errors, name, field.getRejectedValue());
			}
			problems.add(new Problem(name, (value != null) ? String.valueOf(value) : null, origin(Origin.from(error)),
					error.getDefaultMessage(), null));
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

	/**
	 * A value that cannot even be converted: what form it must have, and its range if it has
	 * one. For a type of the application's own ({@code Cidr}), its converter's message says it.
	 */
	private static String wrongForm(Class<?> type, @Nullable RecordComponent component, BindException ex) {
		String range = range(component);
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "not a whole number" + ((range != null) ? " " + range : "");
		}
		if (type == boolean.class || type == Boolean.class) {
			return "not true or false";
		}
		if (type == Duration.class) {
			return "not a duration such as 500ms or 2s";
		}
		if (type == DataSize.class) {
			return "not a size such as 512KB or 4MB" + ((range != null) ? " (" + range + ")" : "");
		}
		if (type.isEnum()) {
			return "not one of " + Stream.of(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
	}

	/** The range its constraints give, which Bean Validation's targets put on the record's accessor. */
	private static @Nullable String range(@Nullable RecordComponent component) {
		if (component == null) {
			return null;
		}
		Method accessor = component.getAccessor();
		Min min = accessor.getAnnotation(Min.class);
		Max max = accessor.getAnnotation(Max.class);
		DataSizeRange sizes = accessor.getAnnotation(DataSizeRange.class);
		if (min != null && max != null) {
			return "from " + min.value() + " to " + max.value();
		}
		if (sizes != null) {
			return sizes.min() + " to " + sizes.max();
		}
		return (min != null) ? "of at least " + min.value() : (max != null) ? "of at most " + max.value() : null;
	}

	/** The record component that {@code name}, a property under {@code prefix}, binds to. */
	private static @Nullable RecordComponent component(Class<?> type, String prefix, String name) {
		if (!name.startsWith(prefix + ".")) {
			return null;
		}
		Class<?> current = type;
		RecordComponent found = null;
		for (String part : name.substring(prefix.length() + 1).split("\\.")) {
			if (current == null || !current.isRecord()) {
				return null;
			}
			found = null;
			for (RecordComponent component : current.getRecordComponents()) {
				if (DataObjectPropertyName.toDashedForm(component.getName()).equals(part.replaceAll("\\[.*", ""))) {
					found = component;
				}
			}
			if (found == null) {
				return null;
			}
			current = found.getType();
		}
		return found;
	}

	private static @Nullable String origin(@Nullable Origin origin) {
		return (origin != null) ? origin.toString() : null;
	}

	/** {@code "did you mean udp.client.port?"} for a name close to one of {@code candidates}, else {@code null}. */
	public static @Nullable String didYouMean(String name, List<String> candidates) {
		String closest = closest(name, candidates);
		return (closest != null) ? "did you mean " + closest + "?" : null;
	}

	/** The candidate within three typos of {@code name}, the closest if several are, else {@code null}. */
	public static @Nullable String closest(String name, List<String> candidates) {
		String closest = null;
		int best = 4;
		for (String candidate : candidates) {
			int distance = distance(name.toLowerCase(Locale.ROOT), candidate);
			if (distance < best) {
				best = distance;
				closest = candidate;
			}
		}
		return closest;
	}

	/** Levenshtein distance: enough to catch a typo. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * One setting's problem.
	 * @param name the property as a user types it
	 * @param value the value it was given, if known
	 * @param origin where it was given, if known
	 * @param reason what is wrong with it: the rule it breaks
	 * @param hint what may have been meant, if anything
	 */
	public record Problem(String name, @Nullable String value, @Nullable String origin, String reason,
			@Nullable String hint) {

	}

	/** Settings that cannot be used: every problem found, in order. */
	public static class InvalidSettingsException extends RuntimeException {

		private final List<Problem> problems;

		InvalidSettingsException(List<Problem> problems) {
			super(problems.stream().map((problem) -> problem.name() + ": " + problem.reason()).collect(
					Collectors.joining("; ")));
			this.problems = List.copyOf(problems);
		}

		public List<Problem> problems() {
			return this.problems;
		}

	}

}
