package dev.gan4j.api.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules of issue #14 that more than one module checks, each module on its own
 * production classes (from its {@code ArchitectureTest}). They live in gan-api's test-jar, which
 * every module's tests can reach, so that each rule is written once.
 *
 * <p>A rule that checks no classes fails (ArchUnit's {@code failOnEmptyShould}), so a wrong
 * package name cannot make a module's test pass vacuously.
 */
public final class ModuleRules {

    /** No cycle between packages: every package below {@code dev.gan4j} is a slice of its own. */
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.gan4j.(**)").should().beFreeOfCycles();

    /**
     * gan-examples is the application: it alone may use picocli, and no other module uses it, so
     * the library modules never pull in the command line.
     */
    public static final ArchRule NOT_THE_APPLICATION = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("picocli..", "dev.gan4j.examples..")
            .because("gan-examples is the only module that may use picocli, and no module depends on gan-examples");

    private ModuleRules() {
    }

    /**
     * The production classes in {@code rootPackage} and below, from class directories only: a
     * module's own, not its tests' nor any jar's that happens to share the package.
     */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /**
     * Of all gan4j, a backend in {@code backendPackage} uses gan-api and itself only: no gan-core,
     * gan-mnist, gan-examples or other backend, so that any module can test against any backend.
     */
    public static ArchRule backendUsesOnlyTheApi(String backendPackage) {
        return noClasses().should().dependOnClassesThat(resideInAPackage("dev.gan4j..")
                        .and(resideOutsideOfPackages("dev.gan4j.api..", backendPackage + "..")))
                .because("a backend depends on gan-api only");
    }
}
