#include "render/mathspans.h"

#include "render/delimiterindex.h"
#include "render/inlinehtml.h"
#include "render/markdownlines.h"

#include <QStringView>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace folio {

using detail::ContainerPrefix;
using detail::MarkdownLines;

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isBlankText(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
}

// KaTeX renders these environments only in display mode.
bool startsWithDisplayEnvironment(QStringView tex)
{
    tex = tex.trimmed();
    if (!tex.startsWith(u"\\begin{"))
        return false;
    QStringView name = tex.mid(7);
    name = name.left(name.indexOf(u'}'));
    if (name.endsWith(u'*'))
        name.chop(1);
    for (const QStringView env :
         {QStringView(u"equation"), QStringView(u"align"), QStringView(u"alignat"), QStringView(u"gather"),
          QStringView(u"multline"), QStringView(u"flalign"), QStringView(u"eqnarray"), QStringView(u"CD")}) {
        if (name == env)
            return true;
    }
    return false;
}

// Two private-use characters absent from `text`, to frame placeholders that cannot collide with it.
std::pair<QChar, QChar> chooseSentinels(const QString& text)
{
    constexpr char16_t first = 0xE000;
    constexpr char16_t last = 0xF8FF;
    std::vector<bool> used(last - first + 1, false);
    for (const QChar c : text) {
        if (c.unicode() >= first && c.unicode() <= last)
            used[c.unicode() - first] = true;
    }
    char16_t chosen[2] = {first, first + 1};
    int found = 0;
    for (char16_t u = first; u < last && found < 2; ++u) {
        if (!used[u - first])
            chosen[found++] = u;
    }
    return {QChar(chosen[0]), QChar(chosen[1])};
}

// One left-to-right pass over the text (rules in mathspans.h). Every attempt that fails moves on by at least
// one character, and closers come from DelimiterIndex, so the whole scan stays linear (up to log factors).
class MathScanner {
public:
    explicit MathScanner(const QString& text)
        : m_text(text)
        , m_lines(text)
        , m_index(text)
        , m_html(text)
    {
        std::tie(m_open, m_close) = chooseSentinels(text);
    }

    ProtectedMarkdown run();

private:
    qsizetype step(qsizetype i, qsizetype line);
    qsizetype afterBackslashes(qsizetype i, qsizetype line);
    qsizetype afterCodeSpan(qsizetype i, qsizetype line) const;
    qsizetype afterDollars(qsizetype i, qsizetype line);
    qsizetype tryBlockDisplay(qsizetype line);
    qsizetype tryInlineDollar(qsizetype open, qsizetype line);
    qsizetype tryInlineDoubleDollar(qsizetype open, qsizetype line);
    qsizetype tryBackslashPair(qsizetype open, qsizetype line, bool display);
    QString joinLines(qsizetype from, qsizetype to, int quoteDepth, int indent) const;
    qsizetype protect(qsizetype from, qsizetype to, MathSpan::Kind kind, QString tex);

    const QString& m_text;
    MarkdownLines m_lines;
    detail::DelimiterIndex m_index;
    detail::InlineHtmlMatcher m_html;
    QChar m_open;
    QChar m_close;
    QString m_out;
    qsizetype m_copied = 0;
    QList<MathSpan> m_spans;
};

ProtectedMarkdown MathScanner::run()
{
    // The characters step() acts on; everything else is skipped in a tight loop.
    static constexpr auto acts = [] {
        std::array<bool, 128> table{};
        for (const char c : {'\\', '`', '$', '<', 'h', 'H', 'f', 'F', 'w', 'W'})
            table[size_t(c)] = true;
        return table;
    }();
    const qsizetype lines = m_lines.count();
    for (qsizetype line = 0, i = 0; line < lines;) {
        if (i == m_lines.start(line)) {
            if (m_lines.verbatim(line) != MarkdownLines::Verbatim::No) {
                i = m_lines.start(++line);
                continue;
            }
            i = m_lines.prefix(line).contentStart; // container markers hold no delimiters
            if (const qsizetype next = tryBlockDisplay(line); next >= 0)
                i = next;
        }
        for (const qsizetype lineEnd = m_lines.start(line + 1); i < lineEnd;) {
            const char16_t c = m_text.at(i).unicode();
            i = c < 128 && acts[c] ? step(i, line) : i + 1;
        }
        while (line < lines && m_lines.start(line + 1) <= i) // a span may have run over several lines
            ++line;
    }
    if (m_spans.isEmpty())
        return {m_text, {}};
    m_out += QStringView(m_text).mid(m_copied);
    return {m_out, m_spans};
}

