package dev.resilience.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Without {@code resilience.faults.enabled=true}, the {@code faults} endpoint does not exist,
 * even where it is exposed: nobody can set a fault.
 */
@SpringBootTest(classes = FaultsEndpointTests.FaultsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=faults,health" })
@AutoConfigureRestTestClient
class FaultsEndpointDisabledTests {

	@Autowired
	private RestTestClient client;

	@Test
	void theEndpointDoesNotExist() {
		this.client.get().uri("/actuator/faults").exchange().expectStatus().isNotFound();
		this.client.post().uri("/actuator/faults/prices")
			.contentType(MediaType.APPLICATION_JSON)
			.body(java.util.Map.of("exception", "java.io.IOException"))
			.exchange()
			.expectStatus().isNotFound();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
