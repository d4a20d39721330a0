#include "render/inlinehtml.h"

#include <QStringView>

namespace folio::detail {

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
bool isAsciiAlnum(QChar c)
{
    return isAsciiLetter(c) || (c >= u'0' && c <= u'9');
}
bool isTagSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

bool isEmailLocalChar(QChar c)
{
    return isAsciiAlnum(c) || QStringView(u".!#$%&'*+/=?^_`{|}~-").contains(c);
}

} // namespace

qsizetype InlineHtmlMatcher::find(Finder& finder, qsizetype from) const
{
    // The remembered hit is still the first one at or after `from` unless the search started later or the hit
    // lies before `from`.
    if (finder.searchedFrom < 0 || from < finder.searchedFrom || (finder.found >= 0 && finder.found < from)) {
        finder.found = m_text.indexOf(finder.needle, from);
        finder.searchedFrom = from;
    }
    return finder.found;
}

qsizetype InlineHtmlMatcher::match(qsizetype pos)
{
    if (pos + 1 >= m_text.size())
        return -1;
    const QChar next = m_text.at(pos + 1);
    if (next == u'/')
        return matchClosingTag(pos);
    if (next == u'?') {
        const qsizetype end = find(m_processingEnd, pos + 2);
        return end < 0 ? -1 : end + 2;
    }
    if (next == u'!') {
        const QStringView rest = QStringView(m_text).mid(pos);
        if (rest.startsWith(u"<!--"))
            return matchComment(pos);
        if (rest.startsWith(u"<![CDATA[")) {
            const qsizetype end = find(m_cdataEnd, pos + 9);
            return end < 0 ? -1 : end + 3;
        }
        if (rest.size() > 2 && isAsciiLetter(rest[2])) {
            const qsizetype end = find(m_tagEnd, pos + 2);
            return end < 0 ? -1 : end + 1;
        }
        return -1;
    }
    if (const qsizetype end = matchAutolink(pos); end >= 0)
        return end;
    return isAsciiLetter(next) ? matchOpenTag(pos) : -1;
}

qsizetype InlineHtmlMatcher::matchAutolink(qsizetype pos) const
{
    const qsizetype size = m_text.size();
    const qsizetype first = pos + 1;
    // URI autolink: a scheme of 2-32 characters, ':', then no spaces, controls or angle brackets.
    if (isAsciiLetter(m_text.at(first))) {
        qsizetype p = first + 1;
        while (p < size && p - first <= 32 &&
               (isAsciiAlnum(m_text.at(p)) || m_text.at(p) == u'+' || m_text.at(p) == u'.' || m_text.at(p) == u'-'))
            ++p;
        if (p - first >= 2 && p - first <= 32 && p < size && m_text.at(p) == u':') {
            for (++p; p < size && m_text.at(p) > u' ' && m_text.at(p) != u'<'; ++p) {
                if (m_text.at(p) == u'>')
                    return p + 1;
            }
        }
    }
    // Email autolink.
    qsizetype p = first;
    while (p < size && isEmailLocalChar(m_text.at(p)))
        ++p;
    if (p == first || p >= size || m_text.at(p) != u'@')
        return -1;
    const qsizetype domain = ++p;
    while (p < size && (isAsciiAlnum(m_text.at(p)) || m_text.at(p) == u'-' || m_text.at(p) == u'.'))
        ++p;
    return p > domain && p < size && m_text.at(p) == u'>' && isAsciiAlnum(m_text.at(domain)) ? p + 1 : -1;
}

