package dev.resilience.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import java.util.function.Predicate;

import dev.resilience.core.Causes;

/**
 * Tells failures that happened before a request was sent (the connection could not be made) from
 * those after: only the first are safe to retry for any method. Looks through the causes, so that
 * a client's wrapper ({@code WebClientRequestException}, for example) is seen through; a cycle of
 * causes ends the walk.
 */
final class ConnectionFailures {

	private static final Predicate<Throwable> NOT_CONNECTED = (cause) -> cause instanceof ConnectException
			|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
			|| cause instanceof HttpConnectTimeoutException
			|| cause.getClass().getSimpleName().equals("ConnectTimeoutException")
			|| (cause instanceof SocketTimeoutException && cause.getMessage() != null
					&& cause.getMessage().toLowerCase(Locale.ROOT).contains("connect"));

	private static final Predicate<Throwable> IO_ERROR = (cause) -> cause instanceof IOException;

	private ConnectionFailures() {
	}

	/**
	 * Whether the failure, or one of its causes, says that no connection could be made.
	 */
	static boolean beforeSending(Throwable failure) {
		return Causes.anyMatch(failure, NOT_CONNECTED);
	}

	/**
	 * Whether the failure, or one of its causes, is an I/O error: no response came.
	 */
	static boolean isTransport(Throwable failure) {
		return Causes.anyMatch(failure, IO_ERROR);
	}

}
