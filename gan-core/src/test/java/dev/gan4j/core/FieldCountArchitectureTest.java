package dev.gan4j.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * No class of gan-core holds more than {@value #MAX_FIELDS} instance fields: a class that needs
 * more does several jobs (the trainer once had 63) and should hand some to small types of their own.
 */
class FieldCountArchitectureTest {

    static final int MAX_FIELDS = 25;

    @Test
    void noCoreClassHasMoreThan25InstanceFields() {
        classes().that().resideInAPackage("dev.gan4j.core..")
                .should(haveAtMostInstanceFields(MAX_FIELDS))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.gan4j.core"));
    }

    static ArchCondition<JavaClass> haveAtMostInstanceFields(int max) {
        return new ArchCondition<>("have at most " + max + " instance fields") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                long count = c.getFields().stream().filter(FieldCountArchitectureTest::isInstanceField).count();
                events.add(new SimpleConditionEvent(c, count <= max,
                        c.getName() + " has " + count + " instance fields"));
            }
        };
    }

    private static boolean isInstanceField(JavaField f) {
        // synthetic fields (an inner class's outer reference, switch maps) are the compiler's, not the author's
        return !f.getModifiers().contains(JavaModifier.STATIC) && !f.getModifiers().contains(JavaModifier.SYNTHETIC);
    }
}
