package org.budgetledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules and the vocabulary stay plain Java (plus Axon's annotations): no Spring, MongoDB or Kafka types; and no
 * two packages of the service depend on each other, directly or around a cycle.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.budgetledger");

    @Test
    void noPackageCycles() {
        slices().matching("org.budgetledger.ledger.(**)")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoFrameworkButAxon() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "org.budgetledger.contract..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "org.apache.kafka..",
                        "jakarta.servlet..",
                        "io.micrometer..")
                .check(CLASSES);
    }

    /** The posting, profile and narrative rules and the ledger's state are plain functions of plain data. */
    @Test
    void theRulesAndTheStateKnowNoAxon() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.budgetledger.ledger.posting.domain..",
                        "org.budgetledger.ledger.profile.domain..",
                        "org.budgetledger.ledger.narrative.domain..",
                        "org.budgetledger.ledger.state..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework..", "org.springframework..", "com.fasterxml.jackson.databind..")
                .check(CLASSES);
    }

    @Test
    void theContractKnowsNoFrameworkAtAll() {
        noClasses()
                .that()
                .resideInAPackage("org.budgetledger.contract..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.budgetledger.ledger.config..",
                        "org.budgetledger.ledger.web..",
                        "org.budgetledger.ledger.relay..")
                .check(CLASSES);
    }
}
