package dev.resilience.sample.shop.simulator;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Switches the behaviour of a simulated service at run time and reports what it has seen:
 * {@code PUT /simulated/{service}/mode} with {@code {"mode": "failing"}}, and
 * {@code GET /simulated/{service}/stats}.
 */
@RestController
class SimulatorController {

	private final SimulatedServices services;

	private final InvoiceLedger ledger;

	SimulatorController(SimulatedServices services, InvoiceLedger ledger) {
		this.services = services;
		this.ledger = ledger;
	}

	@GetMapping("/simulated/{service}/mode")
	Behaviour mode(@PathVariable String service) {
		return this.services.get(service).behaviour();
	}

	@PutMapping("/simulated/{service}/mode")
	Behaviour changeMode(@PathVariable String service, @RequestBody Behaviour behaviour) {
		this.services.get(service).behave(behaviour);
		return behaviour;
	}

	@GetMapping("/simulated/{service}/stats")
	Object stats(@PathVariable String service) {
		SimulatedService simulated = this.services.get(service);
		if (simulated.name().equals("invoices")) {
			return this.ledger.stats(simulated.requestsSeen());
		}
		return Map.of("requestsSeen", simulated.requestsSeen());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail badBehaviour(HttpMessageNotReadableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMostSpecificCause().getMessage());
	}

}
