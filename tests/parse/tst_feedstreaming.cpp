#include "feedfixtures.h"

#include "parse/feedparser.h"
#include "parse/htmltext.h"

#include <QTest>

using namespace folio;

// Big feeds are read as a stream: items are handed out as they are read, the text is given to the XML reader in
// chunks, and everything the whole-document parser kept (order, recovery, channel fields) stays as it was.
class TestFeedStreaming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bigDocumentReadsEveryItemWhole();
    void sinkGetsWhatParseFeedKeepsAndCanStop();
    void brokenItemFarInKeepsTheOthers();
    void cutFarInKeepsWholeItems();
    void channelFieldsAfterItemsAreRead();
    void summaryOfALongArticleReadsItsStartOnly();
};

namespace {

// Item i's text: CJK, an emoji (a surrogate pair in UTF-16), an entity and enough of it that the items of a
// document cross many of the reader's chunks at every kind of place.
QString body(int i)
{
    return QStringLiteral("<p>第%1篇 ünïcode 😀 &amp; more</p>").arg(i) +
           QStringLiteral("<p>%1</p>").arg(QStringLiteral("注意力机制 attention 😀").repeated(20 + i % 7));
}

QByteArray bigRss(int items, int brokenItem = -1)
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                                 "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                                 "<title>Big</title><link>https://example.org/</link>\n");
    for (int i = 0; i < items; ++i) {
        // A qualified name with two colons is beyond repair: the XML reader stops there.
        const QString extra = i == brokenItem ? QStringLiteral("<x:y:z>bad</x:y:z>") : QString();
        xml += QStringLiteral("<item><guid>g-%1</guid><title>Title %1 😀</title><link>https://example.org/%1</link>"
                              "<pubDate>01 Nov 2026 10:00:00 GMT</pubDate>%2"
                              "<content:encoded><![CDATA[%3]]></content:encoded></item>\n")
                   .arg(i)
                   .arg(extra, body(i));
    }
    return (xml + QStringLiteral("</channel></rss>\n")).toUtf8();
}

QStringList guids(const QList<FeedItem>& items)
{
    QStringList out;
    for (const FeedItem& item : items)
        out << item.article.guid;
    return out;
}

} // namespace

void TestFeedStreaming::bigDocumentReadsEveryItemWhole()
{
    const QByteArray bytes = bigRss(600);
    QVERIFY(bytes.size() > 4 * (1 << 16)); // many chunks
    const auto doc = parseFeed(bytes, QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("Big"));
    QCOMPARE(doc->items.size(), 600);
    for (int i = 0; i < 600; ++i) {
        const Article& a = doc->items[i].article;
        QCOMPARE(a.guid, QStringLiteral("g-%1").arg(i));
        QCOMPARE(a.title, QStringLiteral("Title %1 😀").arg(i));
        QCOMPARE(a.content, body(i));
    }
    QVERIFY2(doc->warnings.isEmpty(), qPrintable(doc->warnings.join(QLatin1Char('\n'))));
}

void TestFeedStreaming::sinkGetsWhatParseFeedKeepsAndCanStop()
{
    for (const char* name : {"rss20-content.xml", "atom-xmlbase.xml", "rss10-rdf.xml", "broken-middle.xml"}) {
        const QByteArray bytes = feedFixture(name);
        const auto whole = parseFeed(bytes, QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime());
        QVERIFY(whole.ok());
        QList<FeedItem> streamed;
        const auto doc =
            streamFeed(bytes, QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime(), [&](FeedItem&& item) {
                streamed << std::move(item);
                return true;
            });
        QVERIFY(doc.ok());
        QVERIFY(doc->items.isEmpty());
        QCOMPARE(doc->title, whole->title);
        QCOMPARE(doc->warnings, whole->warnings);
        QCOMPARE(guids(streamed), guids(whole->items));
    }

    const QByteArray big = bigRss(300);
    int given = 0;
    const auto stopped = streamFeed(big, {}, {}, fetchTime(), [&](FeedItem&&) { return ++given < 3; });
    QVERIFY(stopped.ok());
    QCOMPARE(given, 3); // reading stopped when the sink said so
}

