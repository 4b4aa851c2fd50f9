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
		return switch (simulated.name()) {
			case "invoices" -> this.ledger.stats(simulated.requestsSeen());
			case "reviews" -> new LoadStats(simulated.requestsSeen(), simulated.inFlight(), simulated.mostInFlight());
			case "geocoder" -> new QuotaStats(simulated.requestsSeen(), simulated.quotaPerSecond(),
					simulated.overQuota(), simulated.busiestSecond());
			default -> Map.of("requestsSeen", simulated.requestsSeen());
		};
	}

	/**
	 * What a service that can be overloaded has seen.
	 * @param requestsSeen requests that reached the service
	 * @param inFlight requests being served now
	 * @param mostInFlight the most requests served at once since the mode was last set
	 */
	record LoadStats(long requestsSeen, int inFlight, int mostInFlight) {
	}

	/**
	 * What a service with a quota has seen.
	 * @param requestsSeen requests that reached the service
	 * @param quotaPerSecond requests it accepts in any rolling second
	 * @param overQuota requests beyond the quota: the 429s it would have sent
	 * @param busiestSecond the most requests that arrived within one second since the mode was
	 * last set
	 */
	record QuotaStats(long requestsSeen, int quotaPerSecond, long overQuota, int busiestSecond) {
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail badBehaviour(HttpMessageNotReadableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMostSpecificCause().getMessage());
	}

}
