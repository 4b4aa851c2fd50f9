package dev.resilience.sample.shop.simulator;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

	@Bean
	TomcatContextCustomizer faultInjectingValve(SimulatedServices services) {
		return (context) -> context.getPipeline().addValve(new FaultInjectingValve(services));
	}

}
