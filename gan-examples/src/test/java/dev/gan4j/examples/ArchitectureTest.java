package dev.gan4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.gan4j.api.architecture.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/**
 * gan-examples' packages form no cycle. It is the application, the one module allowed picocli;
 * the other modules' architecture tests check that none of them uses picocli or this module.
 */
class ArchitectureTest extends ModuleArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.examples");
    }

    /**
     * The README's Java example is QuickStart's code, and it lists gan-core, gan-mnist and a backend
     * as its dependencies: QuickStart must compile with those alone, not with this module's CLI.
     */
    @Test
    void quickStartNeedsOnlyTheLibraryModulesTheReadmeLists() {
        classes().that().haveSimpleName("QuickStart")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gan4j.api..", "dev.gan4j.core..",
                        "dev.gan4j.mnist..", "java..")
                .orShould().onlyDependOnClassesThat().haveSimpleName("QuickStart")
                .check(new ClassFileImporter().importClasses(QuickStart.class));
    }
}
