using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace OneToOne.Composition.Testing;

/// <summary>
/// Structure-aware mutations of catalog text: it finds the key lines, the block texts under them and the references
/// between definitions, and breaks them the ways an author does (and some no author would). Every mutation applies to
/// any catalog; applying the same mutations to the same files gives the same text.
/// </summary>
internal static partial class CatalogMutator
{
    /// <summary>Values a key can be given; a line break starts a line indented under the key.</summary>
    private static readonly string[] Values =
    [
        // numbers
        "42", "-1", "0", "3.5", "1e309", "-0", "0x1F", "2147483648", "-2147483649", "99999999999999999999999", ".inf", ".nan",

        // text, and text that looks like something else
        "hello", "hello world", "\"quoted\"", "'single'", "light-beer", "hero", "monthly", "segment.women", "true", "false", "yes",
        "2026-02-30", "2026-12-01T08:00:00+01:00", "20mm", "2 per 7d", "0 per 0d", "999999 per 9999w", "de-DE", "xx-XX", "''", "\"\"",

        // lists and mappings, flow and block
        "[]", "[a, b]", "[[]]", "[light-beer, light-beer]", "[{ tag: x }]", "\n- a\n- b", "\n- { any: [] }", "\n- - nested",
        "{}", "{ x: 1 }", "{ tag: cross-sell }", "{ tag: }", "\nfoo: bar\nbaz: 1", "{ any: [x] }", "{ from: 2026-01-01, until: 2025-01-01 }",

        // nothing
        "", "null", "~", "Null",

        // very long, or deeply nested
        new string('x', 100_000),
        "\"" + string.Concat(Enumerable.Repeat("{{ a }}", 20_000)) + "\"",
        new string('[', 2_000) + new string(']', 2_000),
        new string('[', 200_000) + new string(']', 200_000),
        string.Concat(Enumerable.Repeat("{ a: ", 20_000)) + "1" + new string('}', 20_000),
        "'" + new string('>', 5_000) + " quote'",
        "'" + string.Concat(Enumerable.Repeat("* ", 3_000)) + "x'",
        "'{{ " + new string('(', 1_000) + "1" + new string(')', 1_000) + " }}'",
        "'" + new string('!', 3_000) + "x'",
        "'x" + string.Concat(Enumerable.Repeat(" && x", 5_000)) + "'",

        // template syntax, right and wrong
        "\"{{\"", "\"{{ x\"", "\"}}\"", "\"{% if x %}\"", "\"{{ end }}\"", "'{{ if x }}'", "'{{ slot \"hero\" }}'", "'{{ slot hero }}'",
        "'{{ slot \"\" }}'", "'{{ slot \"nowhere\" }}'", "'{{ include \"x\" }}'", "'{{ for i in 1..100000 }}x{{ end }}'", "'{{ x | nope }}'",
        "'{{ 1/0 }}'", "'{{ \"a\" * 100000000 }}'", "'{{ func f; ret f; end; f }}'", "'{{ func g; ret g 1; end; g 1 }}'", "'{{ capture x }}'",
        "'{{ date.now }}'", "'{{ x = 1 }}'", "'{{ segment.nope }}'", "'{{ experiment.nope }}'", "'{{ [1,2,3] | array.join }}'",
        "\"{{ x }}\\n\\n\\n\\n\\n\\n\\n\\n{{ if }}\"", "\"a\\nb\\nc\\n{{ nope(\"", "|\n{{ if }}\nx", ">\nfolded\n\n{{ end }}",
        "'<script>{{ first_name }}</script>'", "'<a href={{ first_name }}>x</a>'", "'<b onclick=\"{{ id }}\">x</b>'", "'<{{ x }}>'",
        "'![img](missing.png)'", "'![img](/etc/passwd)'", "'![img](a%00b.png)'", "\"![img](a\\0b.png)\"", "'![img](%E0%A4%A)'", "'![img](<a b.png>)'", "'{{ slot \"hero\" }}{{ slot \"hero\" }}'", "'{{ x | math.format \"N\" | string.size }}'",

        // conditions that do not parse, or are not true/false
        "gender ==", "a = 1", "\"&&\"", "'!'", "1", "'x' > 3", "'segment.women && segment.women'", "'((((((('", "x.y.z.w", "x[0]",
        "'1 + '", "\"unbalanced", "'unbalanced", "`backtick`", "'score * -'", "'uplift.card * margin.card / 0'",

        // tabs, control characters, unusual code points, bytes that are not UTF-8 (U+FDD0 to U+FDD4)
        "\"a\tb\"", "a\tb", "\u0001", "\"\\0\"", "\"\\x01\"", "\"\\u0000\"", "\"\\uD800\"", "\"\\e\"", "\u0085x", "a\u2028b", "\uFEFFx",
        "\uFFFE", "e\u0301", "\U0001F600", "\"\\U0001F600\"", "\uFDD0", "a\uFDD1b", "\uFDD2", "\uFDD3x", "\r", "a\rb",

        // YAML's own syntax in the wrong place
        "&anchor x", "*alias", "!!binary AAAA", "!custom x", "!!int x", "!!map []", "? complex", "@at", "%percent", "---", "...", "|", ">",
        "|-", "|+", "|9", "- item", "key: value", ": empty key", "#comment", "[unclosed", "{unclosed", "\"a\\\nb\"", "'a\n\nb'",

        // templates and conditions that compile, some of which fail for a recipient (a missing field, a limit)
        "'{{ first_name | string.upcase }}'", "'{{ points * 1000000 }}'", "'{{ for i in 1..5 }}{{ i }}{{ end }}'", "'{{ nickname }}'",
        "'{{ uplift.card }}'", "'{{ lines[0].item }}'", "'{{ \"x\" | string.pad_left 2000000 }}'", "'{{ for i in 1..2000 }}x{{ end }}'",
        "'{{ slot \"greeting\" }}'", "'{{ slot \"offer\" }}'", "'{{ slot \"s\" }}'", "'{{ id | string.slice 1 }}'", "'{{ 10 / points }}'",
        "'{{ date.parse due | date.to_string \"%Y\" }}'", "'{{ iq | math.format \"C\" }}'", "'{{ tier ?? \"none\" }}'", "'**bold** _x_ <b>b</b>'",
        "'[link]({{ email }})'", "'<a href=\"{{ email }}\">x</a>'", "'# {{ first_name }}\n\n| a | b |\n|---|---|\n| {{ iq }} | x |'",
        "'points > 100'", "'iq'", "'!segment.women'", "'tier == null'", "'locale'", "'first_name | string.size > 3'", "'uplift.card * 2'",
        "'gender == \"female\" || iq > 93'", "'segment.connoisseurs'", "'points / 0 > 1'", "'[1, 2] | array.size > 1'",
        "'max_uplift * margin.card'", "'points'", "'first_name'", "'country != \"US\"'",

        // YAML types a marketer does not mean: dates and times, special floats, other bases, binary, sets, anchors and merge keys
        "2026-01-01", "2026-01-01 10:00:00", "1999-12-31T23:59:60Z", "12:30:00", "-.inf", ".NaN", "+.INF", "0o777", "0b101", "1_000", "1e999999",
        "!!binary R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=", "!!float .nan", "!!timestamp 2026-01-01", "!!set { a, b }", "!!omap [a: 1]",
        "!!null ''", "!!bool yes", "&a [x, x]", "&a { content: x }", "*a", "[*a, *a]", "{ <<: *a }", "{ <<: { content: x } }", "\n<<: { content: x }",
        "\n<<: [*a, *b]", "&a x\nother: *a", "!<tag:yaml.org,2002:str> x", "!<!> x", "\n? a\n: b", "\n? [a]\n: b",

        // ids that look right and are not: confusable letters, invisible characters, other dashes
        "l\u0456ght-beer", "light\u2010beer", "light-beer\u200B", "\uFF4Conthly", "\u04BBero", "mon\u0074hly\u0301", "LIGHT-BEER", "light beer",
        "[l\u0456ght-beer, light-beer]", "[light-beer\u200B]",

        // templates and conditions nested or chained past what any author writes
        "'" + string.Concat(Enumerable.Repeat("{{ if x }}", 3_000)) + "a" + string.Concat(Enumerable.Repeat("{{ end }}", 3_000)) + "'",
        "'" + string.Concat(Enumerable.Repeat("{{ if x }}", 3_000)) + "a'",
        "'" + string.Concat(Enumerable.Repeat("(", 20_000)) + "x'",
        "'x" + string.Concat(Enumerable.Repeat(" | string.upcase", 3_000)) + "'",

        // paths
        "../../../../etc/passwd", "/dev/null", "\"\\0.ttf\"", "fonts/../x.ttf", "\"C:\\\\x.ttf\"", "/",
    ];

