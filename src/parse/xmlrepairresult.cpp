// The repair pass's entry points: the whole text at once (repairXml) or in pieces (XmlRepairStream), and what it
// reports (warnings, the namespace prefixes to declare).
#include "parse/xmlrepairer.h"

#include <utility>

namespace folio {

namespace xmlrepair {

void Repairer::setRootDeclarations(const QStringList& prefixes)
{
    m_rootDeclarations.clear();
    for (const QString& prefix : prefixes) {
        QString uri = wellKnownNamespace(prefix);
        if (uri.isEmpty())
            uri = QStringLiteral("urn:folio:undeclared:") + prefix;
        m_rootDeclarations += QStringLiteral(" xmlns:") + prefix + QStringLiteral("=\"") + uri + QLatin1Char('"');
    }
}

QString Repairer::piece(QStringView in, bool last)
{
    m_buffer.append(in);
    if (!last && m_buffer.size() < m_retryAt)
        return {};
    m_in = m_buffer;
    m_pos = 0;
    m_last = last;
    const bool whole = process();
    m_buffer.remove(0, m_pos);
    m_in = {};
    // A long construct (a big CDATA section) cut again and again is looked at once per doubling, not per piece.
    m_retryAt = whole ? 0 : 2 * m_buffer.size();
    if (m_dry) {
        m_out.clear();
        return {};
    }
    return std::exchange(m_out, {});
}

QStringList Repairer::undeclaredPrefixes() const
{
    QStringList undeclared;
    for (const QString& prefix : std::as_const(m_usedPrefixes)) {
        if (!m_declaredPrefixes.contains(prefix))
            undeclared << prefix;
    }
    return undeclared;
}

RepairedXml Repairer::run(QStringView in)
{
    m_in = in;
    m_pos = 0;
    m_last = true;
    process();
    const QStringList undeclared = undeclaredPrefixes();
    setRootDeclarations(undeclared);
    if (!m_rootDeclarations.isEmpty() && m_rootNameEnd >= 0)
        m_out.insert(m_rootNameEnd, m_rootDeclarations);
    RepairedXml result;
    result.text = std::move(m_out);
    result.warnings = warnings();
    return result;
}

QStringList Repairer::warnings() const
{
    QStringList result;
    const QStringList undeclared = undeclaredPrefixes();
    auto note = [&](int count, const QString& what) {
        if (count > 0)
            result << what.arg(count);
    };
    note(m_n.htmlEntities,
         QStringLiteral("replaced %1 HTML character references XML does not define (&nbsp; and the like)"));
    note(m_n.strayAmps, QStringLiteral("escaped %1 stray '&' characters"));
    note(m_n.strayLts, QStringLiteral("escaped %1 stray '<' characters"));
    note(m_n.controls, QStringLiteral("removed %1 characters XML does not allow (control characters)"));
    note(m_n.attrFixes, QStringLiteral("repaired %1 malformed attributes (unquoted, without value, junk)"));
    note(m_n.dupAttrs, QStringLiteral("dropped %1 duplicate attributes"));
    note(m_n.caseFixes, QStringLiteral("matched %1 end tags written in another case"));
    note(m_n.autoClosed, QStringLiteral("closed %1 elements left open"));
    note(m_n.strayEnds, QStringLiteral("dropped %1 end tags that closed nothing"));
    note(m_n.external, QStringLiteral("ignored %1 references to external entities (never fetched)"));
    note(m_n.cycles, QStringLiteral("dropped %1 recursive entity references"));
    note(m_n.expansionCut, QStringLiteral("entity expansion limit reached: left out %1 entity references "
                                          "(a billion-laughs document?)"));
    note(m_n.trailing, QStringLiteral("ignored %1 pieces of content after the end of the document"));
    if (!undeclared.isEmpty())
        result << QStringLiteral("declared namespace prefixes the feed uses without declaring: %1")
                      .arg(undeclared.join(QStringLiteral(", ")));
    return result;
}

} // namespace xmlrepair

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
    return xmlrepair::Repairer().run(text);
}

XmlRepairStream::XmlRepairStream(Pass pass, const QStringList& rootDeclarations)
    : m_repairer(std::make_unique<xmlrepair::Repairer>())
{
    m_repairer->setDry(pass == Pass::PrefixesOnly);
    m_repairer->setRootDeclarations(rootDeclarations);
}

XmlRepairStream::~XmlRepairStream() = default;

QString XmlRepairStream::repair(QStringView piece, bool last)
{
    return m_repairer->piece(piece, last);
}

QStringList XmlRepairStream::warnings() const
{
    return m_repairer->warnings();
}

QStringList XmlRepairStream::undeclaredPrefixes() const
{
    return m_repairer->undeclaredPrefixes();
}

} // namespace folio