qsizetype InlineHtmlMatcher::matchOpenTag(qsizetype pos)
{
    const qsizetype size = m_text.size();
    qsizetype p = pos + 1;
    while (p < size && (isAsciiAlnum(m_text.at(p)) || m_text.at(p) == u'-'))
        ++p;
    for (;;) {
        const qsizetype spaceStart = p;
        while (p < size && isTagSpace(m_text.at(p)))
            ++p;
        if (p >= size)
            return -1;
        if (m_text.at(p) == u'>')
            return p + 1;
        if (m_text.at(p) == u'/')
            return p + 1 < size && m_text.at(p + 1) == u'>' ? p + 2 : -1;
        // An attribute: whitespace, a name, and optionally "=" and a value.
        const QChar c = m_text.at(p);
        if (p == spaceStart || !(isAsciiLetter(c) || c == u'_' || c == u':'))
            return -1;
        while (p < size && (isAsciiAlnum(m_text.at(p)) || QStringView(u"_.:-").contains(m_text.at(p))))
            ++p;
        qsizetype q = p;
        while (q < size && isTagSpace(m_text.at(q)))
            ++q;
        if (q >= size || m_text.at(q) != u'=')
            continue;
        for (++q; q < size && isTagSpace(m_text.at(q));)
            ++q;
        if (q >= size)
            return -1;
        const QChar quote = m_text.at(q);
        if (quote == u'"' || quote == u'\'') {
            const qsizetype close = find(quote == u'"' ? m_doubleQuote : m_singleQuote, q + 1);
            if (close < 0)
                return -1;
            p = close + 1;
        } else {
            p = q;
            while (p < size && !isTagSpace(m_text.at(p)) && !QStringView(u"\"'=<>`").contains(m_text.at(p)))
                ++p;
            if (p == q)
                return -1;
        }
    }
}

qsizetype InlineHtmlMatcher::matchClosingTag(qsizetype pos) const
{
    const qsizetype size = m_text.size();
    qsizetype p = pos + 2;
    if (p >= size || !isAsciiLetter(m_text.at(p)))
        return -1;
    while (p < size && (isAsciiAlnum(m_text.at(p)) || m_text.at(p) == u'-'))
        ++p;
    while (p < size && isTagSpace(m_text.at(p)))
        ++p;
    return p < size && m_text.at(p) == u'>' ? p + 1 : -1;
}

qsizetype InlineHtmlMatcher::matchComment(qsizetype pos)
{
    // CommonMark 0.29 (cmark-gfm 0.29): the text may not start with ">" or "->" nor contain "--".
    const qsizetype body = pos + 4;
    const QStringView rest = QStringView(m_text).mid(body);
    if (rest.startsWith(u'>') || rest.startsWith(u"->"))
        return -1;
    const qsizetype dashes = find(m_dashes, body);
    if (dashes < 0 || dashes + 2 >= m_text.size() || m_text.at(dashes + 2) != u'>')
        return -1;
    return dashes + 3;
}

qsizetype matchBareUrl(const QString& text, qsizetype pos)
{
    if (pos + 4 >= text.size())
        return -1;
    const char16_t second = text.at(pos + 1).unicode() | 0x20; // quick filter: "ht", "ft" or "ww"
    if (second != u't' && second != u'w')
        return -1;
    const QStringView rest = QStringView(text).mid(pos);
    const QChar before = pos > 0 ? text.at(pos - 1) : QChar(u' ');
    qsizetype p = -1;
    if (rest.startsWith(u"www.", Qt::CaseInsensitive)) {
        if (before.isSpace() || QStringView(u"*_~(").contains(before))
            p = pos + 4;
    } else if (!isAsciiLetter(before)) {
        for (const QStringView scheme : {QStringView(u"http://"), QStringView(u"https://"), QStringView(u"ftp://")}) {
            if (rest.startsWith(scheme, Qt::CaseInsensitive))
                p = pos + scheme.size();
        }
    }
    if (p < 0)
        return -1;
    for (int parens = 0; p < text.size(); ++p) {
        const QChar c = text.at(p);
        if (c.isSpace() || c == u'<' || (c == u')' && parens == 0))
            break;
        parens += c == u'(' ? 1 : c == u')' ? -1 : 0;
    }
    return p;
}

} // namespace folio::detail
