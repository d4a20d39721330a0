#include "parse/xmlrepair.h"

#include "parse/htmlentities.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <vector>

namespace folio {

namespace {

// Total characters declared entities may expand to in one document. Real feeds declare a few short entities.
constexpr qsizetype kExpansionBudget = 1 << 20;

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char(':');
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char(':') || c == QLatin1Char('-') ||
           c == QLatin1Char('.');
}

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

struct EntityDecl {
    QString value;
    bool external = false;
};

class Repairer {
public:
    explicit Repairer(QStringView in)
        : m_in(in)
    {
        m_out.reserve(in.size() + in.size() / 16 + 64);
    }

    RepairedXml run();

private:
    QStringView m_in;
    QString m_out;
    qsizetype m_pos = 0;
    std::vector<QString> m_open;
    bool m_rootSeen = false;
    bool m_rootClosed = false;
    qsizetype m_rootNameEnd = -1; // where in m_out to add namespace declarations
    QHash<QString, EntityDecl> m_entities;
    QHash<QString, QString> m_expanded;
    QSet<QString> m_expanding;
    qsizetype m_budget = kExpansionBudget;
    QSet<QString> m_declaredPrefixes{QStringLiteral("xml"), QStringLiteral("xmlns")};
    QStringList m_usedPrefixes;

    // counts per kind of repair
    int m_htmlEntities = 0, m_strayAmps = 0, m_controls = 0, m_strayLts = 0, m_attrFixes = 0, m_dupAttrs = 0,
        m_caseFixes = 0, m_autoClosed = 0, m_strayEnds = 0, m_external = 0, m_expansionCut = 0, m_trailing = 0,
        m_cycles = 0;

    void keepLineBreaks(QStringView dropped)
    {
        for (QChar c : dropped) {
            if (c == QLatin1Char('\n'))
                m_out.append(c);
        }
    }
    void appendFiltered(QStringView text, QString& out);
    void reference(QStringView in, qsizetype& i, QString& out, int depth);
    QString expand(const QString& name, int depth);
    void doctype();
    void startTag();
    void endTag();
    void notePrefix(QStringView qualifiedName);
};

// Copies text, dropping characters XML 1.0 forbids.
void Repairer::appendFiltered(QStringView text, QString& out)
{
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        bool bad = false;
        if (c < 0x20)
            bad = c != '\t' && c != '\n' && c != '\r';
        else if (c == 0xFFFE || c == 0xFFFF)
            bad = true;
        else if (QChar::isHighSurrogate(c))
            bad = i + 1 >= text.size() || !text[i + 1].isLowSurrogate();
        else if (QChar::isLowSurrogate(c))
            bad = i == 0 || !text[i - 1].isHighSurrogate();
        if (bad) {
            out.append(text.mid(run, i - run));
            run = i + 1;
            ++m_controls;
        }
    }
    out.append(text.mid(run));
}

QString Repairer::expand(const QString& name, int depth)
{
    if (auto it = m_expanded.constFind(name); it != m_expanded.constEnd())
        return *it;
    if (m_expanding.contains(name) || depth > 32) {
        ++m_cycles;
        return {};
    }
    m_expanding.insert(name);
    const QString value = m_entities.value(name).value;
    QString out;
    for (qsizetype i = 0; i < value.size();) {
        if (value[i] == QLatin1Char('&')) {
            reference(value, i, out, depth + 1);
        } else {
            const qsizetype amp = value.indexOf(QLatin1Char('&'), i);
            const qsizetype stop = amp < 0 ? value.size() : amp;
            appendFiltered(QStringView(value).mid(i, stop - i), out);
            i = stop;
        }
        if (out.size() > m_budget)
            break; // bigger than all that may still be expanded: no need to know by how much
    }
    m_expanding.remove(name);
    m_expanded.insert(name, out);
    return out;
}

