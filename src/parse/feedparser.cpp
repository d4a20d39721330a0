#include "parse/feedparser.h"

#include "parse/feedsniff.h"
#include "parse/feedtextdecoder.h"
#include "parse/jsonfeed.h"
#include "parse/xmlfeedreader.h"
#include "parse/xmlrepair.h"

#include <QBuffer>
#include <QRegularExpression>

#include <algorithm>
#include <optional>
#include <utility>

namespace folio {

namespace {

// At most this many times does a broken document get read again from the item after its error.
constexpr int kMaxResumes = 200;

// Characters of the text's start read before choosing how to read the rest: enough to tell XML from JSON and to
// find the root element's name (or say what the bytes are instead).
constexpr qsizetype kHeadChars = 1 << 16;
// JSON Feed is read whole (QJsonDocument needs all of it); a bigger one is refused rather than held in memory.
// Fetched feeds are capped well below this by SyncOptions::maxFeedBytes (32 MB by default).
constexpr qsizetype kMaxJsonChars = 64 * 1024 * 1024;
// Characters kept from one look for the next item start to the next: a start tag the end of a piece cut.
constexpr qsizetype kItemStartOverlap = 256;

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
    qsizetype skip = 0;   // the first items were given to the sink by an earlier reading
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
        if (++m_flow.count <= m_flow.skip)
            return true;
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

// The decoded text, piece by piece, with the byte-order mark at its very start dropped.
class TextPieces {
public:
    explicit TextPieces(FeedTextDecoder& decoder)
        : m_decoder(decoder)
    {
    }

    QString next()
    {
        QString text = m_decoder.read();
        if (std::exchange(m_first, false) && text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        return text;
    }
    bool atEnd() const { return m_decoder.atEnd(); }
    void rewind()
    {
        m_decoder.rewind();
        m_first = true;
    }

private:
    FeedTextDecoder& m_decoder;
    bool m_first = true;
};

// The repaired text, piece by piece, for the XML reader.
class RepairedInput : public XmlTextInput {
public:
    // With `untilUndeclared`, the text ends (gaveUp()) before the first piece that uses a namespace prefix not declared
    // before it.
    RepairedInput(TextPieces& pieces, XmlRepairStream& repair, bool untilUndeclared = false)
        : m_pieces(pieces)
        , m_repair(repair)
        , m_untilUndeclared(untilUndeclared)
    {
    }

    QString more() override
    {
        while (!m_done) {
            const QString text = m_pieces.next();
            m_done = m_pieces.atEnd();
            QString out = m_repair.repair(text, m_done);
            if (m_untilUndeclared && !m_repair.undeclaredPrefixes().isEmpty()) {
                m_gaveUp = m_done = true;
                return {};
            }
            if (!out.isEmpty())
                return out;
        }
        return {};
    }
    bool gaveUp() const { return m_gaveUp; }
    // Repairs what is left unread, for the repair warnings of the whole text.
    void drain()
    {
        while (!more().isEmpty()) {
        }
    }

private:
    TextPieces& m_pieces;
    XmlRepairStream& m_repair;
    bool m_untilUndeclared;
    bool m_done = false;
    bool m_gaveUp = false;
};

// What a pass over the text kept, and where its text stands in the repaired text of the whole document: a resumed
// pass reads the prefix (root and channel start, up to the first item) and then the document from an item on.
struct PassText {
    XmlKeptText kept;
    qsizetype shift = 0; // pass offset + shift = offset in the document's repaired text, past the prefix
    qint64 lineBase = 0; // line at pass offset o = lineBase + kept.newlinesTo(o) + 1
    qint64 lineAt(qsizetype offset) const { return lineBase + kept.newlinesTo(offset) + 1; }
};

// Repaired text from an absolute offset on, looked through for the next item start: as much as one piece and the
// end of the previous one.
struct ItemSearch {
    QString window;
    qsizetype windowStart = 0; // absolute offset of window[0]
    qint64 newlines = 0;       // line breaks in the repaired text before windowStart

