package dev.resilience.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;

import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.InvalidConfigurationException;

/**
 * The {@code faults} endpoint, which exists only while {@code resilience.faults.enabled} is
 * {@code true}: reads the faults injected now, sets those of an instance name
 * ({@code POST /actuator/faults/{name}} with a JSON body of the fields that {@link #set} takes),
 * replacing any it had, and clears them
 * ({@code DELETE /actuator/faults/{name}}).
 *
 * <p>Thread-safe.
 *
 * @since 0.3.0
 */
@Endpoint(id = "faults")
public class FaultsEndpoint {

	private final Faults faults;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Creates the endpoint.
	 * @param faults the faults shown and changed
	 * @param classLoader loads the exception classes named in requests
	 */
	public FaultsEndpoint(Faults faults, @Nullable ClassLoader classLoader) {
		this.faults = faults;
		this.classLoader = classLoader;
	}

	/**
	 * Returns the faults injected now, by instance name; names without faults are left out.
	 * @return the faults
	 */
	@ReadOperation
	public FaultsDescriptor faults() {
		Map<String, Map<String, Object>> faults = new LinkedHashMap<>();
		this.faults.armed().forEach((name, config) -> faults.put(name, describe(config)));
		return new FaultsDescriptor(faults);
	}

	/**
	 * Returns the faults of one instance name.
	 * @param name the instance name
	 * @return its faults, or {@code null} (404) when it has none
	 */
	@ReadOperation
	public @Nullable Map<String, Object> fault(@Selector String name) {
		FaultConfig config = this.faults.armed().get(name);
		return (config != null) ? describe(config) : null;
	}

	/**
	 * Sets the faults of an instance name, replacing those it had. A fault left out is not
	 * injected; a rate left out is 1.
	 * @param name the instance name: an annotated method's, or a guarded HTTP client's host
	 * @param latency latency added before the call runs ({@code 2s})
	 * @param latencyRate share of calls that get the latency
	 * @param exception class name of the exception thrown instead of the call
	 * @param exceptionRate share of calls that get the exception
	 * @param status HTTP status a guarded HTTP client's host answers without sending the request
	 * @param statusRate share of requests answered with the status
	 * @param retryAfter {@code Retry-After} sent with the status ({@code 2s})
	 * @return the faults set
	 * @throws InvalidEndpointRequestException (400 on the web) for a value out of range
	 */
	@WriteOperation
	public Map<String, Object> set(@Selector String name, @Nullable String latency, @Nullable Double latencyRate,
			@Nullable String exception, @Nullable Double exceptionRate, @Nullable Integer status,
			@Nullable Double statusRate, @Nullable String retryAfter) {
		try {
			FaultConfig.Builder builder = FaultConfig.builder()
				.latency(duration("latency", latency))
				.exception(exceptionClass(exception))
				.status((status != null) ? status : 0)
				.retryAfter(duration("retryAfter", retryAfter));
			if (latencyRate != null) {
				builder.latencyRate(latencyRate);
			}
			if (exceptionRate != null) {
				builder.exceptionRate(exceptionRate);
			}
			if (statusRate != null) {
				builder.statusRate(statusRate);
			}
			return describe(this.faults.set(name, builder.build()).config());
		}
		catch (InvalidConfigurationException ex) {
			String message = "Invalid " + ex.getProperty() + " '" + ex.getValue() + "': must be " + ex.getAllowed();
			throw new InvalidEndpointRequestException(message, message);
		}
	}

	/**
	 * Clears the faults of an instance name.
	 * @param name the instance name
	 */
	@DeleteOperation
	public void clear(@Selector String name) {
		this.faults.clear(name);
	}

	private static @Nullable Duration duration(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(field, value, "a duration such as 500ms or 2s");
		}
	}

	private @Nullable Class<? extends Throwable> exceptionClass(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		Class<?> type;
		try {
			type = ClassUtils.forName(name.trim(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidConfigurationException("exception", name, "the name of a class on the class path");
		}
		if (!Throwable.class.isAssignableFrom(type)) {
			throw new InvalidConfigurationException("exception", name, "a Throwable");
		}
		return type.asSubclass(Throwable.class);
	}

	/**
	 * The faults injected now.
	 *
	 * @param faults each instance name's faults
	 */
	public record FaultsDescriptor(Map<String, Map<String, Object>> faults) implements OperationResponseBody {
	}

	/**
	 * Describes the faults of one instance name: {@code latency}, {@code latencyRate},
	 * {@code exception}, {@code exceptionRate}, {@code status}, {@code statusRate},
	 * {@code retryAfter}, leaving out a fault not injected with its rate; durations as strings.
	 */
	static Map<String, Object> describe(FaultConfig config) {
		Map<String, Object> described = new LinkedHashMap<>();
		Duration latency = config.latency();
		if (latency != null) {
			described.put("latency", DurationFormat.format(latency));
			described.put("latencyRate", config.latencyRate());
		}
		Class<? extends Throwable> exception = config.exception();
		if (exception != null) {
			described.put("exception", exception.getName());
			described.put("exceptionRate", config.exceptionRate());
		}
		if (config.status() != 0) {
			described.put("status", config.status());
			described.put("statusRate", config.statusRate());
		}
		Duration retryAfter = config.retryAfter();
		if (retryAfter != null) {
			described.put("retryAfter", DurationFormat.format(retryAfter));
		}
		return OperationResponseBody.of(described);
	}

}
