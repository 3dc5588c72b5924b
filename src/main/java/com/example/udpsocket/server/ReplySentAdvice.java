package com.example.udpsocket.server;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

/**
 * Counts a reply as sent only once the outbound adapter has handed it to the socket; a
 * failed send propagates to the flow's error channel and is counted there instead.
 */
class ReplySentAdvice extends AbstractRequestHandlerAdvice {

	private final UdpServerMetrics metrics;

	ReplySentAdvice(UdpServerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		Object result = callback.execute();
		this.metrics.replied(((byte[]) message.getPayload()).length);
		return result;
	}

}
