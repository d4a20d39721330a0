#include "parse/feedparser.h"

#include "parse/feedsniff.h"
#include "parse/jsonfeed.h"
#include "parse/xmlfeedreader.h"
#include "parse/xmlrepair.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace folio {

namespace {

// At most this many times does a broken document get read again from the item after its error.
constexpr int kMaxResumes = 200;

qint64 lineAt(const QString& text, qsizetype offset)
{
    return QStringView(text).left(qMin(offset, text.size())).count(QLatin1Char('\n')) + 1;
}

// The start of the next item or entry at or after `from`, or -1.
qsizetype nextItemStart(const QString& text, qsizetype from)
{
    static const QRegularExpression itemStart(QStringLiteral(R"(<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>])"));
    const auto m = itemStart.match(text, from);
    return m.hasMatch() ? m.capturedStart() : -1;
}

std::optional<FeedFormat> formatOf(const XmlNode& root)
{
    const QString name = root.name.toLower();
    if (name == u"rss" || name == u"channel")
        return FeedFormat::Rss;
    if (name == u"rdf")
        return FeedFormat::Rdf;
    if (name == u"feed")
        return FeedFormat::Atom;
    return std::nullopt;
}

QString notAFeed(const QString& rootName)
{
    if (rootName == u"html" || rootName == u"head" || rootName == u"body" || rootName == u"div")
        return QStringLiteral("not a feed: looks like an HTML page");
    if (rootName == u"opml")
        return QStringLiteral("not a feed: an OPML subscription list (import it instead)");
    return QStringLiteral("not a feed: the document is <%1>, not RSS, Atom or JSON Feed").arg(rootName);
}

// What the passes over one document share: items are counted and their ids kept unique across passes.
struct ItemFlow {
    const QUrl& documentUrl;
    const QDateTime& fetchedAt;
    const FeedItemSink& sink;
    FeedWarnings& warnings;
    UniqueIds ids;
    qsizetype count = 0;
    bool stopped = false; // the sink asked to stop
};

// One pass over the text (the whole document, or its start and the rest after an error): hands each complete item
// whose start tag is at or after `minOffset` to the sink as soon as it is read, so the tree never holds more than
// the channel and one item.
class ItemPass : public XmlItemHandler {
public:
    ItemPass(ItemFlow& flow, std::optional<FeedFormat> format, qsizetype minOffset)
        : m_flow(flow)
        , m_format(format)
        , m_minOffset(minOffset)
    {
    }

    bool isItem(const XmlTree& tree, int node) override
    {
        if (node == 0) {
            if (!m_format)
                m_format = formatOf(tree.root());
            m_rootSeen = true;
            if (m_format)
                m_reader.emplace(tree, *m_format, m_flow.documentUrl, m_flow.fetchedAt, m_flow.warnings);
            return false;
        }
        if (!m_reader || !m_reader->isItem(node))
            return false;
        if (m_firstItem < 0)
            m_firstItem = tree.at(node).startOffset;
        return true;
    }

    bool keepReading() const override { return !m_rootSeen || m_format.has_value(); }

    bool item(const XmlTree& tree, int node) override
    {
        if (!m_channelRead) {
            // What the channel said before its first item (site URL as a base, Atom feed authors) applies to items.
            FeedDocument ignored;
            m_reader->readChannel(ignored);
            m_channelRead = true;
        }
        if (tree.at(node).startOffset < m_minOffset)
            return true;
        FeedItem item = m_reader->readItem(node);
        if (!m_flow.ids.admit(item, m_flow.warnings))
            return true;
        ++m_flow.count;
        m_flow.stopped = !m_flow.sink(std::move(item));
        return !m_flow.stopped;
    }

