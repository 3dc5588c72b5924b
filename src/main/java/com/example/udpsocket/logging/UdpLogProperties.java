package com.example.udpsocket.logging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * How the server writes its console ({@code udp.log.*}).
 *
 * @param async whether console lines go through a bounded asynchronous queue (off: the
 * thread that answers a datagram writes its line itself and waits for the console)
 * @param queueSize how many lines the queue holds; when it is four-fifths full, INFO and
 * lower lines are dropped and counted, WARN and ERROR lines only when it is full
 */
@Validated
@ConfigurationProperties(UdpLogProperties.PREFIX)
public record UdpLogProperties(
		@DefaultValue("true") boolean async,
		@DefaultValue("8192") @Min(UdpLogProperties.MIN_QUEUE_SIZE) @Max(UdpLogProperties.MAX_QUEUE_SIZE) int queueSize) {

	static final String PREFIX = "udp.log";

	static final int MIN_QUEUE_SIZE = 16;

	static final int MAX_QUEUE_SIZE = 1_048_576;

	/**
	 * Binds and validates the properties from the environment, before the context exists:
	 * the console is set up from them while the environment is prepared. A bad value
	 * throws Boot's own bind exception, which its failure analysis reports with the
	 * property's name, value and origin. The checks are those of the annotations, which
	 * validate the bean again in the context (Bean Validation itself would take a few
	 * hundred milliseconds of the start to set up this early).
	 */
	static UdpLogProperties bind(Environment environment) {
		return Binder.get(environment)
			.bindOrCreate(PREFIX, Bindable.of(UdpLogProperties.class), new ValidationBindHandler(new Checks()));
	}

	/** The annotations' checks, written out. */
	private static final class Checks implements Validator {

		@Override
		public boolean supports(Class<?> type) {
			return UdpLogProperties.class.equals(type);
		}

		@Override
		public void validate(Object target, Errors errors) {
			UdpLogProperties properties = (UdpLogProperties) target;
			// the property's own name, as users write it and as Boot's report shows it
			if (properties.queueSize() < MIN_QUEUE_SIZE || properties.queueSize() > MAX_QUEUE_SIZE) {
				errors.rejectValue("queue-size", "Range", new Object[] { MIN_QUEUE_SIZE, MAX_QUEUE_SIZE },
						"must be between " + MIN_QUEUE_SIZE + " and " + MAX_QUEUE_SIZE);
			}
		}

	}

}
