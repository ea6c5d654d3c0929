// ECS cluster query language, as `memberOf` placement constraints take it
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html): `subject operator
// [argument]` comparisons over `attribute:<name>` (and other subjects), joined by `and`/`&&`, `or`/`||`, negated by
// `not`/`!`, grouped by parentheses. What the pack needs from an expression is which values it pins each attribute to:
// a task whose constraints allow only hosts with `tenant` = `acme` runs on acme's hosts, and nothing weaker (an `or`
// with another value, a `!=`, a regex, a negation) proves that. An expression that does not parse proves nothing.

/** Attribute name → the only values a host may have for it; an attribute absent from the map is unconstrained. */
export type AttributePins = Map<string, Set<string>>;

type Token = { kind: "word" | "quoted" | "punct"; text: string };

/** Operators, longest first so `==` is not read as `=` `=`. */
const PUNCT = ["&&", "||", "==", "!=", "=~", "!~", ">=", "<=", "(", ")", "[", "]", ",", "!", ">", "<", "="];

function tokenize(expression: string): Token[] | undefined {
    const out: Token[] = [];
    let i = 0;
    while (i < expression.length) {
        const ch = expression[i];
        if (/\s/.test(ch)) {
            i++;
            continue;
        }
        if (ch === "'" || ch === '"') {
            const end = expression.indexOf(ch, i + 1);
            if (end < 0) return undefined;
            out.push({ kind: "quoted", text: expression.slice(i + 1, end) });
            i = end + 1;
            continue;
        }
        const punct = PUNCT.find((p) => expression.startsWith(p, i));
        if (punct !== undefined) {
            out.push({ kind: "punct", text: punct });
            i += punct.length;
            continue;
        }
        const word = /^[^\s()[\],'"!=<>~&|]+/.exec(expression.slice(i));
        if (!word) return undefined;
        out.push({ kind: "word", text: word[0] });
        i += word[0].length;
    }
    return out;
}

const EQUALS = new Set(["==", "=", "equals"]);
const IN = new Set(["in"]);
/** Operators that compare but pin no single value set: they are parsed and prove nothing. */
const OTHER_BINARY = new Set([
    "!=",
    "not_equals",
    "=~",
    "matches",
    "!~",
    "not_matches",
    ">",
    "greater_than",
    ">=",
    "greater_than_equal",
    "<",
    "less_than",
    "<=",
    "less_than_equal",
    "not_in",
]);
const UNARY = new Set(["exists", "not_exists"]);

class Parser {
    private at = 0;
    constructor(private readonly tokens: Token[]) {}

    parse(): AttributePins | undefined {
        const pins = this.or();
        return pins !== undefined && this.at === this.tokens.length ? pins : undefined;
    }

    private peek(): Token | undefined {
        return this.tokens[this.at];
    }

    /** The next token when it is the keyword or punctuation `text` (keywords in any case), consumed. */
    private accept(...texts: string[]): boolean {
        const t = this.peek();
        if (!t || t.kind === "quoted" || !texts.includes(t.text.toLowerCase())) return false;
        this.at++;
        return true;
    }

    private or(): AttributePins | undefined {
        let left = this.and();
        while (left !== undefined && this.accept("or", "||")) {
            const right = this.and();
            if (right === undefined) return undefined;
            left = either(left, right);
        }
        return left;
    }

    private and(): AttributePins | undefined {
        let left = this.unary();
        while (left !== undefined && this.accept("and", "&&")) {
            const right = this.unary();
            if (right === undefined) return undefined;
            left = both(left, right);
        }
        return left;
    }

    private unary(): AttributePins | undefined {
        // A negation is parsed for its syntax; what it excludes pins nothing.
        if (this.accept("not", "!")) return this.unary() === undefined ? undefined : new Map();
        if (this.accept("(")) {
            const inner = this.or();
            return inner !== undefined && this.accept(")") ? inner : undefined;
        }
        return this.comparison();
    }

    private value(): string | undefined {
        const t = this.peek();
        if (!t || t.kind === "punct") return undefined;
        this.at++;
        return t.text;
    }

    private list(): string[] | undefined {
        if (!this.accept("[")) return undefined;
        const out: string[] = [];
        do {
            const v = this.value();
            if (v === undefined) return undefined;
            out.push(v);
        } while (this.accept(","));
        return this.accept("]") ? out : undefined;
    }

    private comparison(): AttributePins | undefined {
        const subject = this.peek();
        if (!subject || subject.kind !== "word") return undefined;
        this.at++;
        const attribute = /^attribute:(.+)$/.exec(subject.text)?.[1];
        const pin = (values: string[]): AttributePins =>
            attribute === undefined ? new Map() : new Map([[attribute, new Set(values)]]);
        const negated = this.accept("!");
        const op = this.peek();
        if (!op || op.kind === "quoted") return undefined;
        const name = op.text.toLowerCase();
        this.at++;
        if (UNARY.has(name)) return new Map();
        if (IN.has(name)) {
            const values = this.list();
            if (values === undefined) return undefined;
            return negated ? new Map() : pin(values);
        }
        if (negated) return undefined;
        if (name === "not_in") return this.list() === undefined ? undefined : new Map();
        if (EQUALS.has(name)) {
            const v = this.value();
            return v === undefined ? undefined : pin([v]);
        }
        if (OTHER_BINARY.has(name)) return this.value() === undefined ? undefined : new Map();
        return undefined;
    }
}

/** Both must hold: an attribute pinned by either keeps the values both allow. */
export function both(a: AttributePins, b: AttributePins): AttributePins {
    const out: AttributePins = new Map(a);
    for (const [name, values] of b) {
        const mine = out.get(name);
        out.set(name, mine ? new Set([...mine].filter((v) => values.has(v))) : values);
    }
    return out;
}

/** Either may hold: only an attribute both pin stays pinned, to the values either allows. */
function either(a: AttributePins, b: AttributePins): AttributePins {
    const out: AttributePins = new Map();
    for (const [name, values] of a) {
        const theirs = b.get(name);
        if (theirs) out.set(name, new Set([...values, ...theirs]));
    }
    return out;
}

/** The attributes an expression pins and the values it allows each; undefined when ECS's grammar does not parse it. */
export function memberOfPins(expression: string): AttributePins | undefined {
    const tokens = tokenize(expression);
    return tokens === undefined ? undefined : new Parser(tokens).parse();
}