    std::optional<FeedFormat> format() const { return m_format; }
    XmlFeedReader* reader() { return m_reader ? &*m_reader : nullptr; }
    qsizetype firstItemOffset() const { return m_firstItem; }

private:
    ItemFlow& m_flow;
    std::optional<FeedFormat> m_format;
    qsizetype m_minOffset = 0;
    std::optional<XmlFeedReader> m_reader;
    bool m_rootSeen = false;
    bool m_channelRead = false;
    qsizetype m_firstItem = -1;
};

Result<FeedDocument> parseXml(QString text, const QUrl& documentUrl, const QDateTime& fetchedAt,
                              const FeedItemSink& sink)
{
    const QString sniffed = xmlRootName(text);
    if (sniffed == u"html")
        return fail(notAFeed(sniffed));

    RepairedXml repaired = repairXml(text);
    text = QString(); // only the repaired text is read from here on: a big feed is not held twice
    FeedWarnings warnings;
    for (const QString& line : std::as_const(repaired.warnings))
        warnings.append(line);
    ItemFlow flow{documentUrl, fetchedAt, sink, warnings, {}, 0, false};
    XmlTree tree;
    ItemPass pass(flow, std::nullopt, 0);
    readXmlItems(repaired.text, tree, pass);
    if (tree.empty()) {
        if (!tree.error.isEmpty())
            return fail(QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
        return fail(QStringLiteral("not a feed: no XML element in it"));
    }
    if (!pass.format())
        return fail(notAFeed(tree.root().name.toLower()));

    FeedDocument doc;
    doc.format = *pass.format();
    // Read once all of it is in: the channel's elements after its items count too.
    pass.reader()->readChannel(doc);

    // A document broken in the middle: read it again from the next item after the error, with the same start
    // (root and channel) in front, until it reads to its end. Each round drops only the item the error was in.
    const qsizetype prefixEnd = pass.firstItemOffset();
    const XmlTree* current = &tree;
    XmlTree resumed;
    qsizetype shift = 0; // current text offset + shift = offset in repaired.text, past the prefix
    qsizetype lastResume = -1;
    int skipped = 0;
    QString firstError;
    for (int round = 0; round <= kMaxResumes && !current->error.isEmpty() && !flow.stopped; ++round) {
        const qsizetype errorAt = current->errorOffset + (current == &tree ? 0 : shift);
        if (current->prematureEnd) {
            warnings.append(
                QStringLiteral("the document ends early (cut off at line %1): kept the items read before the cut")
                    .arg(lineAt(repaired.text, errorAt)));
            break;
        }
        if (firstError.isEmpty())
            firstError =
                QStringLiteral("XML error at line %1: %2").arg(lineAt(repaired.text, errorAt)).arg(current->error);
        ++skipped;
        const qsizetype next = prefixEnd < 0 ? -1 : nextItemStart(repaired.text, qMax(errorAt, lastResume + 1));
        if (next < 0 || round == kMaxResumes)
            break;
        lastResume = next;
        shift = next - prefixEnd;
        resumed = XmlTree();
        ItemPass more(flow, doc.format, prefixEnd);
        readXmlItems(repaired.text.left(prefixEnd) + QStringView(repaired.text).mid(next), resumed, more);
        current = &resumed;
        if (resumed.empty())
            break;
    }
    if (!firstError.isEmpty())
        warnings.append(firstError +
                        QStringLiteral(" (skipped %1 unreadable stretches; kept the items around them)").arg(skipped));
    // Nothing read at all: the error is the answer.
    if (!tree.error.isEmpty() && flow.count == 0 && doc.title.isEmpty())
        return fail(!firstError.isEmpty()
                        ? firstError
                        : QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
    doc.warnings = warnings.lines();
    return doc;
}

} // namespace

Result<FeedDocument> streamFeed(QByteArray bytes, const QUrl& documentUrl, const QByteArray& declaredCharset,
                                const QDateTime& fetchedAt, const FeedItemSink& sink)
{
    if (std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }))
        return fail(QStringLiteral("not a feed: empty"));
    FeedText decoded = decodeFeedBytes(bytes, declaredCharset);
    bytes = QByteArray(); // decoded: a big feed is not held as bytes and text at once
    QStringView text = decoded.text;
    while (!text.isEmpty() && (text.front().isSpace() || text.front() == QChar(0xFEFF)))
        text = text.mid(1);
    if (text.isEmpty())
        return fail(QStringLiteral("not a feed: empty"));

    Result<FeedDocument> result = fail(QString());
    if (text.front() == QLatin1Char('{') || text.front() == QLatin1Char('[')) {
        result = parseJsonFeed(text.toString(), documentUrl, fetchedAt);
        if (result) {
            QList<FeedItem> items = std::move(result->items);
            result->items.clear();
            for (FeedItem& item : items) {
                if (!sink(std::move(item)))
                    break;
            }
        }
    } else if (text.front() == QLatin1Char('<')) {
        // From the start of the text, blank lines included, so that error line numbers are the file's.
        QString xml = std::move(decoded.text); // `text` is not looked at again
        if (xml.startsWith(QChar(0xFEFF)))
            xml.remove(0, 1);
        result = parseXml(std::move(xml), documentUrl, fetchedAt, sink);
    } else {
        static const QRegularExpression htmlTag(QStringLiteral(R"(<(?:html|head|body|!doctype\s+html)\b)"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (htmlTag.match(text.left(4096).toString()).hasMatch())
            return fail(QStringLiteral("not a feed: looks like an HTML page"));
        const qsizetype bad = std::count(text.begin(), text.begin() + qMin<qsizetype>(text.size(), 512), QChar(0xFFFD));
        if (bad > 0 || !decoded.warnings.isEmpty())
            return fail(QStringLiteral("not a feed: unreadable bytes (neither XML nor JSON, nor text in a known "
                                       "encoding)"));
        return fail(QStringLiteral("not a feed: neither XML nor JSON (it begins \"%1\")")
                        .arg(text.left(40).toString().simplified()));
    }
    if (!result)
        return result;
    result->encoding = decoded.encoding;
    result->warnings = decoded.warnings + result->warnings;
    return result;
}

Result<FeedDocument> parseFeed(const QByteArray& bytes, const QUrl& documentUrl, const QByteArray& declaredCharset,
                               const QDateTime& fetchedAt)
{
    QList<FeedItem> items;
    auto result = streamFeed(bytes, documentUrl, declaredCharset, fetchedAt, [&items](FeedItem&& item) {
        items << std::move(item);
        return true;
    });
    if (result)
        result->items = std::move(items);
    return result;
}

} // namespace folio
