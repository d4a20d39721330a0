#include "parse/feedparser.h"

#include "parse/feedsniff.h"
#include "parse/xmlrepair.h"
#include "parse/xmltree.h"

#include <QXmlStreamWriter>

namespace folio {

namespace {

// OPML attribute names are camelCase by the spec; exporters write xmlurl, XMLURL and the like.
QString attributeAnyCase(const XmlNode& node, QStringView name)
{
    for (const auto& attribute : node.attributes) {
        if (attribute.name().compare(name, Qt::CaseInsensitive) == 0)
            return attribute.value().toString().trimmed();
    }
    return {};
}

void collect(const XmlTree& tree, int node, QStringList& folders, QList<OpmlOutline>& out)
{
    for (int c : tree.at(node).children) {
        const XmlNode& n = tree.at(c);
        if (n.name.compare(u"outline", Qt::CaseInsensitive) != 0)
            continue;
        const QString title = attributeAnyCase(n, u"title");
        const QString text = attributeAnyCase(n, u"text");
        const QString xmlUrl = attributeAnyCase(n, u"xmlUrl");
        if (!xmlUrl.isEmpty()) {
            OpmlOutline outline;
            outline.feedUrl = QUrl(xmlUrl, QUrl::TolerantMode);
            outline.siteUrl = QUrl(attributeAnyCase(n, u"htmlUrl"), QUrl::TolerantMode);
            outline.title = (!title.isEmpty() ? title : !text.isEmpty() ? text : xmlUrl).simplified();
            outline.folders = folders;
            out << outline;
            collect(tree, c, folders, out); // a feed outline holding outlines is unusual, but keep them
        } else {
            // A folder without a name adds no level.
            const QString folder = (!title.isEmpty() ? title : text).simplified();
            if (!folder.isEmpty())
                folders << folder;
            collect(tree, c, folders, out);
            if (!folder.isEmpty())
                folders.removeLast();
        }
    }
}

QString xmlSafe(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.unicode() >= 0x20 || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            out.append(c);
    }
    return out;
}

} // namespace

Result<QList<OpmlOutline>> parseOpml(const QByteArray& bytes)
{
    if (bytes.trimmed().isEmpty())
        return fail(QStringLiteral("not an OPML file: empty"));
    const FeedText decoded = decodeFeedBytes(bytes);
    const XmlTree tree = readXmlTree(repairXml(decoded.text).text);
    if (tree.empty()) {
        if (!tree.error.isEmpty())
            return fail(QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
        return fail(QStringLiteral("not an OPML file: no XML element in it"));
    }
    if (tree.root().name.compare(u"opml", Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("not an OPML file: the document is <%1>").arg(tree.root().name));
    QList<OpmlOutline> outlines;
    for (int c : tree.root().children) {
        if (tree.at(c).name.compare(u"body", Qt::CaseInsensitive) == 0) {
            QStringList folders;
            collect(tree, c, folders, outlines);
        }
    }
    if (outlines.isEmpty() && !tree.error.isEmpty())
        return fail(QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
    return outlines;
}

QByteArray writeOpml(const QList<OpmlOutline>& outlines, const QString& title)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("opml"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("2.0"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeTextElement(QStringLiteral("title"), xmlSafe(title));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("body"));

    // Folders become nested outlines; a folder appears where its first feed does.
    QStringList open;
    for (const OpmlOutline& outline : outlines) {
        qsizetype common = 0;
        while (common < open.size() && common < outline.folders.size() && open[common] == outline.folders[common])
            ++common;
        while (open.size() > common) {
            xml.writeEndElement();
            open.removeLast();
        }
        for (qsizetype i = common; i < outline.folders.size(); ++i) {
            xml.writeStartElement(QStringLiteral("outline"));
            xml.writeAttribute(QStringLiteral("text"), xmlSafe(outline.folders[i]));
            xml.writeAttribute(QStringLiteral("title"), xmlSafe(outline.folders[i]));
            open << outline.folders[i];
        }
        xml.writeEmptyElement(QStringLiteral("outline"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("rss"));
        xml.writeAttribute(QStringLiteral("text"), xmlSafe(outline.title));
        xml.writeAttribute(QStringLiteral("title"), xmlSafe(outline.title));
        xml.writeAttribute(QStringLiteral("xmlUrl"), xmlSafe(outline.feedUrl.toString(QUrl::FullyEncoded)));
        if (!outline.siteUrl.isEmpty())
            xml.writeAttribute(QStringLiteral("htmlUrl"), xmlSafe(outline.siteUrl.toString(QUrl::FullyEncoded)));
    }
    while (!open.isEmpty()) {
        xml.writeEndElement();
        open.removeLast();
    }
    xml.writeEndElement(); // body
    xml.writeEndElement(); // opml
    xml.writeEndDocument();
    return out;
}

} // namespace folio
