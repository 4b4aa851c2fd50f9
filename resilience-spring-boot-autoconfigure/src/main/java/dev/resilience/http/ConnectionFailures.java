package dev.resilience.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tells failures that happened before a request was sent (the connection could not be made) from
 * those after: only the first are safe to retry for any method. Looks through the causes, so that
 * a client's wrapper ({@code WebClientRequestException}, for example) is seen through.
 */
final class ConnectionFailures {

	private ConnectionFailures() {
	}

	/**
	 * Whether the failure, or one of its causes, says that no connection could be made.
	 */
	static boolean beforeSending(Throwable failure) {
		return anyCause(failure, (cause) -> cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause instanceof NoRouteToHostException || cause instanceof HttpConnectTimeoutException
				|| cause.getClass().getSimpleName().equals("ConnectTimeoutException")
				|| (cause instanceof SocketTimeoutException && cause.getMessage() != null
						&& cause.getMessage().toLowerCase(Locale.ROOT).contains("connect")));
	}

	/**
	 * Whether the failure, or one of its causes, is an I/O error: no response came.
	 */
	static boolean isTransport(Throwable failure) {
		return anyCause(failure, IOException.class::isInstance);
	}

	private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (test.test(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
