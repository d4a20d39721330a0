#include "parse/feedparser.h"

#include "parse/feedsniff.h"
#include "parse/jsonfeed.h"
#include "parse/xmlfeedreader.h"
#include "parse/xmlrepair.h"

#include <QRegularExpression>

#include <algorithm>

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

Result<FeedDocument> parseXml(QString text, const QUrl& documentUrl, const QDateTime& fetchedAt)
{
    const QString sniffed = xmlRootName(text);
    if (sniffed == u"html")
        return fail(notAFeed(sniffed));

    RepairedXml repaired = repairXml(text);
    text = QString(); // only the repaired text is read from here on: a big feed is not held twice
    const XmlTree tree = readXmlTree(repaired.text);
    if (tree.empty()) {
        if (!tree.error.isEmpty())
            return fail(QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
        return fail(QStringLiteral("not a feed: no XML element in it"));
    }
    const auto format = formatOf(tree.root());
    if (!format)
        return fail(notAFeed(tree.root().name.toLower()));

    FeedDocument doc;
    doc.format = *format;
    FeedWarnings warnings;
    for (const QString& line : std::as_const(repaired.warnings))
        warnings.append(line);
    XmlFeedReader reader(tree, *format, documentUrl, fetchedAt, warnings);
    reader.readChannel(doc);
    reader.readItems(doc.items, 0);

    // A document broken in the middle: read it again from the next item after the error, with the same start
    // (root and channel) in front, until it reads to its end. Each round drops only the item the error was in.
    const qsizetype prefixEnd = reader.firstItemOffset();
    const XmlTree* current = &tree;
    XmlTree resumed;
    qsizetype shift = 0; // current text offset + shift = offset in repaired.text, past the prefix
    qsizetype lastResume = -1;
    int skipped = 0;
    QString firstError;
    for (int round = 0; round <= kMaxResumes && !current->error.isEmpty(); ++round) {
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
        resumed = readXmlTree(repaired.text.left(prefixEnd) + QStringView(repaired.text).mid(next));
        current = &resumed;
        if (resumed.empty())
            break;
        XmlFeedReader more(resumed, *format, documentUrl, fetchedAt, warnings);
        FeedDocument ignored;
        more.readChannel(ignored); // for the site URL as a base
        more.readItems(doc.items, prefixEnd);
    }
    makeIdsUnique(doc.items, warnings);
    if (!firstError.isEmpty())
        warnings.append(firstError +
                        QStringLiteral(" (skipped %1 unreadable stretches; kept the items around them)").arg(skipped));
    // Nothing read at all: the error is the answer.
    if (!tree.error.isEmpty() && doc.items.isEmpty() && doc.title.isEmpty())
        return fail(!firstError.isEmpty()
                        ? firstError
                        : QStringLiteral("XML error at line %1: %2").arg(tree.errorLine).arg(tree.error));
    doc.warnings = warnings.lines();
    return doc;
}

} // namespace

Result<FeedDocument> parseFeed(const QByteArray& bytes, const QUrl& documentUrl, const QByteArray& declaredCharset,
                               const QDateTime& fetchedAt)
{
    if (bytes.trimmed().isEmpty())
        return fail(QStringLiteral("not a feed: empty"));
    FeedText decoded = decodeFeedBytes(bytes, declaredCharset);
    QStringView text = decoded.text;
    while (!text.isEmpty() && (text.front().isSpace() || text.front() == QChar(0xFEFF)))
        text = text.mid(1);
    if (text.isEmpty())
        return fail(QStringLiteral("not a feed: empty"));

    Result<FeedDocument> result = fail(QString());
    if (text.front() == QLatin1Char('{') || text.front() == QLatin1Char('[')) {
        result = parseJsonFeed(text.toString(), documentUrl, fetchedAt);
    } else if (text.front() == QLatin1Char('<')) {
        // From the start of the text, blank lines included, so that error line numbers are the file's.
        QString xml = std::move(decoded.text); // `text` is not looked at again
        if (xml.startsWith(QChar(0xFEFF)))
            xml.remove(0, 1);
        result = parseXml(std::move(xml), documentUrl, fetchedAt);
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

} // namespace folio
