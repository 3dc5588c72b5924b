package com.example.udpsocket.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.ResolvableType;
import org.springframework.integration.core.GenericHandler;

/**
 * Finds the application's reply handler: the bean declared as exactly
 * {@code GenericHandler<byte[]>}, or the {@code @Primary} one of several. A
 * {@code GenericHandler} bean that looks meant for the server but is not typed so (raw, or
 * for a payload of {@code Object}, {@code String}, {@code ByteBuffer} or another array),
 * or several without one primary, stops the start with a report saying which beans and
 * what to do. Handlers of other payload types belong to other flows and are left alone.
 */
final class ReplyHandlers {

	private ReplyHandlers() {
	}

	/** The application's handler, or {@code null} when it has none (the configured reply answers). */
	@SuppressWarnings("unchecked")
	static GenericHandler<byte[]> find(ConfigurableListableBeanFactory beans) {
		List<String> exact = new ArrayList<>();
		List<String> misdeclared = new ArrayList<>();
		for (String name : beans.getBeanNamesForType(GenericHandler.class, true, false)) {
			ResolvableType type = typeOf(beans, name).as(GenericHandler.class);
			Class<?> payload = type.getGeneric(0).resolve();
			if (payload == byte[].class) {
				exact.add(name);
			}
			else if (payload == null || payload == Object.class || payload == String.class
					|| payload == ByteBuffer.class || payload.isArray()) {
				misdeclared.add(name + " (" + describe(type) + ")");
			}
		}
		if (!misdeclared.isEmpty()) {
			throw new ReplyHandlerException(
					"A reply handler bean is not declared as GenericHandler<byte[]>: " + String.join(", ", misdeclared)
							+ ".",
					"Declare the bean's type as GenericHandler<byte[]> (the datagram's bytes; return byte[],"
							+ " String or null), or give it another payload type if it belongs to another flow.");
		}
		if (exact.isEmpty()) {
			return null;
		}
		String chosen = (exact.size() == 1) ? exact.get(0) : primary(beans, exact);
		return beans.getBean(chosen, GenericHandler.class);
	}

	private static String primary(ConfigurableListableBeanFactory beans, List<String> names) {
		List<String> primaries = names.stream()
			.filter((name) -> beans.containsBeanDefinition(name) && beans.getMergedBeanDefinition(name).isPrimary())
			.toList();
		if (primaries.size() != 1) {
			throw new ReplyHandlerException(
					"The server takes its replies from one GenericHandler<byte[]> bean, and there are "
							+ names.size() + ": " + String.join(", ", names) + ".",
					"Mark the one that answers datagrams with @Primary, or remove the others.");
		}
		return primaries.get(0);
	}

	private static ResolvableType typeOf(ConfigurableListableBeanFactory beans, String name) {
		if (beans.containsBeanDefinition(name)) {
			ResolvableType declared = beans.getMergedBeanDefinition(name).getResolvableType();
			if (declared.resolve() != null && GenericHandler.class.isAssignableFrom(declared.toClass())) {
				return declared;
			}
		}
		Class<?> type = beans.getType(name, false);
		return (type != null) ? ResolvableType.forClass(type) : ResolvableType.forClass(GenericHandler.class);
	}

	private static String describe(ResolvableType handler) {
		ResolvableType payload = handler.getGeneric(0);
		return (payload.resolve() == null) ? "a raw GenericHandler" : "GenericHandler<" + payload + ">";
	}

	/** The application's reply handler beans cannot be told apart, or are typed for something else. */
	static final class ReplyHandlerException extends RuntimeException {

		private final String action;

		ReplyHandlerException(String description, String action) {
			super(description);
			this.action = action;
		}

	}

	/** The report for a {@link ReplyHandlerException}: what is wrong with which beans, and what to do. */
	static final class FailureAnalyzer extends AbstractFailureAnalyzer<ReplyHandlerException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, ReplyHandlerException cause) {
			return new FailureAnalysis(cause.getMessage(), cause.action, null);
		}

	}

}
