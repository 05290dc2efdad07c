package org.budgetledger.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The projection's packages form no cycle (every package, not only the top ones), and the rules of the disclosure
 * (the domain packages: figures, checks, report, published documents) stay plain Java.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.budgetledger.projection");

    @Test
    void noPackageCycles() {
        slices().matching("org.budgetledger.projection.(**)")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage("org.budgetledger.projection..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.mongodb..",
                        "org.bson..",
                        "org.apache.kafka..",
                        "jakarta.servlet..",
                        "io.micrometer..",
                        "org.apache.poi..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotReachIntoTheStoreOrTheWeb() {
        noClasses()
                .that()
                .resideInAnyPackage("org.budgetledger.projection..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.budgetledger.projection.store..",
                        "org.budgetledger.projection.storage..",
                        "org.budgetledger.projection.web..",
                        "org.budgetledger.projection.apply..")
                .check(CLASSES);
    }
}
