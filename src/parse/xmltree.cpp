#include "parse/xmltree.h"

#include "parse/htmltext.h"

#include <QXmlStreamReader>

namespace folio {

namespace {

const QString kXmlNamespace = QStringLiteral("http://www.w3.org/XML/1998/namespace");

bool isVoidElement(const QString& name)
{
    static const char* const kVoid[] = {"br",    "hr",    "img",  "wbr",  "input",  "area",  "col",
                                        "embed", "param", "meta", "link", "source", "track", "base"};
    for (const char* v : kVoid) {
        if (name == QLatin1StringView(v))
            return true;
    }
    return false;
}

// Feeds use a few dozen distinct element names and namespaces; sharing one QString for each saves two
// allocations per element.
class NameCache {
public:
    QString get(QStringView name)
    {
        for (const QString& known : m_names) {
            if (known == name)
                return known;
        }
        QString copy = name.toString();
        if (m_names.size() < 64)
            m_names.push_back(copy);
        return copy;
    }

private:
    std::vector<QString> m_names;
};

} // namespace

namespace {

// Characters handed to the XML reader at a time. Given the whole text, QXmlStreamReader would hold two more copies
// of it (as UTF-8, and decoded again); fed in chunks, it holds one chunk.
constexpr qsizetype kChunk = 1 << 16;
// Kept text is let go in steps of at least this much, so that each character is moved about once.
constexpr qsizetype kDropStep = 1 << 18;

void read(QString first, XmlTextInput* input, XmlTree& tree, XmlItemHandler* items, XmlKeptText& kept)
{
    QXmlStreamReader reader;
    kept.text = std::move(first);
    kept.start = 0;
    kept.newlinesBefore = 0;
    kept.prefix.clear();
    kept.prefixEnd = -1;
    qsizetype fed = 0;       // of the read's text, given to the reader
    qsizetype lastStart = 0; // the last start tag's '<'
    int openItem = -1;       // the item being read, when `items` is given
    bool inputDone = input == nullptr;
    // Gives the reader its next chunk; false at the end of the text.
    const auto feed = [&]() -> bool {
        while (fed >= kept.end() && !inputDone) {
            QString more = input->more();
            if (more.isEmpty()) {
                inputDone = true;
                break;
            }
            if (items && (!kept.keepPrefix || kept.prefixEnd >= 0)) {
                const qsizetype keepFrom = openItem >= 0 ? tree.nodes[std::size_t(openItem)].startOffset : lastStart;
                if (keepFrom - kept.start >= kDropStep)
                    kept.dropBefore(keepFrom);
            }
            kept.text += more;
        }
        if (fed >= kept.end())
            return false;
        qsizetype end = qMin(kept.end(), fed + kChunk);
        if (end < kept.end() && kept.text.at(end - 1 - kept.start).isHighSurrogate())
            ++end; // a surrogate pair stays whole
        reader.addData(kept.text.mid(fed - kept.start, end - fed));
        fed = end;
        return true;
    };
    feed();
    reader.setNamespaceProcessing(true);
    // Declared entities were expanded by the repair pass; keep the reader's own limit tight all the same.
    reader.setEntityExpansionLimit(1024);
    std::vector<int> open;
    NameCache names;
    if (!items) {
        // About one element per two '<' (start and end tag); growing the vector would move every node again.
        tree.nodes.reserve(std::size_t(kept.text.count(QLatin1Char('<')) / 2 + 1));
    }
    bool stopped = false;
    while (!stopped) {
        if (reader.atEnd()) {
            if (reader.error() != QXmlStreamReader::PrematureEndOfDocumentError || !feed())
                break;
            // the reader carries on from where the chunk ended
        }
        const auto token = reader.readNext();
        switch (token) {
        case QXmlStreamReader::StartElement: {
            XmlNode node;
            node.ns = names.get(reader.namespaceUri());
            node.name = names.get(reader.name());
            node.attributes = reader.attributes();
            node.parent = open.empty() ? -1 : open.back();
            const qsizetype after = qsizetype(reader.characterOffset());
            const qsizetype lt = kept.text.lastIndexOf(QLatin1Char('<'), qMax<qsizetype>(0, after - 1 - kept.start));
            node.startOffset = lt < 0 ? kept.start : kept.start + lt;
            lastStart = node.startOffset;
            const int index = int(tree.nodes.size());
            if (node.parent < 0 && index > 0) {
                tree.error = QStringLiteral("a second root element");
                break;
            }
            tree.nodes.push_back(std::move(node));
            if (!open.empty()) {
                XmlNode& parent = tree.nodes[std::size_t(open.back())];
                parent.children.push_back(index);
                parent.parts.push_back({index, {}});
            }
            open.push_back(index);
            if (items) {
                if (openItem < 0 && items->isItem(tree, index)) {
                    openItem = index;
                    if (kept.keepPrefix && kept.prefixEnd < 0) {
                        kept.prefixEnd = lastStart;
                        kept.prefix = kept.text.left(lastStart - kept.start);
                    }
                }
                stopped = !items->keepReading();
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!open.empty()) {
                const int closed = open.back();
                tree.nodes[std::size_t(closed)].complete = true;
                open.pop_back();
                if (closed == openItem) {
                    openItem = -1;
                    stopped = !items->item(tree, closed);
                    // The item and everything inside it are the last nodes, and its parent's last child and part.
                    const int parent = tree.nodes[std::size_t(closed)].parent;
                    tree.nodes.erase(tree.nodes.begin() + closed, tree.nodes.end());
                    if (parent >= 0) {
                        XmlNode& p = tree.nodes[std::size_t(parent)];
                        p.children.pop_back();
                        p.parts.pop_back();
                    }
                }
            }
            break;
        case QXmlStreamReader::Characters:
            if (!open.empty()) {
                XmlNode& node = tree.nodes[std::size_t(open.back())];
                if (!node.parts.empty() && node.parts.back().child < 0)
                    node.parts.back().text += reader.text();
                else
                    node.parts.push_back({-1, reader.text().toString()});
            }
            break;
        default:
            break;
        }
        if (!tree.error.isEmpty())
            break;
    }
    if (reader.hasError()) {
        tree.prematureEnd = reader.error() == QXmlStreamReader::PrematureEndOfDocumentError;
        tree.error = reader.errorString();
        tree.errorLine = reader.lineNumber();
        tree.errorOffset = qsizetype(reader.characterOffset());
    } else if (!tree.error.isEmpty()) {
        tree.errorLine = reader.lineNumber();
        tree.errorOffset = qsizetype(reader.characterOffset());
    }
}

} // namespace

qint64 XmlKeptText::newlinesTo(qsizetype offset) const
{
    return newlinesBefore + QStringView(text).left(qBound<qsizetype>(0, offset - start, text.size())).count(u'\n');
}

void XmlKeptText::dropBefore(qsizetype offset)
{
    const qsizetype n = qBound<qsizetype>(0, offset - start, text.size());
    newlinesBefore += QStringView(text).left(n).count(u'\n');
    text.remove(0, n);
    start += n;
}

XmlTree readXmlTree(const QString& text)
{
    XmlTree tree;
    XmlKeptText kept;
    read(text, nullptr, tree, nullptr, kept);
    return tree;
}

void readXmlItems(QString first, XmlTextInput* input, XmlTree& tree, XmlItemHandler& items, XmlKeptText& kept)
{
    read(std::move(first), input, tree, &items, kept);
}

int XmlTree::child(int parent, const QString& ns, QStringView name) const
{
    for (int c : at(parent).children) {
        const XmlNode& node = at(c);
        if (node.name == name && node.ns == ns)
            return c;
    }
    return -1;
}

QString XmlTree::text(int index) const
{
    QString out;
    for (const auto& part : at(index).parts) {
        if (part.child < 0)
            out += part.text;
    }
    return out;
}

QString XmlTree::deepText(int index) const
{
    QString out;
    for (const auto& part : at(index).parts)
        out += part.child < 0 ? part.text : deepText(part.child);
    return out;
}

QString XmlTree::innerMarkup(int index) const
{
    QString out;
    for (const auto& part : at(index).parts) {
        if (part.child < 0) {
            out += escapeHtml(part.text).replace(QStringLiteral("&quot;"), QStringLiteral("\""));
            continue;
        }
        const XmlNode& node = at(part.child);
        out += QLatin1Char('<') + node.name;
        for (const auto& attribute : node.attributes) {
            if (attribute.namespaceUri() == kXmlNamespace)
                continue;
            const QStringView qualified = attribute.qualifiedName();
            if (qualified.startsWith(u"xmlns"))
                continue;
            out += QLatin1Char(' ') + attribute.name() + u"=\"" + escapeHtml(attribute.value()) + QLatin1Char('"');
        }
        out += QLatin1Char('>');
        if (isVoidElement(node.name) && node.parts.empty())
            continue;
        out += innerMarkup(part.child) + u"</" + node.name + QLatin1Char('>');
    }
    return out;
}

QUrl XmlTree::base(int index, const QUrl& documentUrl) const
{
    std::vector<int> chain;
    for (int i = index; i >= 0; i = at(i).parent)
        chain.push_back(i);
    QUrl base = documentUrl;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const QStringView xmlBase = at(*it).attributes.value(kXmlNamespace, QLatin1StringView("base"));
        if (!xmlBase.isEmpty())
            base = base.resolved(QUrl(xmlBase.trimmed().toString(), QUrl::TolerantMode));
    }
    return base;
}

QString XmlTree::attribute(int index, QStringView name) const
{
    for (const auto& attribute : at(index).attributes) {
        if (attribute.namespaceUri().isEmpty() && attribute.name() == name)
            return attribute.value().toString();
    }
    return {};
}

} // namespace folio
