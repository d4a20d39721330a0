#pragma once

#include <QHash>
#include <QString>

#include <vector>

namespace folio::detail {

// Whether the character at `pos` is backslash-escaped: preceded by an odd run of backslashes. Backslash pairs
// always start at the first backslash of a run, so this holds wherever a scan starts.
bool isEscaped(const QString& text, qsizetype pos);

// Where each math delimiter's candidate closer is, computed in two linear passes so that every opener is
// answered in O(log n) however often the scanner backtracks (no quadratic rescans on unclosed "$" or "\(").
class DelimiterIndex {
public:
    explicit DelimiterIndex(const QString& text);

    // For an unescaped '$' (-1 when none): the next unescaped '$' at the same brace depth, the next '}' that
    // closes a brace opened before it, and the next East Asian wide character outside braces.
    struct DollarLinks {
        qsizetype sameDepth = -1;
        qsizetype unbalanced = -1;
        qsizetype eastAsian = -1;
    };
    DollarLinks dollarLinks(qsizetype dollar) const;

    // The first unescaped "$$" starting at or after `from`, or -1.
    qsizetype nextDoubleDollar(qsizetype from) const { return firstAtOrAfter(m_doubleDollars, from); }
    // The first escaped ')' (for "\)") or ']' (for "\]") at or after `from`: the position of the bracket, or -1.
    qsizetype nextEscapedParen(qsizetype from) const { return firstAtOrAfter(m_escapedParens, from); }
    qsizetype nextEscapedBracket(qsizetype from) const { return firstAtOrAfter(m_escapedBrackets, from); }
    // The first backtick at or after `from`, or -1.
    qsizetype nextBacktick(qsizetype from) const { return firstAtOrAfter(m_backticks, from); }
    // The first maximal run of exactly `length` backticks starting at or after `from`, or -1.
    qsizetype nextBacktickRun(qsizetype length, qsizetype from) const;

private:
    static qsizetype firstAtOrAfter(const std::vector<qsizetype>& sorted, qsizetype from);

    std::vector<qsizetype> m_dollars;
    std::vector<DollarLinks> m_links;
    std::vector<qsizetype> m_doubleDollars;
    std::vector<qsizetype> m_escapedParens;
    std::vector<qsizetype> m_escapedBrackets;
    std::vector<qsizetype> m_backticks;
    QHash<qsizetype, std::vector<qsizetype>> m_backtickRuns; // run starts by run length
};

} // namespace folio::detail
