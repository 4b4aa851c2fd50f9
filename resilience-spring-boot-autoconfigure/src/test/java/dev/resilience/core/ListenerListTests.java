package dev.resilience.core;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerList}: every event a policy reports reaches every subscribed listener.
 */
class ListenerListTests {

	@Test
	void passesOnEveryEventOfTheListenerInterface() {
		assertThat(Arrays.stream(ResilienceListener.class.getMethods()).filter(Method::isDefault))
			.as("events of ResilienceListener that ListenerList passes on")
			.allSatisfy((event) -> {
				Method passedOn = ListenerList.class.getDeclaredMethod(event.getName(), event.getParameterTypes());
				assertThat(Modifier.isPublic(passedOn.getModifiers())).isTrue();
			});
	}

	@Test
	void aFaultInjectedReachesEveryListener() {
		StringBuilder heard = new StringBuilder();
		ListenerList listeners = new ListenerList();
		listeners.add(new ResilienceListener() {

			@Override
			public void onFaultInjected(String name, Fault fault) {
				heard.append(name).append(' ').append(fault).append(';');
			}

		});

		listeners.onFaultInjected("recommendations", ResilienceListener.Fault.LATENCY);

		assertThat(heard).hasToString("recommendations LATENCY;");
	}

}