    /// <summary>Conditions, most of which compile: comparisons across kinds, huge numbers, missing fields, segments and experiments.</summary>
    private static readonly string[] Conditions =
    [
        "iq > 1e308", "points > 99999999999999999999999", "points == 1.5", "-points < -3", "tier == null", "tier != null && tier == \"gold\"",
        "!(iq > 3)", "iq >= 93 && iq <= 93", "first_name == \"\"", "first_name | string.starts_with \"A\"", "(first_name | string.size) > 2",
        "iq > 93 || iq <= 93", "true", "false", "null == null", "x.y.z == 1", "lines[0].amount > 1", "(lines | array.size) > 0",
        "uplift.card > 0.01", "country == \"US\" && country == \"DE\"", "iq > \"abc\"", "gender > 3", "iq == true", "gender == 1",
        "segment.women && !segment.women", "segment.connoisseurs || segment.women", "segment.nope", "experiment.offer_holdout == \"holdout\"",
        "experiment.nope == \"a\"", "(date.parse due) > (date.parse \"2026-01-01\")", "points % 2 == 0", "points / 0 > 1", "iq * iq > 10000",
        "(math.abs iq) > 3", "iq > 3 && iq < 2", "tier == \"gold\" && tier == \"silver\"", "!unsubscribed", "unsubscribed", "email",
        "max_uplift * margin.card", "uplift.card * margin.card * 1e300", "-1", "0", "1 / 0", "\"x\"", "null", "iq ??", "iq = 3", "{{ iq }}",
        "iq > 3 iq < 2", "iq >", "(iq > 3", "iq > 3)", string.Concat(Enumerable.Repeat("(", 300)) + "iq > 3" + string.Concat(Enumerable.Repeat(")", 300)),
        string.Join(" || ", Enumerable.Range(0, 400).Select(static i => $"iq == {i}")), "a.b.c.d.e.f.g.h > 0", "tier[0] == \"g\"",
        new string('!', 20_000) + "unsubscribed", string.Concat(Enumerable.Repeat("(iq > 1 && ", 2_000)) + "true" + new string(')', 2_000),
        string.Join(" && ", Enumerable.Range(0, 240).Select(static i => $"iq != {i}")), "iq" + string.Concat(Enumerable.Repeat(" | math.abs", 300)) + " > 0",
        "iq > 1e999999", "iq > -9223372036854775809", "date.now > date.parse \"2026-01-01\"", "first_name == \"" + new string('x', 100_000) + "\"",
        "segment.wom\u0435n", "tier == \"g\u043Eld\"", "iq > 1 &&", "&& iq > 1", "iq > 1 ? true : false", "if iq > 1", "{{ if iq > 1 }}",
    ];

