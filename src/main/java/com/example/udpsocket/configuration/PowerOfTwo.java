package com.example.udpsocket.configuration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A power of two (1, 2, 4, ...): a table of that size is indexed by masking a hash. */
@Documented
@Constraint(validatedBy = PowerOfTwo.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PowerOfTwo {

	String message() default "must be a power of two (1024, 2048, 4096, ...)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PowerOfTwo, Integer> {

		@Override
		public boolean isValid(Integer value, ConstraintValidatorContext context) {
			return value == null || (value > 0 && Integer.bitCount(value) == 1);
		}

	}

}
