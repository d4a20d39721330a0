#include "render/delimiterindex.h"

#include "render/eastasian.h"

#include <algorithm>

namespace folio::detail {

namespace {

enum class EventKind : unsigned char { Dollar, CloseBrace, EastAsian };

struct Event {
    qsizetype pos;
    int depth; // brace depth at the event (before a closing brace takes effect)
    EventKind kind;
};

constexpr bool isDelimiterChar(char16_t c)
{
    return c == u'\\' || c == u'`' || c == u'{' || c == u'}' || c == u'$';
}

} // namespace

bool isEscaped(const QString& text, qsizetype pos)
{
    qsizetype run = 0;
    while (pos - run > 0 && text.at(pos - run - 1) == u'\\')
        ++run;
    return run % 2 == 1;
}

DelimiterIndex::DelimiterIndex(const QString& text)
{
    // Forward: brace depth at every '$', '}' and wide character. Depth is counted from the start of the text;
    // only differences between two positions matter.
    const qsizetype size = text.size();
    std::vector<Event> events;
    events.reserve(size_t(size / 32));
    int depth = 0;
    int minDepth = 0;
    int maxDepth = 0;
    const char16_t* data = reinterpret_cast<const char16_t*>(text.constData());
    for (qsizetype i = 0; i < size;) {
        const char16_t c = data[i];
        if ((c < 128 && !isDelimiterChar(c)) || (c >= 128 && !isEastAsianWideUnit(c))) {
            ++i;
            continue;
        }
        if (c == u'\\') {
            const qsizetype runStart = i;
            while (i < size && text.at(i) == u'\\')
                ++i;
            if ((i - runStart) % 2 == 1 && i < size) {
                const QChar escaped = text.at(i);
                if (escaped == u')')
                    m_escapedParens.push_back(i);
                else if (escaped == u']')
                    m_escapedBrackets.push_back(i);
                if (escaped != u'`') // an escaped '$' or brace is no delimiter; a backtick run may still close code
                    ++i;
            }
            continue;
        }
        if (c == u'`') {
            const qsizetype runStart = i;
            while (i < size && text.at(i) == u'`')
                ++i;
            m_backticks.push_back(runStart);
            m_backtickRuns[i - runStart].push_back(runStart);
            continue;
        }
        if (c == u'{') {
            maxDepth = std::max(maxDepth, ++depth);
        } else if (c == u'}') {
            events.push_back({i, depth, EventKind::CloseBrace});
            minDepth = std::min(minDepth, --depth);
        } else if (c == u'$') {
            events.push_back({i, depth, EventKind::Dollar});
            m_dollars.push_back(i);
            if (i + 1 < size && text.at(i + 1) == u'$')
                m_doubleDollars.push_back(i);
        } else if (isEastAsianWideUnit(c)) {
            // One event per run: depth cannot change inside a run of CJK text, and only the first one matters.
            events.push_back({i, depth, EventKind::EastAsian});
            for (++i; i < size && (isEastAsianWideUnit(text.at(i).unicode()) || text.at(i).isLowSurrogate());)
                ++i;
            continue;
        }
        ++i;
    }

    // Backward: for each '$', the nearest later event at its own depth.
    const size_t depths = size_t(maxDepth - minDepth + 1);
    std::vector<qsizetype> nextDollar(depths, -1);
    std::vector<qsizetype> nextClose(depths, -1);
    std::vector<qsizetype> nextWide(depths, -1);
    m_links.resize(m_dollars.size());
    size_t dollar = m_dollars.size();
    for (auto event = events.rbegin(); event != events.rend(); ++event) {
        const size_t d = size_t(event->depth - minDepth);
        switch (event->kind) {
        case EventKind::Dollar:
            m_links[--dollar] = {nextDollar[d], nextClose[d], nextWide[d]};
            nextDollar[d] = event->pos;
            break;
        case EventKind::CloseBrace:
            nextClose[d] = event->pos;
            break;
        case EventKind::EastAsian:
            nextWide[d] = event->pos;
            break;
        }
    }
}

DelimiterIndex::DollarLinks DelimiterIndex::dollarLinks(qsizetype dollar) const
{
    const auto it = std::lower_bound(m_dollars.begin(), m_dollars.end(), dollar);
    if (it == m_dollars.end() || *it != dollar)
        return {};
    return m_links[size_t(it - m_dollars.begin())];
}

qsizetype DelimiterIndex::nextBacktickRun(qsizetype length, qsizetype from) const
{
    const auto runs = m_backtickRuns.constFind(length);
    return runs == m_backtickRuns.cend() ? -1 : firstAtOrAfter(*runs, from);
}

qsizetype DelimiterIndex::firstAtOrAfter(const std::vector<qsizetype>& sorted, qsizetype from)
{
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), from);
    return it == sorted.end() ? -1 : *it;
}

} // namespace folio::detail
