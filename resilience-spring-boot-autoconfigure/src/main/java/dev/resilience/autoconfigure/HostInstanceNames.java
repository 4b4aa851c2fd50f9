package dev.resilience.autoconfigure;

/**
 * Tells whether an instance name is one the HTTP client guards give the instances of a downstream
 * host: {@code host[:port]} as a URL writes it ({@code api.example.com}, {@code localhost:8081},
 * {@code 10.0.0.7}, {@code [::1]:8443}).
 *
 * <p>A name with a port, {@code localhost}, or a dotted name of host-name labels is a host; a
 * dotted name of two labels shaped like the default name of an annotated method
 * ({@code SimpleClassName.methodName}: the first label capitalised, the second not) is not, so
 * that a typo in such a name is still reported. A single label without a port
 * ({@code inventory}) is not either: it reads as an instance name of code.
 *
 * <p>Thread-safe: stateless.
 */
final class HostInstanceNames {

	private static final int MAX_PORT = 65535;

	private static final int MAX_LABEL_LENGTH = 63;

	private HostInstanceNames() {
	}

	/**
	 * Tells whether a name is a {@code host[:port]}.
	 * @param name an instance name
	 * @return whether the HTTP client guards may name a host's instances so
	 */
	static boolean isHost(String name) {
		String host = name;
		boolean withPort = false;
		int colon = name.lastIndexOf(':');
		if (colon > 0 && isPort(name.substring(colon + 1))
				&& (name.charAt(0) != '[' || name.charAt(colon - 1) == ']')) {
			host = name.substring(0, colon);
			withPort = true;
		}
		if (host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
			return isIpv6(host.substring(1, host.length() - 1));
		}
		String[] labels = host.split("\\.", -1);
		for (String label : labels) {
			if (!isLabel(label)) {
				return false;
			}
		}
		if (withPort || host.equalsIgnoreCase("localhost")) {
			return true;
		}
		return labels.length >= 2 && !(labels.length == 2 && isMethodName(labels[0], labels[1]));
	}

	private static boolean isPort(String text) {
		if (text.isEmpty() || text.length() > 5) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (!isDigit(text.charAt(i))) {
				return false;
			}
		}
		return Integer.parseInt(text) <= MAX_PORT;
	}

	private static boolean isIpv6(String address) {
		if (address.indexOf(':') < 0) {
			return false;
		}
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLabel(String label) {
		if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.charAt(0) == '-'
				|| label.charAt(label.length() - 1) == '-') {
			return false;
		}
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			if (!(isLetter(c) || isDigit(c) || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isMethodName(String first, String second) {
		return Character.isUpperCase(first.charAt(0)) && Character.isLowerCase(second.charAt(0))
				&& second.indexOf('-') < 0;
	}

	private static boolean isLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
