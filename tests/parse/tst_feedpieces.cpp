#include "feedfixtures.h"

#include "parse/feedparser.h"
#include "parse/feedsniff.h"
#include "parse/feedtextdecoder.h"
#include "parse/xmlrepair.h"

#include <QBuffer>
#include <QDir>
#include <QTest>

using namespace folio;

// A feed read from a device a piece at a time (decoded, repaired and read by the XML reader in pieces) reads as the
// same feed in one piece, wherever the pieces end: inside a multi-byte character, an entity, a tag, a comment, a
// CDATA section or the DOCTYPE, in any encoding, and through the recovery from a broken item.
class TestFeedPieces : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodingInPiecesGivesTheSameText_data();
    void decodingInPiecesGivesTheSameText();
    void repairInPiecesGivesTheSameText_data();
    void repairInPiecesGivesTheSameText();
    void everyFixtureReadsTheSameInPieces();
    void trickyDocumentReadsTheSameInPieces();
    void gbkInPieces();
    void brokenItemsResumeInPieces();
    void cutDocumentInPieces();
    void lateUndeclaredPrefix_data();
    void lateUndeclaredPrefix();
};

namespace {

// The whole text in one piece: what the whole-document reader saw.
constexpr qint64 kWhole = qint64(1) << 40;

struct Outcome {
    QString error;
    QString title;
    QString encoding;
    QStringList warnings;
    QStringList items; // every field that matters, one line per item
};

Outcome read(const QByteArray& bytes, qint64 pieceBytes, const QByteArray& charset = {})
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    Outcome out;
    const auto doc = streamFeed(
        buffer, QUrl(QStringLiteral("https://example.org/feed")), charset, fetchTime(),
        [&](FeedItem&& item) {
            const Article& a = item.article;
            out.items << QStringList{a.guid,
                                     a.title,
                                     a.url,
                                     a.author,
                                     a.summary,
                                     a.content,
                                     a.published.toString(Qt::ISODate),
                                     a.tags.join(QLatin1Char(',')),
                                     QString::number(item.enclosures.size())}
                             .join(QLatin1Char('|'));
            return true;
        },
        pieceBytes);
    if (!doc) {
        out.error = doc.error();
        return out;
    }
    out.title = doc->title;
    out.encoding = doc->encoding;
    out.warnings = doc->warnings;
    return out;
}

void compareOutcomes(const Outcome& pieces, const Outcome& whole, qint64 pieceBytes)
{
    const QByteArray where = "piece size " + QByteArray::number(pieceBytes);
    QVERIFY2(pieces.error == whole.error,
             QByteArray(where + ": " + pieces.error.toUtf8() + " vs " + whole.error.toUtf8()).constData());
    QVERIFY2(pieces.title == whole.title, where.constData());
    QVERIFY2(pieces.encoding == whole.encoding, where.constData());
    QVERIFY2(pieces.warnings == whole.warnings, QByteArray(where + ":\n" + pieces.warnings.join(u'\n').toUtf8() +
                                                           "\nvs\n" + whole.warnings.join(u'\n').toUtf8())
                                                    .constData());
    QVERIFY2(pieces.items.size() == whole.items.size(), where.constData());
    for (qsizetype i = 0; i < whole.items.size(); ++i)
        QVERIFY2(pieces.items[i] == whole.items[i], QByteArray(where + " item " + QByteArray::number(i)).constData());
}

// Every piece size up to 13 bytes puts a piece's end at every kind of place in a small document; the larger ones
// are what real reading uses, scaled down.
const QList<qint64> kPieceSizes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 64, 65, 100, 1000};

