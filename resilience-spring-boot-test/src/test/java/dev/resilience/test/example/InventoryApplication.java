package dev.resilience.test.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application as a user would write it: a client of an inventory service, guarded by
 * annotations. Its test, {@link InventoryClientTests}, is the example of the README.
 */
@SpringBootApplication
public class InventoryApplication {

}
