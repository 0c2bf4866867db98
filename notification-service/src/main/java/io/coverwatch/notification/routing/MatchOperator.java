package io.coverwatch.notification.routing;

/** Alertmanager's four matcher operators. Regular expressions are anchored: they must match the whole value. */
public enum MatchOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    MatchOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    public boolean isNegative() {
        return this == NOT_EQUAL || this == NOT_REGEX;
    }

    /** The operator written {@code symbol}; {@link InvalidRouting} when there is none. */
    public static MatchOperator of(String symbol) {
        for (MatchOperator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        throw new InvalidRouting("unknown matcher operator '" + symbol + "': use =, !=, =~ or !~");
    }
}