// Markup that gives the repair pass and the reader work at every place a piece may end.
QByteArray trickyRss()
{
    QString xml = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE rss [ <!ENTITY author \"Jürgen &amp; 苏剑林\"> <!ENTITY ext SYSTEM \"http://evil/x\"> ]>\n"
        "<!-- a comment with <item> inside and\na line break -->\n"
        "<rss version=\"2.0\"><channel><title>Tricky &mdash; 科学空间 😀</title><link>https://example.org/</link>\n");
    for (int i = 0; i < 12; ++i) {
        xml += QStringLiteral(
                   "<item><guid>g-%1</guid><title>T%1 &nbsp;&amp; &#x1F600; &#233; &hellip; AT&T 3 < 4</title>\n"
                   "<link>https://example.org/%1</link><dc:creator>&author;</dc:creator>"
                   "<media:thumbnail url=https://example.org/%1.png><category>标签%1</category>"
                   "<enclosure url='https://example.org/%1.mp3' length=\"1\" type=\"audio/mpeg\">"
                   "<pubDate>0%2 Nov 2026 10:00:00 GMT</pubDate><!-- c%1 -->&ext;\x01"
                   "<description><![CDATA[<p>第%1篇 ünïcode 😀 ]] ]]&gt; <b>bold</b> &amp; <br></p>]]></description>"
                   "<content:encoded>&lt;p&gt;Body %1 &lt;img src=\"/i/%1.png\"&gt;&lt;/p&gt;</content:encoded>"
                   "<x:extra a=1 b c='2' a=\"3\">e</X:EXTRA></item>\n")
                   .arg(i)
                   .arg(1 + i % 9);
    }
    xml += QStringLiteral("</channel></rss>\ntrailing text <after/> &amp; more\n");
    return xml.toUtf8();
}

QByteArray bigRss(int items, const QList<int>& broken)
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                                 "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                                 "<title>Big</title><link>https://example.org/</link>\n");
    for (int i = 0; i < items; ++i) {
        // A qualified name with two colons is beyond repair: the XML reader stops there.
        const QString extra = broken.contains(i) ? QStringLiteral("<x:y:z>bad</x:y:z>") : QString();
        xml += QStringLiteral("<item><guid>g-%1</guid><title>Title %1 😀</title><link>https://example.org/%1</link>"
                              "%2<content:encoded><![CDATA[<p>注意力 %1 &amp; more</p>]]></content:encoded></item>\n")
                   .arg(i)
                   .arg(extra);
    }
    return (xml + QStringLiteral("</channel></rss>\n")).toUtf8();
}

} // namespace

void TestFeedPieces::decodingInPiecesGivesTheSameText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("charset");
    const QByteArray text = QStringLiteral("<a>注意力 ünïcode 😀 end</a>").toUtf8();
    QTest::newRow("utf-8") << text << QByteArray();
    QTest::newRow("utf-8 with bom") << QByteArray("\xEF\xBB\xBF" + text) << QByteArray();
    QTest::newRow("utf-8 labelled latin-1") << text << QByteArray("ISO-8859-1");
    QTest::newRow("a few bad bytes") << QByteArray(text + "\xFF" + text + text + text + "\xC3") << QByteArray();
    QTest::newRow("cut in a character") << text.left(text.indexOf("\xF0\x9F") + 2) << QByteArray();
    QByteArray utf16;
    for (QChar c : QStringLiteral("<a>注意力 😀</a>"))
        utf16 += char(c.unicode() & 0xFF) + QByteArray(1, char(c.unicode() >> 8));
    QTest::newRow("utf-16le bom") << QByteArray("\xFF\xFE" + utf16) << QByteArray();
    QTest::newRow("latin-1 declared") << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9</a>")
                                      << QByteArray();
    const QByteArray gbk = feedFixture("gbk-gb2312.xml");
    QTest::newRow("gbk declared") << gbk << QByteArray();
    QByteArray undeclared = gbk;
    undeclared.replace("encoding=\"gb2312\"", "");
    QTest::newRow("gbk undeclared") << undeclared << QByteArray();
    QTest::newRow("gbk by http") << undeclared << QByteArray("GBK");
    QTest::newRow("gbk cut in a character") << gbk.left(gbk.lastIndexOf("</title>") - 1) << QByteArray();
    QTest::newRow("garbage") << feedFixture("garbage.bin") << QByteArray();
    QTest::newRow("unknown label") << QByteArray("<a>\xE9\xFF\xFE</a>") << QByteArray("x-no-such-charset");
}