    /// <summary>Templates, most of which compile: loops, branches, limits, nested slots, values in every kind of place.</summary>
    private static readonly string[] Templates =
    [
        "{{ if iq > 93 }}A{{ else }}B{{ end }}", "{{ for l in lines }}{{ l.item }}{{ end }}", "{{ first_name | string.truncate 3 }}",
        "{{ points | math.format \"N0\" }}", "{{ nickname ?? first_name }}", "{{ slot \"hero\" }}", "{{ slot \"offer\" }}{{ slot \"offer\" }}",
        "{{ capture c }}x{{ end }}{{ c }}", "{{ x = 5 }}{{ x }}", "{{ \"a\" | string.repeat 2000000 }}", "{{ while true }}{{ end }}",
        "{{ func f(n) }}{{ ret f(n) }}{{ end }}{{ f 1 }}", "{{ for i in 1..5000 }}{{ i }}{{ end }}", "{{ for i in 1..200 }}> {{ end }}x",
        "{{ for i in 1..200 }}* {{ end }}x", "{{ for i in 1..200 }}[{{ end }}x", "{{ iq / 0 }}", "{{ nope.deeper.still }}", "{{ lines[99].item }}",
        "## {{ first_name }}\n\n* {{ tier }}\n* {{ points }}\n\n> {{ email }}", "| a | b |\n|---|---|\n| {{ first_name }} | {{ iq }} |",
        "[{{ first_name }}](https://example.com/{{ id }})", "![{{ first_name }}](logo.png)", "<b>{{ first_name }}</b>", "<a href=\"{{ email }}\">x</a>",
        "```\n{{ first_name }}\n```", "    {{ first_name }} indented", "{{ first_name }}\n===", "<!-- {{ first_name }} -->", "&amp; {{ first_name }} &lt;",
        "{{ \"<script>\" }}", "{{ id }}{{ id }}{{ id }}", "", " ", "\n\n\n", "{{ }}", "{{ # comment }}", "{{ ## x ## }}", "{% raw %}", "{{ date.parse due }}",
        "{{ iq | math.format \"C\" }} {{ points | math.round 2 }}", "{{ [1, 2, 3] | array.join \", \" }}", "{{ object.keys uplift | array.join \",\" }}",
        "{{ content }}", "{{ subject }}", "{{ for i in 1..3 }}{{ slot \"hero\" }}{{ end }}", "{{ if segment.women }}W{{ end }}",
        "{{ experiment.offer_holdout }}", "{{ \"x\" | string.pad_left 1100000 }}", "{{ first_name | string.replace \"a\" \"{{\" }}",

        // nested and chained past what a template needs, or left open
        string.Concat(Enumerable.Repeat("{{ if iq > 1 }}", 2_000)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 2_000)),
        string.Concat(Enumerable.Repeat("{{ if iq > 1 }}", 249)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 249)),
        string.Concat(Enumerable.Repeat("{{ if iq > 1 }}", 40)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 40)),
        string.Concat(Enumerable.Repeat("{{ if iq > 1 }}", 500)) + "x", "{{ if iq > 1 }}{{ else if iq > 2 }}{{ else }}{{ else }}{{ end }}",
        string.Concat(Enumerable.Repeat("{{ for i in 1..2 }}", 30)) + "x" + string.Concat(Enumerable.Repeat("{{ end }}", 30)),
        "{{ if iq > 0 }}" + string.Concat(Enumerable.Range(1, 400).Select(static i => $"{{{{ else if iq == {i} }}}}{i}")) + "{{ end }}",
        "{{ " + string.Concat(Enumerable.Repeat("(", 5_000)) + "1" + string.Concat(Enumerable.Repeat(")", 5_000)) + " }}",
        "{{ first_name" + string.Concat(Enumerable.Repeat(" | string.upcase", 300)) + " }}", "{{ iq" + string.Concat(Enumerable.Repeat(" + 1", 300)) + " }}",
        "{{ uplift" + string.Concat(Enumerable.Repeat(".card", 300)) + " }}", "{{ " + string.Concat(Enumerable.Repeat("[", 3_000)) + string.Concat(Enumerable.Repeat("]", 3_000)) + " }}",
        "Hello {{ first_name", "Hello {{", "{{ first_name }} and {{ if", "{{{{ x }}}}", "{{ \"unterminated }}", "{{ 'x }}", "{{ end }}{{ end }}",
        "{{ ## unterminated comment }}", "{{ x = " + new string('9', 10_000) + " }}", "{{ 1e999999 }}", "{{ -9223372036854775809 }}",
        "{{ \"" + new string('x', 200_000) + "\" }}", "{{ first_name | string.replace \"\" \"xx\" }}",
    ];

    /// <summary>Keys whose value is a condition.</summary>
    private static readonly string[] ConditionKeys = ["when", "score"];

    /// <summary>Keys whose value is a template.</summary>
    private static readonly string[] TemplateKeys = ["content", "html", "text", "print", "body", "subject", "to-name", "preheader", "unsubscribe", "layout", "address"];

    /// <summary>Key names: some the format does not know, some it knows elsewhere, ids, and keys that are not text at all.</summary>
    private static readonly string[] Keys =
    [
        "contnet", "whne", "zzz", "\"\"", "\"with space\"", "\"ü\"", "1", "true", "null", "~", "\"{{ x }}\"", new string('k', 2_000),
        "\"" + new string('q', 600) + "\"", "[a, b]", "{ a: 1 }", "? complex", "<<", "\"\\0\"", "\"\\t\"",
        "catalog", "locale", "segments", "modules", "slots", "messages", "experiments", "policy", "when", "content", "html", "text",
        "print", "tags", "priority", "description", "score", "topics", "active", "status", "locales", "pick", "count", "from", "fallback",
        "subject", "body", "suppress", "email", "web", "channels", "topic", "caps", "required", "reply-to", "to-field", "to-name",
        "preheader", "layout", "unsubscribe", "page", "margins", "duplex", "window", "address", "return-address", "fonts", "regular",
        "bold", "italic", "bold-italic", "mono", "reason", "tag", "until", "any", "salt", "arms", "coverage", "holdout", "holdout-gets",
        "consent", "preferred-channel", "opted-out-topics", "max", "per", "name",
        "light-beer", "hero", "women", "monthly", "en-US", "de", "zz-ZZ", "control", "1abc", "a.b", "x-y_z",
    ];

    /// <summary>Pieces of the catalog format, with mistakes; the first line goes at the chosen indentation and the rest under it.</summary>
    private static readonly string[] Snippets =
    [
        "print:\n  page: Letter\n  margins: 25 20 20 20\n  window: din5008\n  address: \"{{ name }}\\n{{ street }}\"\n  fonts:\n    regular: missing.ttf\n    bold: \"\\0.ttf\"",
        "print:\n  window: us10\n  duplex: maybe\n  return-address: [x]\n  fonts: { mono: /dev/null, fallback: \"\" }",
        "locales:\n  de: \"Hallo {{ first_name }}\"\n  fr:\n    content: \"{{ if }}\"\n    subject: x\n  xx-YY: nope\n  '': empty\n  DE: again",
        "locales:\n  de-AT:\n    html: '<p onclick={{ x }}>'\n    print: '{{ slot \"nowhere\" }}'",
        "active:\n  from: 2026-01-01\n  until: 2025-01-01",
        "active: { from: 2026-13-01, until: 'soon' }",
        "status: draft",
        "status: [draft]",
        "required: [nowhere, { any: [] }, { any: x }, [list]]",
        "required:\n  - footer\n  - any: [legal-us, nowhere]",
        "experiments:\n  ab:\n    arms: { a: 0, b: 0 }\n    holdout: c\n    slots: [nowhere]\n    messages: nowhere",
        "experiments:\n  x-y:\n    arms: { 1a: 5, b: -1, c: lots }\n    coverage: 100.001%\n    holdout-gets: everything",
        "policy:\n  consent:\n    email: email_opt_in\n    fax: x\n    print: '{{'\n  caps:\n    - max: 2 per fortnight\n    - max: 1 per 7d\n      per: topic\n    - per: message",
        "policy:\n  preferred-channel: [a]\n  opted-out-topics: topics\n  caps: { max: 3 per 1w, per: channel }",
        "suppress:\n  - name: x\n    when: '{{'\n  - reason: r\n  - plain text\n  - when: segment.nowhere",
        "suppress:\n  when: [x]\n  reason: { a: b }",
        "score: 'a +'",
        "score: 'segment.women'",
        "topics: [a, a, '']",
        "caps: { max: 1 per day }",
        "caps: 5",
        "topic: news\ncaps: { max: 1 per week, per: topic }",
        "channels: [email, fax, email]",
        "web:\n  layout: \"<html>{{ content }}{{ content }}\"\n  other: x",
        "email:\n  from: \"{{ x }}\"\n  reply-to: \"ünicode@example.com\"\n  to-field: ''\n  layout: '{{ nope'",
        "email:\n  from: \"News <news@example.com>\"\n  unsubscribe: \"{{ for x in 1..10 }}\"\n  preheader: [x]",
        "modules:\n  extra:\n    content: \"{{ slot \\\"hero\\\" }}\"",
        "slots:\n  loop:\n    from: [loop-module]\nmodules:\n  loop-module: '{{ slot \"loop\" }}'",
        "segments:\n  a: segment.b\n  b: segment.a",
        "from: { tag: nothing-has-this }",
        "from: { tag: [x], other: y }",
        "fallback: hero",
        "count: 0",
        "pick: best\ncount: 999999999999",
        "pick: first\ncount: 3",
        "html: '<script>{{ first_name }}</script>'",
        "html: '<style>{{ x }}</style><div style=\"{{ y }}\">'",
        "content: \"![x](missing.png)\"",
        "print: '![x](/etc/passwd)'",
        "text: \"{{ x | math.format 'C' }}\"",
        "when: \"experiment.ab == 'a'\"",
        "description: |\n  free text\n  over lines",

        // anchors, aliases and merge keys: a billion laughs, a merge of a module into another, a merge without an alias
        "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nlol1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nlol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nlol3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nlol4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\nlol5: [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]",
        "tags: &t [a, b]\ntopics: *t",
        "base: &base\n  when: segment.women\n  content: x\nother:\n  <<: *base\n  content: y",
        "<<: { when: segment.women, content: merged }",
        "<<:\n  - { content: a }\n  - { content: b }",
        "content: &c \"{{ first_name }}\"\nhtml: *c",
        "&root content: x",

        // the same key twice, directly and through different spellings of the same text
        "content: first\ncontent: second",
        "when: segment.women\n\"when\": segment.women",
        "content: a\n'content': b\n? content\n: c",

        // ids with confusable or invisible characters, defined beside the real one
        "l\u0456ght-beer: '{{ first_name }}'",
        "light-beer\u200B: x",
        "\uFF4Conthly:\n  body: x",
    ];

    /// <summary>Names that are not defined, or are defined ids written slightly wrong.</summary>
    private static readonly string[] Undefined =
    [
        "nowhere", "no-such-module", "Light-Beer", "light_beer", "", " ", "1st", "a.b", "women ", "hero-", "monthly", "ü", "\"quoted\"",
        "l\u0456ght-beer", "light\u2010beer", "light-beer\u200B", "\u04BBero", "wom\u0435n", "hero\u0301", "\uFF48ero", "he\u00ADro", "light\u2011beer",
    ];

    /// <summary>Characters and short tokens put into a line.</summary>
    private static readonly string[] Characters =
    [
        ":", "-", " ", "\t", "\r", "\n", "#", "[", "]", "{", "}", "\"", "'", "|", ">", "&", "*", "!", "%", "@", "`", ",", "?", "\0", "\u0001",
        "\u007F", "\u0085", "\u00A0", "\u2028", "\uFEFF", "\uD800", "\uDC00", "\uFDD0", "\uFDD1", "\uFDD4", "x", "{{", "}}", "{%", ": ", "- ",
    ];

    /// <summary>Whole files that are not a catalog mapping.</summary>
    private static readonly string[] Files =
    [
        "", " ", "\n\n", "# only a comment", "---", "...", "---\n...\n---\n", "null", "~", "[]", "- a\n- b", "'text'", "just text", "{}",
        "catalog: x\n---\ncatalog: y", "\uFEFF", "\uFDD4a\0b", "%YAML 1.2\n---\ncatalog: x", "%TAG !x! tag:x,2000:\n---\n!x!y catalog: y",
        "? [a]\n: b", "&a catalog: *a", "catalog: &n x\nlocale: *n", "catalog: other-name", "modules: []", "modules:\n  light-beer: duplicate",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
        "catalog: &self { x: *self }", "<<: { catalog: merged }", "catalog: x\ncatalog: y", "!!binary AAAA", "!!map { catalog: x }",
        new string('[', 100_000), string.Concat(Enumerable.Repeat("- ", 10_000)) + "x", string.Concat(Enumerable.Range(0, 200).Select(static i => new string(' ', i * 2) + "k:\n")),
        "catalog: " + new string('x', 1_000_000),
    ];

    /// <summary>Gets a random mutation, the common kinds more often.</summary>
    public static Gen<CatalogMutation> Mutation { get; } =
        from kind in Gen.Frequency(
            (2, Gen.Constant(MutationKind.DeleteLine)),
            (2, Gen.Constant(MutationKind.DuplicateLine)),
            (1, Gen.Constant(MutationKind.SwapLines)),
            (2, Gen.Constant(MutationKind.Reindent)),
            (6, Gen.Constant(MutationKind.ReplaceValue)),
            (4, Gen.Constant(MutationKind.ReplaceCondition)),
            (4, Gen.Constant(MutationKind.ReplaceTemplate)),
            (2, Gen.Constant(MutationKind.RenameKey)),
            (2, Gen.Constant(MutationKind.DropKey)),
            (3, Gen.Constant(MutationKind.UndefinedReference)),
            (2, Gen.Constant(MutationKind.InsertKey)),
            (3, Gen.Constant(MutationKind.InsertSnippet)),
            (2, Gen.Constant(MutationKind.InsertCharacter)),
            (1, Gen.Constant(MutationKind.Truncate)),
            (1, Gen.Constant(MutationKind.SplitFile)),
            (1, Gen.Constant(MutationKind.LineEndings)),
            (1, Gen.Constant(MutationKind.DuplicateFile)),
            (1, Gen.Constant(MutationKind.ReplaceFile)))
        from file in Gen.Choose(0, 1_000)
        from line in Gen.Choose(0, 100_000)
        from choice in Gen.Choose(0, 100_000)
        from extra in Gen.Choose(0, 100_000)
        select new CatalogMutation(kind, file, line, choice, extra);

    /// <summary>Applies mutations in order to a copy of the files.</summary>
    /// <param name="files">The catalog's files.</param>
    /// <param name="mutations">The mutations.</param>
    /// <returns>The mutated files, in the order the loader reads them.</returns>
    public static IReadOnlyList<CatalogText> Apply(IReadOnlyList<CatalogText> files, IEnumerable<CatalogMutation> mutations)
    {
        var result = files.ToList();
        foreach (var mutation in mutations)
        {
            Apply(result, mutation);
        }

        return [.. result.OrderBy(static f => f.Name, StringComparer.Ordinal)];
    }

    private static void Apply(List<CatalogText> files, CatalogMutation mutation)
    {
        var index = Pick(mutation.File, files.Count);
        var file = files[index];
        switch (mutation.Kind)
        {
            case MutationKind.SplitFile:
                var lines = file.Text.Split('\n');
                var at = Pick(mutation.Line, lines.Length);
                files[index] = file with { Text = string.Join('\n', lines[..at]) };
                files.Add(new CatalogText($"{Path.GetFileNameWithoutExtension(file.Name)}-part{files.Count}.yaml", string.Join('\n', lines[at..])));
                break;
            case MutationKind.LineEndings:
                files[index] = file with { Text = WithLineEndings(file.Text, mutation) };
                break;
            case MutationKind.DuplicateFile:
                files.Add(file with { Name = $"copy{files.Count}-{file.Name}" });
                break;
            case MutationKind.ReplaceFile:
                files[index] = file with { Text = Files[Pick(mutation.Choice, Files.Length)] };
                break;
            case MutationKind.UndefinedReference:
                files[index] = file with { Text = BreakReference(file.Text, mutation) };
                break;
            case MutationKind.ReplaceCondition:
                files[index] = file with { Text = ReplaceScript(file.Text, ConditionKeys, Conditions, mutation) };
                break;
            case MutationKind.ReplaceTemplate:
                files[index] = file with { Text = ReplaceScript(file.Text, TemplateKeys, Templates, mutation) };
                break;
            default:
                var list = file.Text.Split('\n').ToList();
                MutateLines(list, mutation);
                files[index] = file with { Text = string.Join('\n', list) };
                break;
        }
    }

    private static void MutateLines(List<string> lines, CatalogMutation mutation)
    {
        var i = Pick(mutation.Line, lines.Count);
        var line = lines[i];
        switch (mutation.Kind)
        {
            case MutationKind.DeleteLine:
                lines.RemoveAt(i);
                break;
            case MutationKind.DuplicateLine:
                lines.Insert(i, line);
                break;
            case MutationKind.SwapLines:
                var j = Pick(mutation.Extra, lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case MutationKind.Reindent:
                var delta = Pick(mutation.Choice, 13) - 6;
                lines[i] = delta switch
                {
                    0 => "\t" + line.TrimStart(' '),
                    > 0 => new string(' ', delta) + line,
                    _ => line[Math.Min(-delta, IndentOf(line))..],
                };
                break;
            case MutationKind.InsertCharacter:
                var column = Pick(mutation.Extra, line.Length + 1);
                lines[i] = line.Insert(column, Characters[Pick(mutation.Choice, Characters.Length)]);
                break;
            case MutationKind.Truncate:
                lines.RemoveRange(i + 1, lines.Count - i - 1);
                lines[i] = line[..Pick(mutation.Extra, line.Length + 1)];
                break;
            default:
                MutateKey(lines, mutation);
                break;
        }
    }

    /// <summary>The mutations that need a key line: each takes the chosen line's nearest key line at or after it, wrapping round.</summary>
    private static void MutateKey(List<string> lines, CatalogMutation mutation)
    {
        var shapes = Shapes(lines);
        var keyLines = Enumerable.Range(0, lines.Count).Where(l => shapes[l].KeyColumn >= 0).ToList();
        if (keyLines.Count == 0)
        {
            return;
        }

        var k = keyLines[Pick(mutation.Line, keyLines.Count)];
        var shape = shapes[k];
        var line = lines[k];
        switch (mutation.Kind)
        {
            case MutationKind.ReplaceValue:
                var value = Values[Pick(mutation.Choice, Values.Length)];
                if (shape.IsBlockStart && mutation.Extra % 2 == 0)
                {
                    lines.RemoveRange(k + 1, BlockLength(lines, shapes, k));
                }

                lines[k] = line[..shape.ColonEnd] + (value.Length == 0 ? string.Empty : " " + Indented(value, shape.KeyColumn + 2));
                break;
            case MutationKind.RenameKey:
                lines[k] = line[..shape.KeyColumn] + Keys[Pick(mutation.Choice, Keys.Length)] + line[(shape.ColonEnd - 1)..];
                break;
            case MutationKind.DropKey:
                lines.RemoveRange(k, 1 + ChildLength(lines, k, shape.KeyColumn));
                break;
            case MutationKind.InsertKey:
                var keyIndent = shape.KeyColumn + (mutation.Extra % 2 * 2);
                var keyValue = Values[Pick(mutation.Extra / 2, Values.Length)];
                lines.Insert(
                    k + 1 + ChildLength(lines, k, shape.KeyColumn),
                    new string(' ', keyIndent) + Keys[Pick(mutation.Choice, Keys.Length)] + ":" + (keyValue.Length == 0 ? string.Empty : " " + Indented(keyValue, keyIndent + 2)));
                break;
            case MutationKind.InsertSnippet:
                var snippetIndent = shape.KeyColumn + (mutation.Extra % 2 * 2);
                lines.Insert(
                    k + 1 + ChildLength(lines, k, shape.KeyColumn),
                    new string(' ', snippetIndent) + Indented(Snippets[Pick(mutation.Choice, Snippets.Length)], snippetIndent));
                break;
        }
    }

    /// <summary>Ends every line with CR LF, CR or LF (the choice), or, when the extra number is odd, each line with the next of the three.</summary>
    private static string WithLineEndings(string text, CatalogMutation mutation)
    {
        string[] breaks = ["\r\n", "\r", "\n"];
        var lines = text.Split('\n');
        var written = new System.Text.StringBuilder(text.Length + lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            written.Append(lines[i]);
            if (i < lines.Length - 1)
            {
                written.Append(breaks[Pick(mutation.Choice + (i * (mutation.Extra % 2)), breaks.Length)]);
            }
        }

        return written.ToString();
    }

    /// <summary>Renames one reference (chosen among every one the text has) to something undefined.</summary>
    private static string BreakReference(string text, CatalogMutation mutation)
    {
        var sites = References().Matches(text).Select(static m => m.Groups["id"]).Where(static g => g.Success).ToList();
        if (sites.Count == 0)
        {
            return text;
        }

        var site = sites[Pick(mutation.Line, sites.Count)];
        return text[..site.Index] + Undefined[Pick(mutation.Choice, Undefined.Length)] + text[(site.Index + site.Length)..];
    }

    /// <summary>
    /// Gives one of the keys (chosen among every one the text has) a script from the palette, written as YAML that reads
    /// back as exactly that text: in single quotes on one line, or as a literal block when it has line breaks.
    /// </summary>
    private static string ReplaceScript(string text, string[] keys, string[] scripts, CatalogMutation mutation)
    {
        var lines = text.Split('\n').ToList();
        var shapes = Shapes(lines);
        var candidates = Enumerable.Range(0, lines.Count)
            .Where(l => shapes[l].KeyColumn >= 0 && keys.Contains(lines[l][shapes[l].KeyColumn..(shapes[l].ColonEnd - 1)].Trim()))
            .ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var k = candidates[Pick(mutation.Line, candidates.Count)];
        var shape = shapes[k];
        if (shape.IsBlockStart)
        {
            lines.RemoveRange(k + 1, BlockLength(lines, shapes, k));
        }

        var script = scripts[Pick(mutation.Choice, scripts.Length)];
        var indent = new string(' ', shape.KeyColumn + 2);
        lines[k] = lines[k][..shape.ColonEnd] + (script.Contains('\n', StringComparison.Ordinal)
            ? " |\n" + indent + script.Replace("\n", "\n" + indent, StringComparison.Ordinal)
            : " '" + script.Replace("'", "''", StringComparison.Ordinal) + "'");
        return string.Join('\n', lines);
    }

    /// <summary>The number of lines after a block scalar's key line that hold its text.</summary>
    private static int BlockLength(List<string> lines, LineShape[] shapes, int keyLine)
    {
        var n = 0;
        while (keyLine + 1 + n < lines.Count && shapes[keyLine + 1 + n].IsBlockText)
        {
            n++;
        }

        return n;
    }

    /// <summary>The number of lines after a key line that belong to its value (indented deeper, or blank within it).</summary>
    private static int ChildLength(List<string> lines, int keyLine, int keyColumn)
    {
        var n = 0;
        var last = 0;
        while (keyLine + 1 + n < lines.Count)
        {
            var next = lines[keyLine + 1 + n];
            if (next.Trim().Length > 0 && IndentOf(next) <= keyColumn)
            {
                break;
            }

            n++;
            if (next.Trim().Length > 0)
            {
                last = n;
            }
        }

        return last;
    }

    private static LineShape[] Shapes(List<string> lines)
    {
        var shapes = new LineShape[lines.Count];
        var blockParent = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (blockParent >= 0 && (line.Trim().Length == 0 || IndentOf(line) > blockParent))
            {
                shapes[i] = new LineShape(-1, 0, false, true);
                continue;
            }

            blockParent = -1;
            var match = KeyLine().Match(line);
            if (!match.Success)
            {
                shapes[i] = new LineShape(-1, 0, false, false);
                continue;
            }

            var key = match.Groups["key"];
            var value = match.Groups["value"];
            var isBlock = value.Success && BlockIndicator().IsMatch(value.Value);
            if (isBlock)
            {
                blockParent = key.Index;
            }

            shapes[i] = new LineShape(key.Index, line.IndexOf(':', key.Index + key.Length) + 1, isBlock, false);
        }

        return shapes;
    }

    private static string Indented(string text, int indent) => text.Replace("\n", "\n" + new string(' ', indent), StringComparison.Ordinal);

    private static int IndentOf(string line) => line.Length - line.TrimStart(' ').Length;

    private static int Pick(int n, int count) => count == 0 ? 0 : (int)((uint)n % (uint)count);

    [GeneratedRegex("""^(?<lead> *(?:- +)*)(?<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{},:&*!|>%@`?-][^:#]*?) *:(?: +(?<value>.*?))? *$""")]
    private static partial Regex KeyLine();

    [GeneratedRegex("""^[|>][-+1-9]*\s*(#.*)?$""")]
    private static partial Regex BlockIndicator();

    [GeneratedRegex("""slot\s+"(?<id>[^"]*)"|segment\.(?<id>[A-Za-z_]\w*)|experiment\.(?<id>[A-Za-z_]\w*)|\b(?:fallback|holdout|tag|topic): +(?<id>[^\s#,}\]]+)|(?<=[\[,] *)(?<id>[A-Za-z][\w-]*)(?= *[,\]])""")]
    private static partial Regex References();

    /// <summary>What a line is: a key line (with the key's column, the end of its colon, and whether a block text follows), or a line of block text.</summary>
    private readonly record struct LineShape(int KeyColumn, int ColonEnd, bool IsBlockStart, bool IsBlockText);
}
