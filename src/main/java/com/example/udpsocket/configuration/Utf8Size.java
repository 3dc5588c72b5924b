package com.example.udpsocket.configuration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The text's size as UTF-8, which is what goes into a datagram, is between {@code min}
 * and {@code max} bytes. {@code null} is not valid.
 */
@Documented
@Constraint(validatedBy = Utf8Size.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Utf8Size {

	int min() default 0;

	int max();

	String message() default "must be {min} to {max} bytes long in UTF-8";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Utf8Size, String> {

		private int min;

		private int max;

		@Override
		public void initialize(Utf8Size constraint) {
			this.min = constraint.min();
			this.max = constraint.max();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return false;
			}
			int bytes = value.getBytes(StandardCharsets.UTF_8).length;
			return bytes >= this.min && bytes <= this.max;
		}

	}

}