void TestFeedPieces::decodingInPiecesGivesTheSameText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, charset);
    const FeedText whole = decodeFeedBytes(bytes, charset);
    for (const qint64 size : {1, 2, 3, 4, 5, 7, 64, 1 << 20}) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        FeedTextDecoder decoder(buffer, charset, size);
        for (int round = 0; round < 2; ++round) { // and again after a rewind
            QString text;
            while (!decoder.atEnd())
                text += decoder.read();
            QCOMPARE(text, whole.text);
            QCOMPARE(decoder.encoding(), whole.encoding);
            QCOMPARE(decoder.warnings(), whole.warnings);
            decoder.rewind();
        }
    }
}

void TestFeedPieces::repairInPiecesGivesTheSameText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("tricky") << QString::fromUtf8(trickyRss());
    QTest::newRow("undeclared prefixes") << QString::fromUtf8(feedFixture("rss-prefixes.xml"));
    QTest::newRow("entities") << QString::fromUtf8(feedFixture("entities-stray-amp.xml"));
    QTest::newRow("billion laughs") << QString::fromUtf8(feedFixture("billion-laughs.xml"));
    QTest::newRow("cut in a tag") << QStringLiteral("<rss><channel><item a=\"1\"><title x='a>b");
    QTest::newRow("cut in cdata") << QStringLiteral("<rss><channel><item><![CDATA[ab]]");
    QTest::newRow("cut in a comment") << QStringLiteral("<rss><!-- a\nb -");
    QTest::newRow("cut after <") << QStringLiteral("<rss><channel><");
    QTest::newRow("cut in a reference") << QStringLiteral("<rss>a &amp");
    QTest::newRow("a tag after the end") << QStringLiteral("<rss/> text <a> more </a> text & text");
    QTest::newRow("text after the end") << QStringLiteral("<rss></rss> some text &amp; more text\n  \n");
    QTest::newRow("void element then its end") << QStringLiteral("<rss><br>  </br><img src=x><p>a</p></rss>");
    QTest::newRow("astral and lone surrogates")
        << QStringLiteral("<rss>a😀b") + QChar(0xD800) + QStringLiteral("c") + QChar(0xDC00) + QStringLiteral("</rss>");
}

void TestFeedPieces::repairInPiecesGivesTheSameText()
{
    QFETCH(QString, text);
    const RepairedXml whole = repairXml(text);
    for (qsizetype size = 1; size <= 70; size += size < 12 ? 1 : 29) {
        XmlRepairStream prefixes(XmlRepairStream::Pass::PrefixesOnly);
        for (qsizetype at = 0; at < text.size(); at += size)
            QVERIFY(prefixes.repair(QStringView(text).mid(at, size), at + size >= text.size()).isEmpty());
        XmlRepairStream repair(XmlRepairStream::Pass::Repair, prefixes.undeclaredPrefixes());
        QString out;
        for (qsizetype at = 0; at < text.size(); at += size)
            out += repair.repair(QStringView(text).mid(at, size), at + size >= text.size());
        QCOMPARE(out, whole.text);
        QCOMPARE(repair.warnings(), whole.warnings);
    }
}

void TestFeedPieces::everyFixtureReadsTheSameInPieces()
{
    const QStringList names = QDir(QStringLiteral(FOLIO_TEST_DATA "/feeds")).entryList(QDir::Files);
    QVERIFY(names.size() >= 10);
    for (const QString& name : names) {
        const QByteArray bytes = feedFixture(name.toLatin1().constData());
        const Outcome whole = read(bytes, kWhole);
        for (const qint64 size : kPieceSizes) {
            compareOutcomes(read(bytes, size), whole, size);
            if (QTest::currentTestFailed())
                qWarning("fixture %s", qPrintable(name));
        }
    }
}

