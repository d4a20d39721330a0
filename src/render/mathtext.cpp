#include "render/mathtext.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace folio {

namespace {

constexpr qsizetype kMaxTex = 200;

const QHash<QString, QString>& symbols()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> t;
        const char16_t* greek[][2] = {
            {u"alpha", u"α"},      {u"beta", u"β"},     {u"gamma", u"γ"},  {u"delta", u"δ"},   {u"epsilon", u"ϵ"},
            {u"varepsilon", u"ε"}, {u"zeta", u"ζ"},     {u"eta", u"η"},    {u"theta", u"θ"},   {u"vartheta", u"ϑ"},
            {u"iota", u"ι"},       {u"kappa", u"κ"},    {u"lambda", u"λ"}, {u"mu", u"μ"},      {u"nu", u"ν"},
            {u"xi", u"ξ"},         {u"pi", u"π"},       {u"varpi", u"ϖ"},  {u"rho", u"ρ"},     {u"varrho", u"ϱ"},
            {u"sigma", u"σ"},      {u"varsigma", u"ς"}, {u"tau", u"τ"},    {u"upsilon", u"υ"}, {u"phi", u"ϕ"},
            {u"varphi", u"φ"},     {u"chi", u"χ"},      {u"psi", u"ψ"},    {u"omega", u"ω"},   {u"Gamma", u"Γ"},
            {u"Delta", u"Δ"},      {u"Theta", u"Θ"},    {u"Lambda", u"Λ"}, {u"Xi", u"Ξ"},      {u"Pi", u"Π"},
            {u"Sigma", u"Σ"},      {u"Upsilon", u"Υ"},  {u"Phi", u"Φ"},    {u"Psi", u"Ψ"},     {u"Omega", u"Ω"},
        };
        const char16_t* other[][2] = {
            // operators and relations
            {u"cdot", u"·"},
            {u"times", u"×"},
            {u"div", u"÷"},
            {u"pm", u"±"},
            {u"mp", u"∓"},
            {u"ast", u"*"},
            {u"star", u"⋆"},
            {u"circ", u"∘"},
            {u"bullet", u"•"},
            {u"odot", u"⊙"},
            {u"otimes", u"⊗"},
            {u"oplus", u"⊕"},
            {u"leq", u"≤"},
            {u"le", u"≤"},
            {u"geq", u"≥"},
            {u"ge", u"≥"},
            {u"neq", u"≠"},
            {u"ne", u"≠"},
            {u"approx", u"≈"},
            {u"sim", u"∼"},
            {u"simeq", u"≃"},
            {u"equiv", u"≡"},
            {u"cong", u"≅"},
            {u"propto", u"∝"},
            {u"ll", u"≪"},
            {u"gg", u"≫"},
            {u"in", u"∈"},
            {u"notin", u"∉"},
            {u"ni", u"∋"},
            {u"subset", u"⊂"},
            {u"subseteq", u"⊆"},
            {u"supset", u"⊃"},
            {u"supseteq", u"⊇"},
            {u"cup", u"∪"},
            {u"cap", u"∩"},
            {u"setminus", u"∖"},
            {u"emptyset", u"∅"},
            {u"varnothing", u"∅"},
            {u"forall", u"∀"},
            {u"exists", u"∃"},
            {u"neg", u"¬"},
            {u"lnot", u"¬"},
            {u"land", u"∧"},
            {u"wedge", u"∧"},
            {u"lor", u"∨"},
            {u"vee", u"∨"},
            {u"perp", u"⊥"},
            {u"parallel", u"∥"},
            {u"mid", u"∣"},
            {u"top", u"⊤"},
            {u"bot", u"⊥"},
            // arrows
            {u"to", u"→"},
            {u"rightarrow", u"→"},
            {u"leftarrow", u"←"},
            {u"gets", u"←"},
            {u"leftrightarrow", u"↔"},
            {u"Rightarrow", u"⇒"},
            {u"Leftarrow", u"⇐"},
            {u"Leftrightarrow", u"⇔"},
            {u"implies", u"⟹"},
            {u"iff", u"⟺"},
            {u"mapsto", u"↦"},
            {u"uparrow", u"↑"},
            {u"downarrow", u"↓"},
            {u"longrightarrow", u"⟶"},
            {u"longmapsto", u"⟼"},
            // big operators and the like
            {u"sum", u"∑"},
            {u"prod", u"∏"},
            {u"coprod", u"∐"},
            {u"int", u"∫"},
            {u"iint", u"∬"},
            {u"oint", u"∮"},
            {u"bigcup", u"⋃"},
            {u"bigcap", u"⋂"},
            {u"bigoplus", u"⨁"},
            {u"bigotimes", u"⨂"},
            {u"partial", u"∂"},
            {u"nabla", u"∇"},
            {u"infty", u"∞"},
            {u"ell", u"ℓ"},
            {u"hbar", u"ℏ"},
            {u"Re", u"ℜ"},
            {u"Im", u"ℑ"},
            {u"aleph", u"ℵ"},
            {u"prime", u"′"},
            {u"angle", u"∠"},
            {u"dots", u"…"},
            {u"ldots", u"…"},
            {u"cdots", u"⋯"},
            {u"vdots", u"⋮"},
            {u"ddots", u"⋱"},
            {u"langle", u"⟨"},
            {u"rangle", u"⟩"},
            {u"lceil", u"⌈"},
            {u"rceil", u"⌉"},
            {u"lfloor", u"⌊"},
            {u"rfloor", u"⌋"},
            {u"vert", u"|"},
            {u"Vert", u"‖"},
            {u"lvert", u"|"},
            {u"rvert", u"|"},
            {u"lVert", u"‖"},
            {u"rVert", u"‖"},
            {u"backslash", u"\\"},
            {u"%", u"%"},
            {u"$", u"$"},
            {u"#", u"#"},
            {u"&", u"&"},
            {u"_", u"_"},
            {u"{", u"{"},
            {u"}", u"}"},
            {u"|", u"‖"},
            // spacing
            {u",", u" "},
            {u";", u" "},
            {u":", u" "},
            {u" ", u" "},
            {u"quad", u" "},
            {u"qquad", u" "},
            {u"!", u""},
            {u"\\", u" "},
            // sizing and style that plain text has no use for
            {u"left", u""},
            {u"right", u""},
            {u"middle", u""},
            {u"big", u""},
            {u"Big", u""},
            {u"bigg", u""},
            {u"Bigg", u""},
            {u"bigl", u""},
            {u"bigr", u""},
            {u"Bigl", u""},
            {u"Bigr", u""},
            {u"biggl", u""},
            {u"biggr", u""},
            {u"limits", u""},
            {u"nolimits", u""},
            {u"displaystyle", u""},
            {u"textstyle", u""},
            {u"scriptstyle", u""},
        };
        for (const auto& [name, text] : greek)
            t.insert(QString::fromUtf16(name), QString::fromUtf16(text));
        for (const auto& [name, text] : other)
            t.insert(QString::fromUtf16(name), QString::fromUtf16(text));
        // Functions set upright: their name is their text.
        for (const char* name :
             {"sin",    "cos",    "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh",   "cosh",   "tanh",
              "log",    "ln",     "lg",  "exp", "max", "min", "sup",    "inf",    "lim",    "limsup", "liminf", "arg",
              "argmax", "argmin", "det", "dim", "ker", "deg", "gcd",    "Pr",     "hom",    "mod",    "bmod"})
            t.insert(QString::fromLatin1(name), QString::fromLatin1(name));
        return t;
    }();
    return table;
}

