package io.coverwatch.localinfra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command lines for the child JVMs that run the broker and PostgreSQL. Their classpath is the module's optional
 * runtime dependencies (written at build time to {@code child.classpath}) plus local-infra's own classes, so none of
 * those jars has to be on the caller's classpath.
 */
final class ChildJvm {

    private static final String CLASSPATH_RESOURCE = "child.classpath";

    private ChildJvm() {}

    /**
     * {@code java} (of this JVM's installation) with a small serial-GC heap of {@code maxHeap}, log4j2 configured by
     * {@code log4jConfig}, and the child classpath.
     */
    static List<String> command(String maxHeap, Path log4jConfig, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        // Keep logging while the broker or PostgreSQL shuts down from a shutdown hook.
        command.add("-Dlog4j2.shutdownHookEnabled=false");
        command.add("-cp");
        command.add(ownClasspathEntry() + File.pathSeparator + dependencyClasspath());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    /** Writes a log4j2 configuration that logs to stdout at {@code rootLevel}, with per-logger overrides. */
    static Path writeLog4jConfig(Path file, String rootLevel, Map<String, String> loggerLevels) throws IOException {
        StringBuilder config = new StringBuilder()
                .append("status = warn\n")
                .append("appender.out.type = Console\n")
                .append("appender.out.name = STDOUT\n")
                .append("appender.out.layout.type = PatternLayout\n")
                .append("appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%c{1}] %msg%n%throwable\n")
                .append("rootLogger.level = ")
                .append(rootLevel)
                .append('\n')
                .append("rootLogger.appenderRef.out.ref = STDOUT\n");
        int i = 0;
        for (Map.Entry<String, String> level : loggerLevels.entrySet()) {
            config.append("logger.l")
                    .append(i)
                    .append(".name = ")
                    .append(level.getKey())
                    .append('\n')
                    .append("logger.l")
                    .append(i)
                    .append(".level = ")
                    .append(level.getValue())
                    .append('\n');
            i++;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private static String dependencyClasspath() {
        try (InputStream in = ChildJvm.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + CLASSPATH_RESOURCE + " next to "
                        + ChildJvm.class.getName() + "; was local-infra built with Maven?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** target/classes or the local-infra jar, whichever this class was loaded from. */
    private static String ownClasspathEntry() {
        try {
            CodeSource source = ChildJvm.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI()).toString();
            }
            // Some class loaders define classes without a code source; derive it from the class file's URL.
            String classFile = ChildJvm.class.getName().replace('.', '/') + ".class";
            URL url = ChildJvm.class.getClassLoader().getResource(classFile);
            if (url == null) {
                throw new IllegalStateException("Cannot locate " + classFile);
            }
            String external = url.toExternalForm();
            if (external.startsWith("jar:")) {
                return Path.of(URI.create(external.substring(4, external.indexOf("!/"))))
                        .toString();
            }
            return Path.of(URI.create(external.substring(0, external.length() - classFile.length())))
                    .toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot locate local-infra's classes", e);
        }
    }
}
