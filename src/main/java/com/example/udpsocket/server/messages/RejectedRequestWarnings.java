package com.example.udpsocket.server.messages;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * The management plane's rejected requests (a method an endpoint does not take, a bad
 * header) are each answered with their 4xx status and counted in
 * {@code http.server.requests}, as Spring MVC does; their WARN lines are written at most
 * once per {@link ThrottledWarnings#INTERVAL}, with how many like them were left out, so that
 * no one can make the console write a line per request. Spring MVC's resolver logs through
 * {@code logException}, which it offers for overriding; the rest of its handling stays.
 */
public class RejectedRequestWarnings implements WebMvcConfigurer {

	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.replaceAll((resolver) -> (resolver.getClass() == DefaultHandlerExceptionResolver.class)
				? new Throttled() : resolver);
	}

	/** Spring MVC's resolver for its own exceptions, its warnings throttled. */
	static final class Throttled extends DefaultHandlerExceptionResolver {

		private static final Log logger = LogFactory.getLog(DefaultHandlerExceptionResolver.class);

		private final LogThrottle throttle = new LogThrottle(ThrottledWarnings.INTERVAL, System::nanoTime);

		@Override
		protected void logException(Exception ex, HttpServletRequest request) {
			long leftOut = this.throttle.tryAcquire();
			if (leftOut >= 0 && logger.isWarnEnabled()) {
				logger.warn(ServerMessages.throttled(buildLogMessage(ex, request), leftOut, ThrottledWarnings.INTERVAL));
			}
		}

	}

}
