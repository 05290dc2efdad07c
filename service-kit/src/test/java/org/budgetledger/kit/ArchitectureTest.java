package org.budgetledger.kit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kit's packages form no cycle, and it knows nothing of the services that use it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.budgetledger.kit");

    @Test
    void noPackageCycles() {
        slices().matching("org.budgetledger.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theKitDoesNotKnowTheServices() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.budgetledger.ledger..", "org.budgetledger.projection..")
                .check(CLASSES);
    }
}
