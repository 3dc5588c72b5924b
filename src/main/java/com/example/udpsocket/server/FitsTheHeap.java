package com.example.udpsocket.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Settings that are each in range but together would not fit the heap: a full handler
 * queue of the largest datagrams, and the rate limit's table. Each may take at most a
 * quarter of the heap; beyond that the server does not start, rather than fail later under
 * load. Checked when Spring Boot validates the settings, like every other rule of theirs.
 */
@Documented
@Constraint(validatedBy = FitsTheHeap.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface FitsTheHeap {

	String message() default "does not fit the heap";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<FitsTheHeap, UdpServerProperties> {

		private static final int HEAP_SHARE = 4;

		@Override
		public boolean isValid(UdpServerProperties properties, ConstraintValidatorContext context) {
			long heap = Runtime.getRuntime().maxMemory();
			long share = heap / HEAP_SHARE;
			boolean valid = true;
			context.disableDefaultConstraintViolation();
			if (properties.handlerThreads() > 0) {
				long queueBytes = (long) properties.queueCapacity() * properties.maxDatagramSize();
				if (queueBytes > share) {
					valid = false;
					context.buildConstraintViolationWithTemplate("a full queue of datagrams up to"
							+ " udp.server.max-datagram-size=" + properties.maxDatagramSize() + " bytes would take "
							+ (queueBytes >> 20) + " MB, more than a quarter of the heap (" + (heap >> 20)
							+ " MB): lower either, or give the JVM more heap (-Xmx)")
						.addPropertyNode("queueCapacity")
						.addConstraintViolation();
				}
			}
			UdpServerProperties.RateLimit limit = properties.rateLimit();
			long tableBytes = limit.buckets() * (long) Long.BYTES;
			if (limit.enabled() && tableBytes > share) {
				valid = false;
				context.buildConstraintViolationWithTemplate("the table would take " + (tableBytes >> 20)
						+ " MB, more than a quarter of the heap (" + (heap >> 20)
						+ " MB): lower it, or give the JVM more heap (-Xmx)")
					.addPropertyNode("rateLimit")
					.addPropertyNode("buckets")
					.addConstraintViolation();
			}
			return valid;
		}

	}

}
