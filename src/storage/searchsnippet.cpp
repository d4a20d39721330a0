#include "storage/searchsnippet.h"

#include "domain/search.h"
#include "storage/searchquery.h"

#include <QList>

#include <algorithm>

namespace folio::searchsnippet {

namespace {

constexpr qsizetype kLeadChars = 24;       // context shown before the first mark
constexpr qsizetype kMaxOccurrences = 256; // per CJK run: enough for any snippet

struct Range {
    qsizetype start;
    qsizetype end;
};

bool isCjk(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3040 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
           (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0xF900 && u <= 0xFAFF) || c.isSurrogate();
}

struct Marked {
    QString text;
    QList<Range> ranges; // sorted, disjoint
};

Marked mark(const QString& ftsHighlighted, const QStringList& cjkRuns)
{
    Marked out;
    out.text.reserve(ftsHighlighted.size());
    qsizetype open = -1;
    for (const QChar c : ftsHighlighted) {
        if (c == kHighlightStart) {
            open = out.text.size();
        } else if (c == kHighlightEnd) {
            if (open >= 0 && out.text.size() > open && !isCjk(out.text.at(open)))
                out.ranges.append({open, out.text.size()});
            open = -1;
        } else {
            out.text += c;
        }
    }
    if (!cjkRuns.isEmpty()) {
        const QString folded = searchquery::foldForMatching(out.text);
        for (const QString& run : cjkRuns) {
            if (run.isEmpty())
                continue;
            qsizetype from = 0, found = 0;
            while (found++ < kMaxOccurrences && (from = folded.indexOf(run, from)) >= 0) {
                out.ranges.append({from, from + run.size()});
                from += run.size();
            }
        }
    }
    std::sort(out.ranges.begin(), out.ranges.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
    QList<Range> merged;
    for (const Range& r : out.ranges) {
        if (!merged.isEmpty() && r.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, r.end);
        else
            merged.append(r);
    }
    out.ranges = std::move(merged);
    return out;
}

QString render(const Marked& marked, qsizetype start, qsizetype end)
{
    QString out;
    out.reserve(end - start + 16);
    auto next = std::lower_bound(marked.ranges.begin(), marked.ranges.end(), start,
                                 [](const Range& r, qsizetype at) { return r.end <= at; });
    for (qsizetype i = start; i < end; ++i) {
        if (next != marked.ranges.end() && i == std::max(next->start, start))
            out += kHighlightStart;
        const QChar c = marked.text.at(i);
        out += (c == QLatin1Char('\n') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) ? QLatin1Char(' ') : c;
        if (next != marked.ranges.end() && next->start <= i && i + 1 == std::min(next->end, end)) {
            out += kHighlightEnd;
            ++next;
        }
    }
    return out;
}

} // namespace

QString highlighted(const QString& ftsHighlighted, const QStringList& cjkRuns)
{
    const Marked marked = mark(ftsHighlighted, cjkRuns);
    return render(marked, 0, marked.text.size());
}

QString snippet(const QString& ftsHighlighted, const QStringList& cjkRuns, int maxChars)
{
    const Marked marked = mark(ftsHighlighted, cjkRuns);
    const QString& text = marked.text;
    const qsizetype size = text.size();
    qsizetype start = 0;
    // The window that holds the most marks, starting a little before one of them.
    qsizetype best = -1;
    for (qsizetype i = 0, j = 0; i < marked.ranges.size(); ++i) {
        j = std::max(j, i);
        const qsizetype windowStart = std::max<qsizetype>(0, marked.ranges.at(i).start - kLeadChars);
        while (j < marked.ranges.size() && marked.ranges.at(j).end <= windowStart + maxChars)
            ++j;
        if (j - i > best) {
            best = j - i;
            start = windowStart;
        }
    }
    // Start at a word boundary when one is near, and never inside a surrogate pair.
    if (start > 0) {
        for (qsizetype k = start; k > 0 && k > start - 12; --k) {
            if (text.at(k - 1).isSpace() || isCjk(text.at(k - 1)) || text.at(k - 1).isPunct()) {
                start = k;
                break;
            }
        }
        if (text.at(start).isLowSurrogate())
            ++start;
    }
    while (start < size && text.at(start).isSpace())
        ++start;
    qsizetype end = std::min(size, start + maxChars);
    if (end < size && text.at(end).isLowSurrogate())
        ++end;
    for (const Range& r : marked.ranges) { // never cut a mark in two
        if (r.start < end && r.end > end)
            end = r.end;
    }
    QString out = render(marked, start, end).trimmed();
    if (start > 0)
        out.prepend(QChar(0x2026));
    if (end < size)
        out.append(QChar(0x2026));
    return out;
}

} // namespace folio::searchsnippet
