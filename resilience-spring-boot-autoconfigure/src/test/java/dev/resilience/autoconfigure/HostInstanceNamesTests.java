package dev.resilience.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostInstanceNames}.
 */
class HostInstanceNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "api.example.com", "API.Example.COM", "localhost", "LOCALHOST", "localhost:8081",
			"inventory:8080", "inventory-service:8080", "api.example.com:443", "10.0.0.7", "10.0.0.7:8443", "[::1]",
			"[::1]:8443", "[2001:db8::7]:443", "[::ffff:10.0.0.7]", "payments.internal", "a.b.c.d" })
	void hostNamesAreHosts(String name) {
		assertThat(HostInstanceNames.isHost(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory", "inventroy", "Inventory.load", "Inventroy.load", "OrderService.placeOrder",
			"inventory:", "inventory:port", "inventory:65536", "inventory:123456", "api..example.com", ".example.com",
			"example.com.", "-api.example.com", "api-.example.com", "api_v2.example.com", "Inventory.load:x", "[]",
			"[::1", "[example.com]", "api example.com", "" })
	void otherNamesAreNot(String name) {
		assertThat(HostInstanceNames.isHost(name)).isFalse();
	}

}
