#include "render/texdelimiters.h"

namespace folio {

namespace {

enum Delimiter { Paren, Bracket, Dollars, DelimiterCount };

bool isBlank(QStringView text)
{
    for (QChar c : text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// The index of the closer of `delimiter` at or after `from`, stepping over backslash pairs; -1 if none.
qsizetype findCloser(QStringView text, qsizetype from, Delimiter delimiter)
{
    const qsizetype n = text.size();
    for (qsizetype j = from; j + 1 < n; ++j) {
        const QChar c = text[j];
        if (c == QLatin1Char('\\')) {
            const QChar next = text[j + 1];
            if ((delimiter == Paren && next == QLatin1Char(')')) || (delimiter == Bracket && next == QLatin1Char(']')))
                return j;
            ++j; // the pair \x is one unit: \\) is a line break then ")"
        } else if (delimiter == Dollars && c == QLatin1Char('$') && text[j + 1] == QLatin1Char('$')) {
            return j;
        }
    }
    return -1;
}

} // namespace

QList<TexSegment> splitTexDelimiters(QStringView text)
{
    QList<TexSegment> segments;
    const qsizetype n = text.size();
    // Every scan pairs backslashes the same way from the same start, so once a closer is missing after some
    // position it is missing after every later one: remember where, instead of searching again.
    qsizetype noCloserFrom[DelimiterCount] = {n + 1, n + 1, n + 1};
    qsizetype textStart = 0;
    qsizetype i = 0;
    auto tryMath = [&](qsizetype open, Delimiter delimiter, TexSegment::Kind kind) {
        const qsizetype contentStart = open + 2;
        if (contentStart >= noCloserFrom[delimiter])
            return false;
        const qsizetype close = findCloser(text, contentStart, delimiter);
        if (close < 0) {
            noCloserFrom[delimiter] = contentStart;
            return false;
        }
        const QStringView tex = text.sliced(contentStart, close - contentStart);
        if (isBlank(tex))
            return false;
        if (open > textStart)
            segments.append({TexSegment::Kind::Text, text.sliced(textStart, open - textStart)});
        segments.append({kind, tex});
        i = close + 2;
        textStart = i;
        return true;
    };

    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('\\') && i + 1 < n) {
            const QChar next = text[i + 1];
            if (next == QLatin1Char('(') && tryMath(i, Paren, TexSegment::Kind::InlineMath))
                continue;
            if (next == QLatin1Char('[') && tryMath(i, Bracket, TexSegment::Kind::DisplayMath))
                continue;
            i += 2;
        } else if (c == QLatin1Char('$')) {
            qsizetype run = 1;
            while (i + run < n && text[i + run] == QLatin1Char('$'))
                ++run;
            if (run == 2 && tryMath(i, Dollars, TexSegment::Kind::DisplayMath))
                continue;
            i += run; // a single $ or a run of three or more is text
        } else {
            ++i;
        }
    }
    if (textStart < n)
        segments.append({TexSegment::Kind::Text, text.sliced(textStart)});
    return segments;
}

} // namespace folio