qsizetype MathScanner::step(qsizetype i, qsizetype line)
{
    switch (m_text.at(i).unicode()) {
    case u'\\':
        return afterBackslashes(i, line);
    case u'`':
        return afterCodeSpan(i, line);
    case u'$':
        return afterDollars(i, line);
    case u'<': {
        const qsizetype end = m_html.match(i);
        return end > i && m_lines.inlineCanSpan(line, m_lines.lineAt(end - 1)) ? end : i + 1;
    }
    case u'h':
    case u'H':
    case u'f':
    case u'F':
    case u'w':
    case u'W': {
        const qsizetype end = detail::matchBareUrl(m_text, i);
        return end > i ? end : i + 1;
    }
    default:
        return i + 1;
    }
}

qsizetype MathScanner::afterBackslashes(qsizetype i, qsizetype line)
{
    qsizetype p = i;
    while (p < m_text.size() && m_text.at(p) == u'\\')
        ++p;
    if ((p - i) % 2 == 0 || p >= m_text.size()) // pairs are literal backslashes: "\\(" opens nothing
        return p;
    const QChar escaped = m_text.at(p);
    if (escaped == u'(' || escaped == u'[') {
        if (const qsizetype next = tryBackslashPair(p - 1, line, escaped == u'['); next >= 0)
            return next;
    }
    // Step over the escaped character too, so "\$", "\`" and "\<" open nothing.
    return escaped == u'\n' || escaped == u'\r' ? p : p + 1;
}

qsizetype MathScanner::afterCodeSpan(qsizetype i, qsizetype line) const
{
    qsizetype p = i;
    while (p < m_text.size() && m_text.at(p) == u'`')
        ++p;
    const qsizetype length = p - i;
    const qsizetype close = m_index.nextBacktickRun(length, p);
    if (close >= 0 && m_lines.inlineCanSpan(line, m_lines.lineAt(close)))
        return close + length;
    return p; // no closer: the backticks are literal text
}

qsizetype MathScanner::afterDollars(qsizetype i, qsizetype line)
{
    qsizetype p = i;
    while (p < m_text.size() && m_text.at(p) == u'$')
        ++p;
    if (p - i >= 3)
        return p;
    const qsizetype next = p - i == 2 ? tryInlineDoubleDollar(i, line) : tryInlineDollar(i, line);
    return next >= 0 ? next : i + 1;
}

qsizetype MathScanner::tryBlockDisplay(qsizetype line)
{
    const ContainerPrefix& opener = m_lines.prefix(line);
    const qsizetype open = opener.contentStart;
    const QStringView rest = QStringView(m_text).mid(open, m_lines.end(line) - open);
    const bool dollars = rest.startsWith(u"$$") && !rest.startsWith(u"$$$");
    if (!dollars && !rest.startsWith(u"\\["))
        return -1;
    const qsizetype closer = dollars ? m_index.nextDoubleDollar(open + 2) : m_index.nextEscapedBracket(open + 2);
    const qsizetype closeStart = dollars ? closer : closer - 1;
    if (closer < 0 || closeStart < m_lines.end(line)) // closed on its own line: the inline form handles it
        return -1;
    const qsizetype last = m_lines.lineAt(closer);
    if (m_lines.prefix(last).listMarker || m_lines.prefix(last).quoteDepth != opener.quoteDepth)
        return -1; // the closer must stay in the opener's container, or the lines after it would change meaning
    for (qsizetype l = line + 1; l <= last; ++l) {
        if (m_lines.verbatim(l) == MarkdownLines::Verbatim::Other || m_lines.prefix(l).quoteDepth < opener.quoteDepth)
            return -1;
        const qsizetype content = m_lines.prefix(l).contentStart;
        if (!dollars && l < last && QStringView(m_text).mid(content, 2) == u"\\[")
            return -1; // another opener before any closer
    }
    QString tex = joinLines(open + 2, closeStart, opener.quoteDepth, opener.indent);
    if (isBlankText(tex))
        return -1;
    return protect(open, closeStart + 2, MathSpan::Kind::Display, std::move(tex));
}

