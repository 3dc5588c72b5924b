package com.example.udpsocket.logging;

import java.nio.charset.Charset;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.util.StringUtils;

/**
 * The console's lines as Spring Boot would write them: in a structured format (ECS,
 * Logstash, GELF or a formatter's class name) when {@code logging.structured.format.console}
 * names one, else in the pattern. Spring Boot makes that choice in the console it sets up
 * itself; a configuration file that declares its own appender makes it here, since Logback
 * chooses no encoder by a property without a scripted condition.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

	private String pattern;

	private String structuredFormat;

	private Charset charset;

	private Encoder<ILoggingEvent> delegate;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		if (StringUtils.hasText(this.structuredFormat)) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setFormat(this.structuredFormat);
			structured.setCharset(this.charset);
			this.delegate = structured;
		}
		else {
			PatternLayoutEncoder patterned = new PatternLayoutEncoder();
			patterned.setPattern(this.pattern);
			patterned.setCharset(this.charset);
			this.delegate = patterned;
		}
		this.delegate.setContext(getContext());
		this.delegate.start();
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		if (this.delegate != null) {
			this.delegate.stop();
		}
	}

	@Override
	public byte[] headerBytes() {
		return this.delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return this.delegate.footerBytes();
	}

}
