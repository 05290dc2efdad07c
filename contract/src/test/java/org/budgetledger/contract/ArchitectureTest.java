package org.budgetledger.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract is the vocabulary both services share: plain Java with Jackson, no cycle, no framework, no service. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.budgetledger.contract");

    @Test
    void noPackageCycles() {
        slices().matching("org.budgetledger.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noFrameworkAndNoService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.axonframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "org.apache.kafka..",
                        "org.budgetledger.ledger..",
                        "org.budgetledger.projection..",
                        "org.budgetledger.kit..")
                .check(CLASSES);
    }
}
