package dev.resilience.sample.shop.simulator;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request named a service that is not simulated.
 */
class UnknownServiceException extends ResponseStatusException {

	UnknownServiceException(String name, Set<String> known) {
		super(HttpStatus.NOT_FOUND, "No simulated service '" + name + "'; known: " + known);
	}

}