// At in[i] == '&': writes what the reference means for a strict reader, advances i past it.
void Repairer::reference(QStringView in, qsizetype& i, QString& out, int depth)
{
    qsizetype j = i + 1;
    if (j < in.size() && in[j] == QLatin1Char('#')) {
        ++j;
        const bool hex = j < in.size() && (in[j] == QLatin1Char('x') || in[j] == QLatin1Char('X'));
        if (hex)
            ++j;
        const qsizetype digits = j;
        while (j < in.size() && j - digits < 8 &&
               (hex ? (in[j].isDigit() || QStringLiteral("abcdefABCDEF").contains(in[j])) : in[j].isDigit()))
            ++j;
        if (j > digits && j < in.size() && in[j] == QLatin1Char(';')) {
            bool ok = false;
            const uint value = in.mid(digits, j - digits).toUInt(&ok, hex ? 16 : 10);
            const bool xmlChar = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
                                 (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
            if (ok && xmlChar && (value < 0x80 || value > 0x9F)) {
                out.append(in.mid(i, j + 1 - i));
            } else if (ok && value >= 0x80 && value <= 0x9F) {
                out.append(htmlCodePoint(value)); // Windows-1252, as browsers read it
                ++m_htmlEntities;
            } else {
                ++m_controls;
            }
            i = j + 1;
            return;
        }
    } else {
        while (j < in.size() && j - i <= 40 && isNameChar(in[j]))
            ++j;
        if (j > i + 1 && j < in.size() && in[j] == QLatin1Char(';')) {
            const QString name = in.mid(i + 1, j - i - 1).toString();
            if (name == u"amp" || name == u"lt" || name == u"gt" || name == u"quot" || name == u"apos") {
                out.append(in.mid(i, j + 1 - i));
                i = j + 1;
                return;
            }
            if (auto decl = m_entities.constFind(name); decl != m_entities.constEnd()) {
                i = j + 1;
                if (decl->external) {
                    ++m_external;
                    return;
                }
                const QString expansion = expand(name, depth);
                if (expansion.size() > m_budget) {
                    ++m_expansionCut;
                    m_budget = 0;
                    return;
                }
                m_budget -= expansion.size();
                out.append(expansion);
                return;
            }
            if (const QString decoded = htmlEntity(name); !decoded.isNull()) {
                ++m_htmlEntities;
                if (decoded == u"&")
                    out.append(u"&amp;");
                else if (decoded == u"<")
                    out.append(u"&lt;");
                else
                    appendFiltered(decoded, out);
                i = j + 1;
                return;
            }
        }
    }
    ++m_strayAmps;
    out.append(u"&amp;");
    ++i;
}

void Repairer::doctype()
{
    // <!DOCTYPE name [ internal subset ]>: quotes and the subset may hold '>'.
    qsizetype i = m_pos + 9;
    QChar quote;
    int bracket = 0;
    for (; i < m_in.size(); ++i) {
        const QChar c = m_in[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('[')) {
            ++bracket;
        } else if (c == QLatin1Char(']')) {
            --bracket;
        } else if (c == QLatin1Char('>') && bracket <= 0) {
            break;
        }
    }
    const QStringView decl = m_in.mid(m_pos, qMin(i + 1, m_in.size()) - m_pos);
    static const QRegularExpression entity(
        QStringLiteral(R"re(<!ENTITY\s+(%\s+)?([^\s"'>%&;]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>)re"));
    for (auto it = entity.globalMatch(decl); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty())
            continue; // parameter entities only shape the DTD
        EntityDecl e;
        e.external = !m.captured(5).isEmpty();
        e.value = m.hasCaptured(3) ? m.captured(3) : m.captured(4);
        if (!m_entities.contains(m.captured(2)))
            m_entities.insert(m.captured(2), e);
    }
    keepLineBreaks(decl);
    m_pos += decl.size();
}

void Repairer::notePrefix(QStringView qualifiedName)
{
    const qsizetype colon = qualifiedName.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return;
    const QString prefix = qualifiedName.left(colon).toString();
    if (!m_usedPrefixes.contains(prefix))
        m_usedPrefixes.append(prefix);
}

void Repairer::startTag()
{
    const QStringView in = m_in;
    qsizetype i = m_pos + 1;
    while (i < in.size() && isNameChar(in[i]))
        ++i;
    const QString name = in.mid(m_pos + 1, i - m_pos - 1).toString();
    if (i < in.size() && !in[i].isSpace() && in[i] != QLatin1Char('/') && in[i] != QLatin1Char('>')) {
        // "<joe@example.com>", "<3": not a tag
        ++m_strayLts;
        m_out.append(u"&lt;");
        ++m_pos;
        return;
    }
    if (m_rootClosed) {
        ++m_trailing;
        m_pos = in.size();
        return;
    }
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
            ++m_attrFixes; // junk between attributes: a stray quote, '/', ','
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
                ++m_attrFixes;
            }
        } else {
            value = attrName; // <option selected>
            ++m_attrFixes;
        }
        if (attrNames.contains(attrName)) {
            ++m_dupAttrs;
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
        m_pos = in.size(); // the document ends inside this tag
        return;
    }
    if (!selfClosed && (isVoidHtmlElement(name) || name == u"enclosure" || name == u"media:thumbnail")) {
        // Elements that are always empty: self-close them, unless their end tag follows right away.
        qsizetype next = i;
        while (next < in.size() && in[next].isSpace())
            ++next;
        const QStringView after = in.mid(next);
        selfClosed = !(after.startsWith(u"</") && after.mid(2).startsWith(name, Qt::CaseInsensitive));
    }
    tag += selfClosed ? u"/>" : u">";
    if (isRoot)
        m_rootNameEnd = m_out.size() + 1 + name.size();
    m_out += tag;
    if (!selfClosed)
        m_open.push_back(name);
    else if (isRoot)
        m_rootClosed = true;
    m_pos = i;
}

