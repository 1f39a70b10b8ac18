package dev.baton.spring;

import dev.baton.spring.desk.OrderRepository;
import dev.baton.spring.desk.OrderTools;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application that uses the Desk agent system: one dependency, three properties. */
@SpringBootApplication
public class DeskApplication {
  @Bean
  OrderRepository orderRepository() {
    return id -> "shipped on Monday";
  }

  @Bean
  OrderTools orderTools(OrderRepository orders) {
    return new OrderTools(orders);
  }
}
