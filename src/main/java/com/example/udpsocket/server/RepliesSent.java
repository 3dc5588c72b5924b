package com.example.udpsocket.server;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Counts a reply once the outbound adapter has handed it to the socket: the interceptor
 * sits on the channel in front of the adapter, whose send has returned by the time
 * {@link #afterSendCompletion} runs. A failed send is counted by the error flow instead.
 */
class RepliesSent implements ChannelInterceptor {

	private final UdpServerMetrics metrics;

	RepliesSent(UdpServerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void afterSendCompletion(Message<?> reply, MessageChannel channel, boolean sent, Exception ex) {
		if (sent && ex == null) {
			this.metrics.replied(((byte[]) reply.getPayload()).length);
		}
	}

}