void TestFeedPieces::trickyDocumentReadsTheSameInPieces()
{
    const QByteArray bytes = trickyRss();
    const Outcome whole = read(bytes, kWhole);
    QCOMPARE(whole.items.size(), 12);
    QVERIFY(whole.warnings.size() >= 8); // each kind of repair happened
    QVERIFY2(!whole.warnings.filter(QStringLiteral("declared namespace prefixes")).isEmpty(),
             qPrintable(whole.warnings.join(u'\n')));
    for (const qint64 size : kPieceSizes)
        compareOutcomes(read(bytes, size), whole, size);
}

void TestFeedPieces::gbkInPieces()
{
    QByteArray bytes = feedFixture("gbk-gb2312.xml");
    for (const qint64 size : {1, 2, 3, 5, 64}) {
        const Outcome declared = read(bytes, size);
        QCOMPARE(declared.encoding, QStringLiteral("GB18030"));
        QCOMPARE(declared.title, QStringLiteral("科学空间"));
        QCOMPARE(declared.items.size(), 1);
        QVERIFY2(declared.items[0].contains(QStringLiteral("注意力机制的位置编码")), qPrintable(declared.items[0]));
        QVERIFY(declared.warnings.isEmpty());
    }
    bytes.replace("encoding=\"gb2312\"", "");
    for (const qint64 size : {1, 2, 3, 5, 64}) {
        const Outcome undeclared = read(bytes, size);
        QCOMPARE(undeclared.encoding, QStringLiteral("GB18030"));
        QCOMPARE(undeclared.title, QStringLiteral("科学空间"));
        const Outcome byHttp = read(bytes, size, "GBK");
        QCOMPARE(byHttp.title, QStringLiteral("科学空间"));
    }
    // Big5, the other legacy encoding of the field's sources, goes the same way.
    const QByteArray big5 =
        "<?xml version=\"1.0\" encoding=\"big5\"?><rss version=\"2.0\"><channel><title>"
        "\xAC\xEC\xBE\xC7\xAA\xC5\xB6\xA1 \xAA`\xB7N\xA4O\xBE\xF7\xA8\xEE</title><item><guid>a</guid>"
        "<title>\xA6\xEC\xB8m\xBDs\xBDX</title></item></channel></rss>";
    for (const qint64 size : {1, 2, 3, 64}) {
        const Outcome traditional = read(big5, size);
        QCOMPARE(traditional.encoding, QStringLiteral("BIG5"));
        QCOMPARE(traditional.title, QStringLiteral("科學空間 注意力機制"));
        QCOMPARE(traditional.items.size(), 1);
        QVERIFY(traditional.items[0].startsWith(QStringLiteral("a|位置編碼|")));
    }
    // A GBK feed with a bad byte in it reads as UTF-8 with a warning, in pieces as in one.
    QByteArray broken = feedFixture("gbk-gb2312.xml");
    broken.insert(broken.indexOf("<item>"), "\x81\x20");
    const Outcome whole = read(broken, kWhole);
    QVERIFY2(!whole.warnings.filter(QStringLiteral("read as UTF-8")).isEmpty(), qPrintable(whole.warnings.join(u'\n')));
    for (const qint64 size : {1, 3, 64})
        compareOutcomes(read(broken, size), whole, size);
}

void TestFeedPieces::brokenItemsResumeInPieces()
{
    // Errors in the first item, in a run of neighbours, and far in (past the text a reader keeps, so that the next
    // item start is looked for in pieces still to come); the pieces are far smaller than an item.
    const QByteArray bytes = bigRss(3000, {0, 5, 6, 7, 1500, 2998});
    QVERIFY(bytes.size() > 2 * (1 << 18));
    const Outcome whole = read(bytes, kWhole);
    QCOMPARE(whole.items.size(), 2994);
    // Line numbers are the document's: item i is on line i + 3.
    QVERIFY2(!whole.warnings.filter(QStringLiteral("XML error at line 3: ")).isEmpty(),
             qPrintable(whole.warnings.join(u'\n')));
    QVERIFY(!whole.warnings.filter(QStringLiteral("skipped 6 unreadable stretches")).isEmpty());
    for (const qint64 size : {7, 64, 100, 4096, 1 << 16})
        compareOutcomes(read(bytes, size), whole, size);
    // The line of an error far in, counted across what the reader let go of.
    const QByteArray oneError = bigRss(3000, {2500});
    for (const qint64 size : {qint64(64), qint64(1 << 16), kWhole}) {
        const Outcome far = read(oneError, size);
        QCOMPARE(far.items.size(), 2999);
        QVERIFY2(!far.warnings.filter(QStringLiteral("XML error at line 2503: ")).isEmpty(),
                 qPrintable(far.warnings.join(u'\n')));
    }
}