qsizetype MathScanner::tryInlineDollar(qsizetype open, qsizetype line)
{
    const qsizetype size = m_text.size();
    if (open + 1 >= size || m_text.at(open + 1).isSpace())
        return -1;
    const auto links = m_index.dollarLinks(open);
    const qsizetype close = links.sameDepth;
    if (close < 0 || (links.unbalanced >= 0 && links.unbalanced < close))
        return -1;
    if (m_text.at(close - 1).isSpace() || (close + 1 < size && isAsciiDigit(m_text.at(close + 1))))
        return -1;
    if (links.eastAsian >= 0 && links.eastAsian < close)
        return -1; // CJK guard
    if (const qsizetype tick = m_index.nextBacktick(open + 1); tick >= 0 && tick < close)
        return -1; // TeX has no backticks: this is a price before a code span
    if (!m_lines.inlineCanSpan(line, m_lines.lineAt(close)))
        return -1;
    return protect(open, close + 1, MathSpan::Kind::Inline,
                   joinLines(open + 1, close, m_lines.prefix(line).quoteDepth, 0));
}

qsizetype MathScanner::tryInlineDoubleDollar(qsizetype open, qsizetype line)
{
    const auto links = m_index.dollarLinks(open + 1);
    const qsizetype close = links.sameDepth;
    if (close < 0 || close + 1 >= m_text.size() || m_text.at(close + 1) != u'$')
        return -1; // no closer, or a bare '$' comes first
    if ((links.unbalanced >= 0 && links.unbalanced < close) || !m_lines.inlineCanSpan(line, m_lines.lineAt(close)))
        return -1;
    QString tex = joinLines(open + 2, close, m_lines.prefix(line).quoteDepth, 0);
    if (isBlankText(tex))
        return -1;
    return protect(open, close + 2, MathSpan::Kind::Display, std::move(tex));
}

qsizetype MathScanner::tryBackslashPair(qsizetype open, qsizetype line, bool display)
{
    // The closer is the first "\)" or "\]" whose backslash is not itself escaped.
    const qsizetype bracket = display ? m_index.nextEscapedBracket(open + 2) : m_index.nextEscapedParen(open + 2);
    if (bracket < 0 || !m_lines.inlineCanSpan(line, m_lines.lineAt(bracket)))
        return -1;
    QString tex = joinLines(open + 2, bracket - 1, m_lines.prefix(line).quoteDepth, 0);
    if (isBlankText(tex))
        return -1;
    return protect(open, bracket + 1, display ? MathSpan::Kind::Display : MathSpan::Kind::Inline, std::move(tex));
}

// The text from `from` to `to`, with each continuation line's container prefix removed and lines joined by
// '\n' (list indentation is kept unless `indent` says how much belongs to the container).
QString MathScanner::joinLines(qsizetype from, qsizetype to, int quoteDepth, int indent) const
{
    qsizetype line = m_lines.lineAt(from);
    if (to <= m_lines.end(line))
        return m_text.mid(from, to - from);
    QString tex = m_text.mid(from, m_lines.end(line) - from);
    while (to > m_lines.end(line)) {
        ++line;
        const qsizetype start = m_lines.skipContainer(line, quoteDepth, indent);
        const qsizetype end = std::min(m_lines.end(line), to);
        tex += u'\n';
        tex += QStringView(m_text).mid(start, std::max<qsizetype>(0, end - start));
    }
    return tex;
}

qsizetype MathScanner::protect(qsizetype from, qsizetype to, MathSpan::Kind kind, QString tex)
{
    // A line starting with "```" is no fence only when a backtick follows in its info string: a span taking
    // that backtick away would make it one.
    const qsizetype line = m_lines.lineAt(from);
    const qsizetype content = m_lines.prefix(line).contentStart;
    if (from > content && QStringView(m_text).mid(content, 3) == u"```") {
        const qsizetype tick = m_index.nextBacktick(from);
        if (tick >= 0 && tick < std::min(to, m_lines.end(line)))
            return -1;
    }
    if (kind == MathSpan::Kind::Inline && startsWithDisplayEnvironment(tex))
        kind = MathSpan::Kind::Display;
    QString placeholder;
    placeholder += m_open;
    placeholder += u'M';
    placeholder += QString::number(m_spans.size());
    placeholder += m_close;
    if (m_out.isEmpty())
        m_out.reserve(m_text.size());
    m_out += QStringView(m_text).mid(m_copied, from - m_copied);
    m_out += placeholder;
    m_spans.append(MathSpan{kind, std::move(tex), m_text.mid(from, to - from), std::move(placeholder)});
    m_copied = to;
    return to;
}

} // namespace

ProtectedMarkdown protectMath(const QString& markdown)
{
    // Most prose has no math at all: then skip the line analysis (and its possible cmark parse).
    if (!markdown.contains(u'$') && !markdown.contains(u"\\(") && !markdown.contains(u"\\["))
        return {markdown, {}};
    return MathScanner(markdown).run();
}

} // namespace folio
