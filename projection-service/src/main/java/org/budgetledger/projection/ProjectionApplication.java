package org.budgetledger.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side: builds the final-accounts disclosure (tables 公开01–08, 三公, 机关运行经费), its audit trail and the
 * dashboards from the events on ledger.events. This release is its skeleton: healthy, observable, connected.
 */
@SpringBootApplication
public class ProjectionApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionApplication.class, args);
    }
}