// `from[i]` → `to[i]`: both strings hold BMP characters only, the same number.
QHash<QChar, QChar> charMap(const QString& from, const QString& to)
{
    Q_ASSERT(from.size() == to.size());
    QHash<QChar, QChar> map;
    for (qsizetype i = 0; i < from.size(); ++i)
        map.insert(from.at(i), to.at(i));
    return map;
}

// The character's superscript or subscript form in Unicode; null when it has none.
QChar scriptForm(QChar c, bool super)
{
    static const QHash<QChar, QChar> sup =
        charMap(QStringLiteral("0123456789+-−=()niTabcdefghjklmoprstuvwxyzABDEGHIJKLMNOPRUVWβγδθφχ⊤′"),
                QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵀᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂᵝᵞᵟᶿᵠᵡᵀ′"));
    static const QHash<QChar, QChar> sub = charMap(QStringLiteral("0123456789+-−=()aehijklmnoprstuvxβγρφχ"),
                                                   QStringLiteral("₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"));
    return (super ? sup : sub).value(c);
}

// A script as Unicode super- or subscript characters when each has one, else "^x" / "_(xy)". A star or prime
// stays as it is: x^* is written x* by hand.
QString script(const QString& text, bool super)
{
    if (text == QLatin1String("*") || text == QStringLiteral("′") || text == QStringLiteral("′′"))
        return text;
    QString converted;
    for (const QChar c : text) {
        const QChar s = scriptForm(c, super);
        if (s.isNull()) {
            converted.clear();
            break;
        }
        converted += s;
    }
    if (!converted.isEmpty())
        return converted;
    const QChar mark = super ? QLatin1Char('^') : QLatin1Char('_');
    if (text.size() == 1)
        return QString(mark) + text;
    return QString(mark) + QLatin1Char('(') + text + QLatin1Char(')');
}

// An operand of "/" or "√": bare when it is one term (no space or operator in it), parenthesized otherwise.
QString operand(const QString& text)
{
    static const QString operators = QStringLiteral(" +-−=<>≤≥/·×±,");
    const QString t = text.trimmed();
    const bool oneTerm = std::none_of(t.begin(), t.end(), [](QChar c) { return operators.contains(c); });
    return oneTerm ? t : QLatin1Char('(') + t + QLatin1Char(')');
}

QString withCombining(const QString& text, QChar mark)
{
    QString out;
    for (const QChar c : text) {
        out += c;
        if (!c.isSpace())
            out += mark;
    }
    return out;
}

class Reader {
public:
    explicit Reader(const QString& tex)
        : m_tex(tex)
    {
    }

    // The whole formula; false when it holds something not in the table.
    bool convert(QString& out)
    {
        if (!sequence(out, QChar()))
            return false;
        return m_at == m_tex.size();
    }

private:
    bool atEnd() const { return m_at >= m_tex.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_tex.at(m_at); }

    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace())
            ++m_at;
    }

    // Atoms up to `close` (consumed) or the end when `close` is null.
    bool sequence(QString& out, QChar close)
    {
        while (!atEnd()) {
            const QChar c = peek();
            if (!close.isNull() && c == close) {
                ++m_at;
                return true;
            }
            if (c == QLatin1Char('}') || c == QLatin1Char('&'))
                return false; // unbalanced, or an alignment outside an environment
            if (c.isSpace()) {
                skipSpaces();
                if (!out.isEmpty() && !out.endsWith(QLatin1Char(' ')))
                    out += QLatin1Char(' ');
                continue;
            }
            if (c == QLatin1Char('^') || c == QLatin1Char('_')) {
                ++m_at;
                QString arg;
                if (!argument(arg))
                    return false;
                if (out.endsWith(QLatin1Char(' ')))
                    out.chop(1);
                out += script(arg.remove(QLatin1Char(' ')), c == QLatin1Char('^'));
                continue;
            }
            if (c == QLatin1Char('\'')) {
                ++m_at;
                out += QChar(0x2032);
                continue;
            }
            if (!atom(out))
                return false;
        }
        return close.isNull();
    }

    // One group, command or character, for a script or a command's argument.
    bool argument(QString& out)
    {
        skipSpaces();
        if (atEnd())
            return false;
        if (peek() == QLatin1Char('{')) {
            ++m_at;
            return sequence(out, QLatin1Char('}'));
        }
        return atom(out);
    }

    bool atom(QString& out)
    {
        const QChar c = peek();
        if (c == QLatin1Char('{')) {
            ++m_at;
            return sequence(out, QLatin1Char('}'));
        }
        if (c == QLatin1Char('\\'))
            return command(out);
        ++m_at;
        if (c == QLatin1Char('~'))
            out += QLatin1Char(' ');
        else if (c == QLatin1Char('-') && !m_textMode)
            out += QChar(0x2212); // a minus sign, not a hyphen
        else
            out += c;
        return true;
    }

    bool command(QString& out)
    {
        ++m_at; // the backslash
        if (atEnd())
            return false;
        QString name;
        if (peek().isLetter() && peek().unicode() < 128) {
            while (!atEnd() && peek().isLetter() && peek().unicode() < 128)
                name += m_tex.at(m_at++);
        } else {
            name = m_tex.at(m_at++);
        }

        static const QStringList upright = {
            QStringLiteral("mathbf"),   QStringLiteral("boldsymbol"),   QStringLiteral("bm"),
            QStringLiteral("mathrm"),   QStringLiteral("mathit"),       QStringLiteral("mathsf"),
            QStringLiteral("mathtt"),   QStringLiteral("mathcal"),      QStringLiteral("mathscr"),
            QStringLiteral("mathfrak"), QStringLiteral("text"),         QStringLiteral("textbf"),
            QStringLiteral("textit"),   QStringLiteral("textrm"),       QStringLiteral("textsf"),
            QStringLiteral("texttt"),   QStringLiteral("mbox"),         QStringLiteral("hbox"),
            QStringLiteral("emph"),     QStringLiteral("operatorname"), QStringLiteral("mathop"),
            QStringLiteral("underline")};
        if (upright.contains(name)) {
            if (name == QLatin1String("operatorname") && peek() == QLatin1Char('*'))
                ++m_at; // \operatorname*: limits below, the same text
            const bool text = name.startsWith(QLatin1String("text")) || name == QLatin1String("mbox") ||
                              name == QLatin1String("hbox") || name == QLatin1String("emph");
            const bool wasText = std::exchange(m_textMode, m_textMode || text);
            const bool ok = argument(out);
            m_textMode = wasText;
            return ok;
        }
        if (name == QLatin1String("mathbb")) {
            QString arg;
            if (!argument(arg))
                return false;
            static const QHash<QString, QString> blackboard = {
                {QStringLiteral("R"), QStringLiteral("ℝ")}, {QStringLiteral("N"), QStringLiteral("ℕ")},
                {QStringLiteral("Z"), QStringLiteral("ℤ")}, {QStringLiteral("Q"), QStringLiteral("ℚ")},
                {QStringLiteral("C"), QStringLiteral("ℂ")}, {QStringLiteral("P"), QStringLiteral("ℙ")},
                {QStringLiteral("E"), QStringLiteral("𝔼")}, {QStringLiteral("1"), QStringLiteral("𝟙")}};
            out += blackboard.value(arg, arg);
            return true;
        }
        if (name == QLatin1String("frac") || name == QLatin1String("dfrac") || name == QLatin1String("tfrac")) {
            QString numerator, denominator;
            if (!argument(numerator) || !argument(denominator))
                return false;
            out += operand(numerator) + QLatin1Char('/') + operand(denominator);
            return true;
        }
        if (name == QLatin1String("sqrt")) {
            QString degree;
            skipSpaces();
            if (peek() == QLatin1Char('[')) {
                ++m_at;
                if (!sequence(degree, QLatin1Char(']')))
                    return false;
            }
            QString radicand;
            if (!argument(radicand))
                return false;
            out += (degree.isEmpty() ? QString() : script(degree, true)) + QChar(0x221A) + operand(radicand);
            return true;
        }
        static const QHash<QString, QChar> accents = {
            {QStringLiteral("hat"), QChar(0x0302)},   {QStringLiteral("widehat"), QChar(0x0302)},
            {QStringLiteral("bar"), QChar(0x0304)},   {QStringLiteral("overline"), QChar(0x0305)},
            {QStringLiteral("tilde"), QChar(0x0303)}, {QStringLiteral("widetilde"), QChar(0x0303)},
            {QStringLiteral("vec"), QChar(0x20D7)},   {QStringLiteral("dot"), QChar(0x0307)},
            {QStringLiteral("ddot"), QChar(0x0308)},  {QStringLiteral("check"), QChar(0x030C)}};
        if (const auto accent = accents.constFind(name); accent != accents.constEnd()) {
            QString arg;
            if (!argument(arg))
                return false;
            out += withCombining(arg, *accent);
            return true;
        }
        if (name == QLatin1String("label")) {
            QString ignored;
            return argument(ignored);
        }
        if (name == QLatin1String("tag")) {
            QString tag;
            if (!argument(tag))
                return false;
            out += QStringLiteral(" (") + tag + QLatin1Char(')');
            return true;
        }
        if (name == QLatin1String("not")) {
            QString negated;
            if (!argument(negated) || negated.isEmpty())
                return false;
            out += negated == QLatin1String("=") ? QStringLiteral("≠") : negated + QChar(0x0338);
            return true;
        }
        if ((name == QLatin1String("left") || name == QLatin1String("right")) && peek() == QLatin1Char('.')) {
            ++m_at; // an invisible delimiter
            return true;
        }
        const auto symbol = symbols().constFind(name);
        if (symbol == symbols().constEnd())
            return false; // \begin, \href, a macro the table does not know: keep the TeX
        out += *symbol;
        return true;
    }

    const QString& m_tex;
    qsizetype m_at = 0;
    bool m_textMode = false; // inside \text{…}: a hyphen is a hyphen
};

} // namespace

std::optional<QString> mathAsText(const QString& tex)
{
    if (tex.size() > kMaxTex)
        return std::nullopt;
    QString out;
    if (!Reader(tex).convert(out))
        return std::nullopt;
    // "\left( x \right)" reads "(x)".
    static const QRegularExpression looseBracket(QStringLiteral(R"re((?<=[(\[{⟨]) | (?=[)\]}⟩,]))re"));
    out.remove(looseBracket);
    out = out.trimmed();
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace folio