    // The next item start at or after the window's start, absolute, pulling more text as needed; -1 at the end.
    qsizetype find(RepairedInput& input)
    {
        for (;;) {
            if (const qsizetype at = nextItemStart(window, 0); at >= 0)
                return windowStart + at;
            QString more = input.more();
            if (more.isEmpty())
                return -1;
            const qsizetype drop = qMax<qsizetype>(0, window.size() - kItemStartOverlap);
            newlines += QStringView(window).left(drop).count(u'\n');
            window = QStringView(window).mid(drop) + more;
            windowStart += drop;
        }
    }
};

// How a reading of the document went.
struct Reading {
    Result<FeedDocument> document = fail(QString());
    bool gaveUp = false;     // a speculative reading met an undeclared namespace prefix
    qsizetype delivered = 0; // items given to the sink
};

Reading readDocument(TextPieces& pieces, const QStringList& undeclared, bool speculative, qsizetype skip,
                     const QUrl& documentUrl, const QDateTime& fetchedAt, const FeedItemSink& sink,
                     QStringList& repairWarnings);

Result<FeedDocument> parseXml(TextPieces& pieces, const QString& head, const QUrl& documentUrl,
                              const QDateTime& fetchedAt, const FeedItemSink& sink, QStringList& repairWarnings)
{
    const QString sniffed = xmlRootName(head);
    if (sniffed == u"html")
        return fail(notAFeed(sniffed));

    // Namespace prefixes a feed uses without declaring are declared on its root element. Nearly every feed declares
    // each prefix before it uses one: it is read at once, speculatively, and only when an undeclared prefix turns up
    // is it read again, after a first pass over all of it has found which prefixes to declare. The second reading
    // gives the sink only the items after those the first one gave (the text up to there is the same but for the
    // root's declarations, which no element before the prefix's first use can depend on).
    pieces.rewind();
    Reading speculative = readDocument(pieces, {}, true, 0, documentUrl, fetchedAt, sink, repairWarnings);
    if (!speculative.gaveUp)
        return std::move(speculative.document);

    pieces.rewind();
    QStringList undeclared;
    {
        XmlRepairStream prefixes(XmlRepairStream::Pass::PrefixesOnly);
        while (!pieces.atEnd()) {
            const QString text = pieces.next();
            prefixes.repair(text, pieces.atEnd());
        }
        undeclared = prefixes.undeclaredPrefixes();
    }
    pieces.rewind();
    return std::move(
        readDocument(pieces, undeclared, false, speculative.delivered, documentUrl, fetchedAt, sink, repairWarnings)
            .document);
}

Reading readDocument(TextPieces& pieces, const QStringList& undeclared, bool speculative, qsizetype skip,
                     const QUrl& documentUrl, const QDateTime& fetchedAt, const FeedItemSink& sink,
                     QStringList& repairWarnings)
{
    Reading reading;
    repairWarnings.clear(); // a reading that gave up may have set them
    XmlRepairStream repair(XmlRepairStream::Pass::Repair, undeclared);
    RepairedInput input(pieces, repair, speculative);
    FeedWarnings warnings;
    ItemFlow flow{documentUrl, fetchedAt, sink, warnings, {}, 0, false, skip};
    // Whether the reading stops here: it gave up (what it read so far is read again), or it has its answer.
    const auto gaveUp = [&] {
        reading.gaveUp = input.gaveUp() && !flow.stopped;
        reading.delivered = qMax<qsizetype>(0, flow.count - skip);
        return reading.gaveUp;
    };
    const auto failed = [&reading](const QString& why) {
        reading.document = fail(why);
        return std::move(reading);
    };
    XmlTree tree;
    PassText first;
    first.kept.keepPrefix = true;
    ItemPass pass(flow, std::nullopt, 0);
    readXmlItems(QString(), &input, tree, pass, first.kept);
    if (gaveUp())
        return reading;
    // The repair warnings come first and count all of the text, read or not.
    const auto finishRepair = [&] {
        input.drain();
        repairWarnings = repair.warnings();
    };
    if (tree.empty()) {
        if (!tree.error.isEmpty())
            return failed(QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
        return failed(QStringLiteral("not a feed: no XML element in it"));
    }
    if (!pass.format())
        return failed(notAFeed(tree.root().name.toLower()));

    FeedDocument doc;
    doc.format = *pass.format();
    // Read once all of it is in: the channel's elements after its items count too.
    pass.reader()->readChannel(doc);

    // A document broken in the middle: read it again from the next item after the error, with the same start
    // (root and channel) in front, until it reads to its end. Each round drops only the item the error was in.
    // The text is not held: the search for the next item goes on from what the pass kept (the item the error is in)
    // through the pieces still to come.
    const qsizetype prefixEnd = first.kept.prefixEnd;
    const QString prefix = std::exchange(first.kept.prefix, {});
    const qint64 prefixNewlines = prefix.count(QLatin1Char('\n'));
    const XmlTree* current = &tree;
    const PassText* currentText = &first;
    XmlTree resumed;
    PassText resumedText;
    qsizetype lastResume = -1;
    int skipped = 0;
    QString firstError;
    for (int round = 0; round <= kMaxResumes && !current->error.isEmpty() && !flow.stopped; ++round) {
        const qsizetype errorAt = current->errorOffset + currentText->shift;
        const qint64 errorLine = currentText->lineAt(current->errorOffset);
        if (current->prematureEnd) {
            warnings.append(
                QStringLiteral("the document ends early (cut off at line %1): kept the items read before the cut")
                    .arg(errorLine));
            break;
        }
        if (firstError.isEmpty())
            firstError = QStringLiteral("XML error at line %1: %2").arg(errorLine).arg(current->error);
        ++skipped;
        if (prefixEnd < 0 || round == kMaxResumes)
            break;
        // From the error (or just past the last resume) on, in this pass's offsets.
        const XmlKeptText& kept = currentText->kept;
        const qsizetype from = qBound(kept.start, qMax(errorAt, lastResume + 1) - currentText->shift, kept.end());
        ItemSearch search{kept.text.mid(from - kept.start), from + currentText->shift,
                          currentText->lineBase + kept.newlinesTo(from)};
        const qsizetype next = search.find(input);
        if (gaveUp())
            return reading;
        if (next < 0)
            break;
        lastResume = next;
        QString text = prefix + QStringView(search.window).mid(next - search.windowStart);
        resumedText = PassText();
        resumedText.shift = next - prefixEnd;
        resumedText.lineBase =
            search.newlines + QStringView(search.window).left(next - search.windowStart).count(u'\n') - prefixNewlines;
        search = ItemSearch();
        resumed = XmlTree();
        ItemPass more(flow, doc.format, prefixEnd);
        readXmlItems(std::move(text), &input, resumed, more, resumedText.kept);
        if (gaveUp())
            return reading;
        current = &resumed;
        currentText = &resumedText;
        if (resumed.empty())
            break;
    }
    if (!firstError.isEmpty())
        warnings.append(firstError +
                        QStringLiteral(" (skipped %1 unreadable stretches; kept the items around them)").arg(skipped));
    // Nothing read at all: the error is the answer.
    if (!tree.error.isEmpty() && flow.count == 0 && doc.title.isEmpty())
        return failed(!firstError.isEmpty()
                          ? firstError
                          : QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
    finishRepair();
    if (gaveUp())
        return reading;
    doc.warnings = warnings.lines();
    reading.document = std::move(doc);
    return reading;
}

} // namespace

Result<FeedDocument> streamFeed(QIODevice& device, const QUrl& documentUrl, const QByteArray& declaredCharset,
                                const QDateTime& fetchedAt, const FeedItemSink& sink, qint64 pieceBytes)
{
    FeedTextDecoder decoder(device, declaredCharset, pieceBytes);
    if (decoder.blank())
        return fail(QStringLiteral("not a feed: empty"));
    QString head;
    qsizetype lead = 0; // blank characters (and byte-order marks) before the text proper
    while (!decoder.atEnd() && head.size() - lead < kHeadChars) {
        head += decoder.read();
        while (lead < head.size() && (head[lead].isSpace() || head[lead] == QChar(0xFEFF)))
            ++lead;
    }
    const QStringView text = QStringView(head).mid(lead);
    if (text.isEmpty())
        return fail(QStringLiteral("not a feed: empty"));

    Result<FeedDocument> result = fail(QString());
    QStringList repairWarnings;
    if (text.front() == QLatin1Char('{') || text.front() == QLatin1Char('[')) {
        QString json = text.toString();
        head = QString();
        while (!decoder.atEnd()) {
            json += decoder.read();
            if (json.size() > kMaxJsonChars)
                return fail(QStringLiteral("a JSON Feed larger than %1 MB is not read").arg(kMaxJsonChars >> 20));
        }
        result = parseJsonFeed(json, documentUrl, fetchedAt);
        json = QString();
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
        if (head.startsWith(QChar(0xFEFF)))
            head.remove(0, 1);
        TextPieces pieces(decoder);
        result = parseXml(pieces, head, documentUrl, fetchedAt, sink, repairWarnings);
    } else {
        static const QRegularExpression htmlTag(QStringLiteral(R"(<(?:html|head|body|!doctype\s+html)\b)"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (htmlTag.match(text.left(4096).toString()).hasMatch())
            return fail(QStringLiteral("not a feed: looks like an HTML page"));
        const qsizetype bad = std::count(text.begin(), text.begin() + qMin<qsizetype>(text.size(), 512), QChar(0xFFFD));
        if (bad > 0 || !decoder.warnings().isEmpty())
            return fail(QStringLiteral("not a feed: unreadable bytes (neither XML nor JSON, nor text in a known "
                                       "encoding)"));
        return fail(QStringLiteral("not a feed: neither XML nor JSON (it begins \"%1\")")
                        .arg(text.left(40).toString().simplified()));
    }
    if (!result)
        return result;
    result->encoding = decoder.encoding();
    result->warnings = decoder.warnings() + repairWarnings + result->warnings;
    return result;
}

Result<FeedDocument> streamFeed(QByteArray bytes, const QUrl& documentUrl, const QByteArray& declaredCharset,
                                const QDateTime& fetchedAt, const FeedItemSink& sink)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return streamFeed(buffer, documentUrl, declaredCharset, fetchedAt, sink);
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
