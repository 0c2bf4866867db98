package io.coverwatch.notification.message;

import java.util.List;

/** Untrusted text as an attacker would name a VM, tag it or word a message: each must render inert in every channel. */
public final class InjectionStrings {

    public static final String VERY_LONG = "prod-web-" + "x".repeat(5_000);

    /** The table of deliverable 7, and a few more of the same family. */
    public static final List<String> TABLE = List.of(
            "<!channel>",
            "<!here> wake up",
            "<!everyone>",
            "<https://evil.example|click>",
            "<https://evil.example>",
            "*bold*",
            "_italic_",
            "~strike~",
            "`code`",
            "```block```",
            "[x](y)",
            "[portal](https://evil.example)",
            "![img](https://evil.example/x.png)",
            "<@U123>",
            "<#C123|general>",
            "&lt;",
            "&amp;lt;!channel&amp;gt;",
            "# heading",
            "- item",
            "1. item",
            "> quote",
            "<b>html</b>",
            "a | b | c",
            "prod\n*Resource:* <https://evil.example|portal>",
            VERY_LONG,
            "🔥 prod-web-01 👩‍💻",
            "خادم-الإنتاج-01",
            "שרת-ייצור",
            "\u202Eexe.txt",
            "prod\\*escaped\\*");

    private InjectionStrings() {}
}