void Repairer::endTag()
{
    const QStringView in = m_in;
    qsizetype i = m_pos + 2;
    while (i < in.size() && isNameChar(in[i]))
        ++i;
    const QStringView name = in.mid(m_pos + 2, i - m_pos - 2);
    const qsizetype close = in.indexOf(QLatin1Char('>'), i);
    if (close < 0) {
        m_pos = in.size();
        return;
    }
    m_pos = close + 1;
    if (m_rootClosed) {
        ++m_trailing;
        return;
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
                ++m_caseFixes;
                break;
            }
        }
    }
    if (match < 0 || name.isEmpty()) {
        ++m_strayEnds;
        return;
    }
    while (qsizetype(m_open.size()) > match) {
        if (qsizetype(m_open.size()) - 1 > match)
            ++m_autoClosed;
        m_out += u"</" + m_open.back() + QLatin1Char('>');
        m_open.pop_back();
    }
    if (m_open.empty())
        m_rootClosed = true;
}

RepairedXml Repairer::run()
{
    const QStringView in = m_in;
    const qsizetype n = in.size();
    while (m_pos < n) {
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
                if (!in.mid(m_pos, stop - m_pos).trimmed().isEmpty())
                    ++m_trailing;
            } else {
                m_out.append(in.mid(m_pos, stop - m_pos));
            }
            m_pos = stop;
            continue;
        }
        const QChar c = in[m_pos];
        const QStringView rest = in.mid(m_pos);
        if (c == QLatin1Char('&')) {
            if (m_rootClosed)
                ++m_pos;
            else
                reference(in, m_pos, m_out, 0);
        } else if (c != QLatin1Char('<')) {
            // a forbidden or astral character: filter one code unit (a valid pair passes together)
            const qsizetype len = (c.isHighSurrogate() && m_pos + 1 < n && in[m_pos + 1].isLowSurrogate()) ? 2 : 1;
            appendFiltered(in.mid(m_pos, len), m_out);
            m_pos += len;
        } else if (rest.startsWith(u"<!--")) {
            const qsizetype close = in.indexOf(u"-->", m_pos + 4);
            const qsizetype end = close < 0 ? n : close + 3;
            keepLineBreaks(in.mid(m_pos, end - m_pos));
            m_pos = end;
        } else if (rest.startsWith(u"<![CDATA[")) {
            const qsizetype close = in.indexOf(u"]]>", m_pos + 9);
            const qsizetype end = close < 0 ? n : close + 3;
            if (!m_rootClosed)
                appendFiltered(in.mid(m_pos, end - m_pos), m_out);
            m_pos = end;
        } else if (rest.startsWith(u"<?")) {
            const qsizetype close = in.indexOf(u"?>", m_pos + 2);
            const qsizetype end = close < 0 ? n : close + 2;
            const bool declaration = rest.size() > 5 && rest.mid(2, 3).compare(u"xml", Qt::CaseInsensitive) == 0 &&
                                     (rest[5].isSpace() || rest[5] == QLatin1Char('?'));
            if (declaration || m_rootClosed || close < 0)
                keepLineBreaks(in.mid(m_pos, end - m_pos));
            else
                m_out.append(in.mid(m_pos, end - m_pos));
            m_pos = end;
        } else if (rest.startsWith(u"<!DOCTYPE", Qt::CaseInsensitive)) {
            doctype();
        } else if (rest.startsWith(u"<!")) {
            const qsizetype close = in.indexOf(QLatin1Char('>'), m_pos);
            m_pos = close < 0 ? n : close + 1;
        } else if (rest.size() > 1 && rest[1] == QLatin1Char('/')) {
            endTag();
        } else if (rest.size() > 1 && isNameStart(rest[1])) {
            startTag();
        } else if (rest.size() == 1) {
            m_pos = n; // cut right after '<'
        } else {
            ++m_strayLts;
            if (!m_rootClosed)
                m_out.append(u"&lt;");
            ++m_pos;
        }
    }

    QStringList undeclared;
    QString declarations;
    for (const QString& prefix : std::as_const(m_usedPrefixes)) {
        if (m_declaredPrefixes.contains(prefix))
            continue;
        undeclared << prefix;
        QString uri = wellKnownNamespace(prefix);
        if (uri.isEmpty())
            uri = QStringLiteral("urn:folio:undeclared:") + prefix;
        declarations += QStringLiteral(" xmlns:") + prefix + QStringLiteral("=\"") + uri + QLatin1Char('"');
    }
    if (!declarations.isEmpty() && m_rootNameEnd >= 0)
        m_out.insert(m_rootNameEnd, declarations);

    RepairedXml result;
    result.text = std::move(m_out);
    auto note = [&](int count, const QString& what) {
        if (count > 0)
            result.warnings << what.arg(count);
    };
    note(m_htmlEntities,
         QStringLiteral("replaced %1 HTML character references XML does not define (&nbsp; and the like)"));
    note(m_strayAmps, QStringLiteral("escaped %1 stray '&' characters"));
    note(m_strayLts, QStringLiteral("escaped %1 stray '<' characters"));
    note(m_controls, QStringLiteral("removed %1 characters XML does not allow (control characters)"));
    note(m_attrFixes, QStringLiteral("repaired %1 malformed attributes (unquoted, without value, junk)"));
    note(m_dupAttrs, QStringLiteral("dropped %1 duplicate attributes"));
    note(m_caseFixes, QStringLiteral("matched %1 end tags written in another case"));
    note(m_autoClosed, QStringLiteral("closed %1 elements left open"));
    note(m_strayEnds, QStringLiteral("dropped %1 end tags that closed nothing"));
    note(m_external, QStringLiteral("ignored %1 references to external entities (never fetched)"));
    note(m_cycles, QStringLiteral("dropped %1 recursive entity references"));
    note(m_expansionCut, QStringLiteral("entity expansion limit reached: left out %1 entity references "
                                        "(a billion-laughs document?)"));
    note(m_trailing, QStringLiteral("ignored %1 pieces of content after the end of the document"));
    if (!undeclared.isEmpty())
        result.warnings << QStringLiteral("declared namespace prefixes the feed uses without declaring: %1")
                               .arg(undeclared.join(QStringLiteral(", ")));
    return result;
}

} // namespace

QString wellKnownNamespace(QStringView prefix)
{
    struct Known {
        const char* prefix;
        const char* uri;
    };
    static constexpr Known kKnown[] = {
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"content", "http://purl.org/rss/1.0/modules/content/"},
        {"atom", "http://www.w3.org/2005/Atom"},
        {"media", "http://search.yahoo.com/mrss/"},
        {"sy", "http://purl.org/rss/1.0/modules/syndication/"},
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
        {"slash", "http://purl.org/rss/1.0/modules/slash/"},
        {"wfw", "http://wellformedweb.org/CommentAPI/"},
        {"source", "http://source.scripting.com/"},
        {"georss", "http://www.georss.org/georss"},
        {"feedburner", "http://rssnamespace.org/feedburner/ext/1.0"},
        {"thr", "http://purl.org/syndication/thread/1.0"},
    };
    for (const Known& k : kKnown) {
        if (prefix == QLatin1StringView(k.prefix))
            return QString::fromLatin1(k.uri);
    }
    return {};
}

RepairedXml repairXml(QStringView text)
{
    return Repairer(text).run();
}

} // namespace folio
