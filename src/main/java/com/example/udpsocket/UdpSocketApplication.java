package com.example.udpsocket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.example.udpsocket.client.UdpClientApplication;
import com.example.udpsocket.client.Usage;

/**
 * Entry point. The {@code server} profile (the default) answers datagrams until it is
 * stopped; the {@code client} profile, which starts from its own entry class
 * ({@link UdpClientApplication}), sends its messages and exits with the code its runner
 * reports. {@code -h} or {@code --help} prints the usage of both and starts neither.
 */
@SpringBootApplication
public class UdpSocketApplication {

	public static void main(String[] args) {
		if (Usage.requested(args)) {
			System.out.print(Usage.text());
			return;
		}
		if (UdpClientApplication.requested(args, System.getenv())) {
			UdpClientApplication.main(args);
			return;
		}
		SpringApplication.run(UdpSocketApplication.class, args);
	}

}
