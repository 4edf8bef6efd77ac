package dev.gan4j.api.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The rules of a backend module: a library that, of all gan4j, uses gan-api and itself only (no
 * gan-core, gan-mnist, gan-examples or other backend), so that any module can test against any
 * backend and a backend can be written outside the project.
 */
public abstract class BackendArchitecture extends LibraryArchitecture {

    private final String backendPackage;

    /** Checks the production classes in {@code backendPackage} and below. */
    protected BackendArchitecture(String backendPackage) {
        super(backendPackage);
        this.backendPackage = backendPackage;
    }

    @Test
    void usesNoGan4jModuleButTheApi() {
        noClasses().should().dependOnClassesThat(resideInAPackage("dev.gan4j..")
                        .and(resideOutsideOfPackages("dev.gan4j.api..", backendPackage + "..")))
                .because("a backend depends on gan-api only")
                .check(productionClasses());
    }
}
