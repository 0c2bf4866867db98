package io.coverwatch.security.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor plan every service keeps, as architecture rules over its compiled classes: domain packages are plain
 * Java, the {@code rest} and {@code messaging} edges are imported by nothing else, packages form no cycle, and no
 * service reaches into another (they meet only on Kafka, through {@code contracts}).
 *
 * <p>A service's test builds its plan and checks it: {@code FloorPlan.of("evaluation", "rules").check()}.
 */
public record FloorPlan(String service, List<String> domainPackages) {

    /** The services; each one's classes live under {@code io.coverwatch.<service>}. */
    public static final List<String> SERVICES = List.of("inventory", "evaluation", "remediation", "notification");

    /** What a domain package must not touch: frameworks, the broker, the database. */
    static final String[] INFRASTRUCTURE = {
        "io.quarkus..",
        "io.smallrye..",
        "io.vertx..",
        "jakarta..",
        "javax..",
        "org.eclipse.microprofile..",
        "org.apache.kafka..",
        "org.hibernate..",
        "java.sql..",
        "com.azure.."
    };

    /**
     * @param service        the service's name, as in its base package ({@code io.coverwatch.evaluation})
     * @param domainPackages its packages of domain rules, relative to the base package ({@code rules})
     */
    public static FloorPlan of(String service, String... domainPackages) {
        return new FloorPlan(service, List.of(domainPackages));
    }

    String basePackage() {
        return "io.coverwatch." + service;
    }

    /** The service's production classes. */
    public JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage());
    }

    public List<ArchRule> rules() {
        String base = basePackage();
        List<ArchRule> rules = new ArrayList<>();
        for (String domain : domainPackages) {
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(base + "." + domain + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(INFRASTRUCTURE)
                    .as(base + "." + domain + " is plain Java: no framework, broker or database"));
        }
        rules.add(noClasses()
                .that()
                .resideOutsideOfPackages(base + ".rest..", base + ".messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(base + ".rest..", base + ".messaging..")
                .as("rest and messaging are edges: nothing else in " + base + " imports them"));
        rules.add(slices().matching(base + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("the packages of " + base + " form no cycle"));
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> "io.coverwatch." + other + "..")
                .toArray(String[]::new);
        rules.add(noClasses()
                .that()
                .resideInAPackage(base + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .as(base + " depends on no other service"));
        return rules;
    }

    /** Checks every rule over the service's classes; an AssertionError lists each violation. */
    public void check() {
        check(classes());
    }

    /** Checks every rule over these classes. */
    public void check(JavaClasses classes) {
        rules().forEach(rule -> rule.check(classes));
    }
}