void TestFeedStreaming::brokenItemFarInKeepsTheOthers()
{
    const auto doc = parseFeed(bigRss(400, 350), QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->items.size(), 399);
    QCOMPARE(doc->items[349].article.guid, QStringLiteral("g-349"));
    QCOMPARE(doc->items[350].article.guid, QStringLiteral("g-351"));
    QCOMPARE(doc->items.last().article.guid, QStringLiteral("g-399"));
    // The line is the broken item's: the XML declaration and channel start are lines 1 and 2, item i is line i + 3.
    QVERIFY2(!doc->warnings.filter(QStringLiteral("XML error at line 353")).isEmpty(),
             qPrintable(doc->warnings.join(QLatin1Char('\n'))));
}

void TestFeedStreaming::cutFarInKeepsWholeItems()
{
    const QByteArray bytes = bigRss(400);
    const qsizetype cut = bytes.indexOf("<guid>g-250</guid>") + 10;
    const auto doc = parseFeed(bytes.left(cut), {}, {}, fetchTime());
    QVERIFY(doc.ok());
    QCOMPARE(doc->items.size(), 250);
    QCOMPARE(doc->items.last().article.content, body(249));
    QCOMPARE(doc->warnings.filter(QStringLiteral("ends early")).size(), 1);
}

void TestFeedStreaming::channelFieldsAfterItemsAreRead()
{
    const QByteArray bytes = "<rss version=\"2.0\"><channel><item><guid>a</guid><title>A</title></item>"
                             "<title>Late title</title><ttl>90</ttl></channel></rss>";
    const auto doc = parseFeed(bytes, {}, {}, fetchTime());
    QVERIFY(doc.ok());
    QCOMPARE(doc->title, QStringLiteral("Late title"));
    QCOMPARE(doc->ttlMinutes, 90);
    QCOMPARE(doc->items.size(), 1);
}

// A summary is made from the start of a long article; it must be the one the whole article's text gives, wherever
// the start ends: inside markup, in a run of spaces, or splitting an entity that only the markup around it broke.
void TestFeedStreaming::summaryOfALongArticleReadsItsStartOnly()
{
    const QStringList pieces{QStringLiteral("word "),       QStringLiteral("<b>bold</b> "),
                             QStringLiteral("&amp; "),      QStringLiteral("&am<i>p; "),
                             QStringLiteral("     \n  "),   QStringLiteral("注意力"),
                             QStringLiteral("<p>para</p>"), QStringLiteral("😀"),
                             QStringLiteral("&nbsp;"),      QStringLiteral("<script>x</script>")};
    for (int seed = 0; seed < 200; ++seed) {
        QString html;
        for (int i = 0; html.size() < 1000 + seed * 40; ++i)
            html += pieces[(i * 7 + seed * 13 + i / 3) % pieces.size()];
        for (const qsizetype max : {qsizetype(20), qsizetype(80), qsizetype(300)})
            QCOMPARE(htmlExcerpt(html, max), excerpt(htmlToPlainText(html), max));
    }
    // Whitespace collapses, so text read up to any point can end just after the excerpt: an entity split by
    // markup there must not change it.
    for (int spaces = 0; spaces < 3000; spaces += 1) {
        const QString html = QStringLiteral("a").repeated(17) + QString(spaces, QLatin1Char(' ')) +
                             QStringLiteral("&am<i>p; tail words and more");
        QCOMPARE(htmlExcerpt(html, 20), excerpt(htmlToPlainText(html), 20));
    }
    // Mostly markup: the start holds too little text, so all of it is read.
    const QString sparse = QStringLiteral("<span class=\"x\"></span>").repeated(400) + QStringLiteral("late text");
    QCOMPARE(htmlExcerpt(sparse), QStringLiteral("late text"));
}

QTEST_GUILESS_MAIN(TestFeedStreaming)
#include "tst_feedstreaming.moc"
