package dev.gan4j.api.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture rule every module checks on its own production classes: no cycle between its
 * packages. A module's {@code ArchitectureTest} extends this, or {@link LibraryArchitecture} or
 * {@link BackendArchitecture} for the stricter rules, naming its root package; they live in
 * gan-api's test-jar, which every module's tests can reach, so that each rule is written once.
 *
 * <p>A rule that checks no classes fails (ArchUnit's {@code failOnEmptyShould}), so a wrong
 * package name cannot make a module's test pass vacuously.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // import the classes once for all the rules
public abstract class ModuleArchitecture {

    private final JavaClasses classes;

    /** Checks the production classes in {@code rootPackage} and below. */
    protected ModuleArchitecture(String rootPackage) {
        // class directories only: the module's own, not its tests' nor a jar's sharing the package
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** The module's production classes, for the rules of its own test. */
    protected final JavaClasses productionClasses() {
        return classes;
    }

    @Test
    void packagesHaveNoCycles() {
        // every package below dev.gan4j is a slice of its own
        slices().matching("dev.gan4j.(**)").should().beFreeOfCycles().check(classes);
    }
}
