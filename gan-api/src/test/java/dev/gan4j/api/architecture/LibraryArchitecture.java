package dev.gan4j.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The rules of a library module, i.e. every module but gan-examples: besides having no package
 * cycles, it uses neither picocli nor gan-examples. gan-examples is the application, so the
 * library never pulls in the command line, and no module depends on the application.
 */
public abstract class LibraryArchitecture extends ModuleArchitecture {

    /** Checks the production classes in {@code rootPackage} and below. */
    protected LibraryArchitecture(String rootPackage) {
        super(rootPackage);
    }

    @Test
    void isNotTheApplication() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.gan4j.examples..")
                .because("gan-examples is the only module that may use picocli, and no module depends on "
                        + "gan-examples")
                .check(productionClasses());
    }
}
