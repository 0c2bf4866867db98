package io.coverwatch.inventory.demo;

import java.util.List;

/** An estate file that cannot be used, with every problem found in it (not just the first). */
public class EstateFileException extends RuntimeException {

    private final List<String> problems;

    EstateFileException(String source, List<String> problems) {
        super("The demo estate " + source + " is not usable:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