void TestFeedPieces::cutDocumentInPieces()
{
    const QByteArray bytes = bigRss(200, {50});
    for (const qsizetype cut : {bytes.indexOf("<guid>g-120</guid>") + 3, bytes.size() - 20}) {
        const Outcome whole = read(bytes.left(cut), kWhole);
        QCOMPARE(whole.warnings.filter(QStringLiteral("ends early")).size(), 1);
        for (const qint64 size : {5, 64, 1000})
            compareOutcomes(read(bytes.left(cut), size), whole, size);
    }
}

QTEST_GUILESS_MAIN(TestFeedPieces)
#include "tst_feedpieces.moc"

void TestFeedPieces::lateUndeclaredPrefix_data()
{
    QTest::addColumn<QString>("late");
    QTest::addColumn<bool>("declaredLater");
    QTest::newRow("undeclared") << QStringLiteral("<dc:creator>Ann</dc:creator>") << false;
    // Used before an element further on declares it: not declared on the root, so that item is unreadable.
    QTest::newRow("declared later") << QStringLiteral("<dc:creator>Ann</dc:creator>") << true;
}

void TestFeedPieces::lateUndeclaredPrefix()
{
    // A feed is read at once as long as every prefix it uses was declared before; the first undeclared one, far into
    // the feed (here at item 250 of 300), makes it be read again with the prefixes declared. The items before it
    // reach the sink once, in order, whatever the piece size, and every item after it too.
    QFETCH(QString, late);
    QFETCH(bool, declaredLater);
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                                 "<title>Late</title><link>https://example.org/</link>\n");
    for (int i = 0; i < 300; ++i) {
        QString extra = i == 250 ? late : QString();
        if (declaredLater && i == 280)
            extra = QStringLiteral("<dc:rights xmlns:dc=\"http://purl.org/dc/elements/1.1/\">r</dc:rights>");
        xml += QStringLiteral("<item><guid>g-%1</guid><title>第%1篇</title><link>https://example.org/%1</link>%2"
                              "<description>&lt;p&gt;正文 %1&lt;/p&gt;</description></item>\n")
                   .arg(i)
                   .arg(extra);
    }
    const QByteArray bytes = (xml + QStringLiteral("</channel></rss>\n")).toUtf8();
    const Outcome whole = read(bytes, kWhole);
    QVERIFY2(whole.error.isEmpty(), qPrintable(whole.error));
    QCOMPARE(whole.items.size(), declaredLater ? 299 : 300);
    for (qsizetype i = 0, expected = 0; i < whole.items.size(); ++i, ++expected) {
        if (declaredLater && expected == 250)
            ++expected; // the item that used the prefix before its declaration
        QVERIFY2(whole.items[i].startsWith(QStringLiteral("g-%1|").arg(expected)), qPrintable(whole.items[i]));
    }
    if (!declaredLater) {
        QVERIFY2(whole.items[250].contains(QStringLiteral("|Ann|")), qPrintable(whole.items[250]));
        QVERIFY2(
            whole.warnings.contains(QStringLiteral("declared namespace prefixes the feed uses without declaring: dc")),
            qPrintable(whole.warnings.join(u'\n')));
    }
    for (const qint64 size : {qint64(64), qint64(1000), qint64(4096), qint64(65536)})
        compareOutcomes(read(bytes, size), whole, size);
}
