#include "parse/xmlrepairer.h"

#include <QList>

#include <algorithm>
#include <optional>
#include <utility>

namespace folio {

namespace xmlrepair {

namespace {

bool isVoidHtmlElement(QStringView name)
{
    if (name.contains(QLatin1Char(':')))
        return false;
    static const char* const kVoid[] = {"br", "hr", "img", "wbr", "input", "area", "col", "embed", "param", "meta"};
    for (const char* v : kVoid) {
        if (name.compare(QLatin1StringView(v), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Where "]]>" starts, from `from` on; -1 if nowhere. A CDATA section is a whole article's HTML and seldom holds a
// ']': looking for that character (a vectorized search) is several times faster than looking for the string.
qsizetype cdataEnd(QStringView in, qsizetype from)
{
    for (qsizetype at = in.indexOf(QLatin1Char(']'), from); at >= 0; at = in.indexOf(QLatin1Char(']'), at + 1)) {
        if (in.mid(at).startsWith(u"]]>"))
            return at;
    }
    return -1;
}

} // namespace

void Repairer::notePrefix(QStringView qualifiedName)
{
    const qsizetype colon = qualifiedName.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return;
    const QString prefix = qualifiedName.left(colon).toString();
    if (!m_usedPrefixes.contains(prefix))
        m_usedPrefixes.append(prefix);
}

Repairer::Saved Repairer::save() const
{
    return Saved{m_n, m_rootSeen, m_declaredPrefixes, m_usedPrefixes, m_budget, m_expanded};
}

void Repairer::restore(const Saved& saved)
{
    m_n = saved.counts;
    m_rootSeen = saved.rootSeen;
    m_declaredPrefixes = saved.declaredPrefixes;
    m_usedPrefixes = saved.usedPrefixes;
    m_budget = saved.budget;
    m_expanded = saved.expanded;
}

bool Repairer::startTag()
{
    const QStringView in = m_in;
    qsizetype i = m_pos + 1;
    while (i < in.size() && isNameChar(in[i]))
        ++i;
    if (i >= in.size() && !m_last)
        return false;
    const QString name = in.mid(m_pos + 1, i - m_pos - 1).toString();
    if (i < in.size() && !in[i].isSpace() && in[i] != QLatin1Char('/') && in[i] != QLatin1Char('>')) {
        // "<joe@example.com>", "<3": not a tag
        ++m_n.strayLts;
        m_out.append(u"&lt;");
        ++m_pos;
        return true;
    }
    if (m_rootClosed) {
        ++m_n.trailing;
        m_pos = in.size();
        m_skipRest = true;
        return true;
    }
    // Until the '>' is seen, the tag may be cut by the end of the piece: what it changes is put back then.
    std::optional<Saved> saved;
    if (!m_last)
        saved = save();
    QString tag;
    const qsizetype gt = in.indexOf(QLatin1Char('>'), i);
    tag.reserve((gt < 0 ? in.size() : gt) - m_pos + 16);
    tag += QLatin1Char('<') + name;
    const bool isRoot = !m_rootSeen;
    m_rootSeen = true;
    notePrefix(name);
    QList<QStringView> attrNames;
    bool selfClosed = false;
    bool complete = false;
    while (i < in.size()) {
        const QChar c = in[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('>')) {
            complete = true;
            ++i;
            break;
        }
        if (c == QLatin1Char('/') && i + 1 < in.size() && in[i + 1] == QLatin1Char('>')) {
            selfClosed = complete = true;
            i += 2;
            break;
        }
        if (!isNameStart(c)) {
            ++m_n.attrFixes; // junk between attributes: a stray quote, '/', ','
            ++i;
            continue;
        }
        const qsizetype nameStart = i;
        while (i < in.size() && isNameChar(in[i]))
            ++i;
        const QStringView attrName = in.mid(nameStart, i - nameStart);
        while (i < in.size() && in[i].isSpace())
            ++i;
        QStringView value;
        if (i < in.size() && in[i] == QLatin1Char('=')) {
            ++i;
            while (i < in.size() && in[i].isSpace())
                ++i;
            if (i < in.size() && (in[i] == QLatin1Char('"') || in[i] == QLatin1Char('\''))) {
                const qsizetype close = in.indexOf(in[i], i + 1);
                if (close < 0) {
                    i = in.size(); // cut inside a value: the document ends here
                    break;
                }
                value = in.mid(i + 1, close - i - 1);
                i = close + 1;
            } else {
                const qsizetype start = i;
                while (i < in.size() && !in[i].isSpace() && in[i] != QLatin1Char('>'))
                    ++i;
                value = in.mid(start, i - start);
                ++m_n.attrFixes;
            }
        } else {
            value = attrName; // <option selected>
            ++m_n.attrFixes;
        }
        if (attrNames.contains(attrName)) {
            ++m_n.dupAttrs;
            continue;
        }
        attrNames.append(attrName);
        if (attrName.startsWith(u"xmlns:"))
            m_declaredPrefixes.insert(attrName.mid(6).toString());
        else if (!attrName.startsWith(u"xmlns"))
            notePrefix(attrName);
        const bool clean = std::none_of(value.begin(), value.end(), [](QChar v) {
            return v == QLatin1Char('&') || v == QLatin1Char('<') || v == QLatin1Char('"') || v.unicode() < 0x20 ||
                   v.unicode() >= 0xD800;
        });
        if (clean) {
            tag += QLatin1Char(' ') + attrName + u"=\"" + value + QLatin1Char('"');
            continue;
        }
        QString fixed;
        for (qsizetype k = 0; k < value.size();) {
            const QChar v = value[k];
            if (v == QLatin1Char('&')) {
                reference(value, k, fixed, 0);
                continue;
            }
            const qsizetype stop = [&] {
                for (qsizetype s = k; s < value.size(); ++s) {
                    if (value[s] == QLatin1Char('&') || value[s] == QLatin1Char('<') || value[s] == QLatin1Char('"'))
                        return s;
                }
                return value.size();
            }();
            appendFiltered(value.mid(k, stop - k), fixed);
            k = stop;
            if (k < value.size() && value[k] != QLatin1Char('&')) {
                fixed.append(value[k] == QLatin1Char('<') ? u"&lt;" : u"&quot;");
                ++k;
            }
        }
        tag += QLatin1Char(' ') + attrName + u"=\"" + fixed + QLatin1Char('"');
    }
    if (!complete) {
        if (saved) {
            restore(*saved);
            return false;
        }
        m_pos = in.size(); // the document ends inside this tag
        return true;
    }
    if (!selfClosed && (isVoidHtmlElement(name) || name == u"enclosure" || name == u"media:thumbnail")) {
        // Elements that are always empty: self-close them, unless their end tag follows right away.
        qsizetype next = i;
        while (next < in.size() && in[next].isSpace())
            ++next;
        if (saved && in.size() - next < name.size() + 3) {
            restore(*saved);
            return false;
        }
        const QStringView after = in.mid(next);
        selfClosed = !(after.startsWith(u"</") && after.mid(2).startsWith(name, Qt::CaseInsensitive));
    }
    tag += selfClosed ? u"/>" : u">";
    if (isRoot) {
        m_rootNameEnd = m_out.size() + 1 + name.size();
        tag.insert(1 + name.size(), m_rootDeclarations);
    }
    m_out += tag;
    if (!selfClosed)
        m_open.push_back(name);
    else if (isRoot)
        m_rootClosed = true;
    m_pos = i;
    return true;
}

bool Repairer::endTag()
{
    const QStringView in = m_in;
    qsizetype i = m_pos + 2;
    while (i < in.size() && isNameChar(in[i]))
        ++i;
    const QStringView name = in.mid(m_pos + 2, i - m_pos - 2);
    const qsizetype close = in.indexOf(QLatin1Char('>'), i);
    if (close < 0) {
        if (!m_last)
            return false;
        m_pos = in.size();
        return true;
    }
    m_pos = close + 1;
    if (m_rootClosed) {
        ++m_n.trailing;
        return true;
    }
    qsizetype match = -1;
    for (qsizetype k = qsizetype(m_open.size()) - 1; k >= 0; --k) {
        if (m_open[k] == name) {
            match = k;
            break;
        }
    }
    if (match < 0) {
        for (qsizetype k = qsizetype(m_open.size()) - 1; k >= 0; --k) {
            if (name.compare(m_open[k], Qt::CaseInsensitive) == 0) {
                match = k;
                ++m_n.caseFixes;
                break;
            }
        }
    }
    if (match < 0 || name.isEmpty()) {
        ++m_n.strayEnds;
        return true;
    }
    while (qsizetype(m_open.size()) > match) {
        if (qsizetype(m_open.size()) - 1 > match)
            ++m_n.autoClosed;
        m_out += u"</" + m_open.back() + QLatin1Char('>');
        m_open.pop_back();
    }
    if (m_open.empty())
        m_rootClosed = true;
    return true;
}

bool Repairer::process()
{
    const QStringView in = m_in;
    const qsizetype n = in.size();
    m_out.reserve(m_out.size() + n + n / 16 + 64);
    while (m_pos < n) {
        if (m_skipRest) {
            m_pos = n;
            break;
        }
        qsizetype stop = m_pos;
        while (stop < n) {
            const char16_t c = in[stop].unicode();
            if (c == '<' || c == '&' || (c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
                (c >= 0xD800 && c <= 0xDFFF) || c >= 0xFFFE)
                break;
            ++stop;
        }
        if (stop > m_pos) {
            if (m_rootClosed) {
                // Text after the end counts once, even when a piece's end splits it.
                const bool blank = in.mid(m_pos, stop - m_pos).trimmed().isEmpty();
                if (!blank && !m_trailingRun)
                    ++m_n.trailing;
                m_trailingRun = stop == n && !m_last && (m_trailingRun || !blank);
            } else if (!m_dry) {
                m_out.append(in.mid(m_pos, stop - m_pos));
            }
            m_pos = stop;
            continue;
        }
        m_trailingRun = false;
        if (!m_last && n - m_pos < kLookahead)
            return false;
        const QChar c = in[m_pos];
        const QStringView rest = in.mid(m_pos);
        // Where a construct's end is not in this piece and more text follows, it waits for that text.
        const auto cut = [&](qsizetype close) { return close < 0 && !m_last; };
        if (c == QLatin1Char('&')) {
            if (m_rootClosed || m_dry)
                ++m_pos; // a dry pass looks at tags only: no reference holds a '<'
            else
                reference(in, m_pos, m_out, 0);
        } else if (c != QLatin1Char('<')) {
            // a forbidden or astral character: filter one code unit (a valid pair passes together)
            const qsizetype len = (c.isHighSurrogate() && m_pos + 1 < n && in[m_pos + 1].isLowSurrogate()) ? 2 : 1;
            if (!m_dry)
                appendFiltered(in.mid(m_pos, len), m_out);
            m_pos += len;
        } else if (rest.startsWith(u"<!--")) {
            const qsizetype close = in.indexOf(u"-->", m_pos + 4);
            if (cut(close))
                return false;
            const qsizetype end = close < 0 ? n : close + 3;
            keepLineBreaks(in.mid(m_pos, end - m_pos));
            m_pos = end;
        } else if (rest.startsWith(u"<![CDATA[")) {
            const qsizetype close = cdataEnd(in, m_pos + 9);
            if (cut(close))
                return false;
            const qsizetype end = close < 0 ? n : close + 3;
            if (!m_rootClosed && !m_dry)
                appendFiltered(in.mid(m_pos, end - m_pos), m_out);
            m_pos = end;
        } else if (rest.startsWith(u"<?")) {
            const qsizetype close = in.indexOf(u"?>", m_pos + 2);
            if (cut(close))
                return false;
            const qsizetype end = close < 0 ? n : close + 2;
            const bool declaration = rest.size() > 5 && rest.mid(2, 3).compare(u"xml", Qt::CaseInsensitive) == 0 &&
                                     (rest[5].isSpace() || rest[5] == QLatin1Char('?'));
            if (declaration || m_rootClosed || close < 0)
                keepLineBreaks(in.mid(m_pos, end - m_pos));
            else
                m_out.append(in.mid(m_pos, end - m_pos));
            m_pos = end;
        } else if (rest.startsWith(u"<!DOCTYPE", Qt::CaseInsensitive)) {
            if (!doctype())
                return false;
        } else if (rest.startsWith(u"<!")) {
            const qsizetype close = in.indexOf(QLatin1Char('>'), m_pos);
            if (cut(close))
                return false;
            m_pos = close < 0 ? n : close + 1;
        } else if (rest.size() > 1 && rest[1] == QLatin1Char('/')) {
            if (!endTag())
                return false;
        } else if (rest.size() > 1 && isNameStart(rest[1])) {
            if (!startTag())
                return false;
        } else if (rest.size() == 1) {
            m_pos = n; // cut right after '<'
        } else {
            ++m_n.strayLts;
            if (!m_rootClosed)
                m_out.append(u"&lt;");
            ++m_pos;
        }
    }
    return true;
}

} // namespace xmlrepair

} // namespace folio
