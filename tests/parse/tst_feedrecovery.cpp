#include "feedfixtures.h"

#include "parse/feedparser.h"

#include <QElapsedTimer>
#include <QTest>

using namespace folio;

// Feeds as the web serves them: legacy encodings, broken XML, things that are not feeds, hostile documents.
class TestFeedRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gbkDeclaredAsGb2312();
    void gbkWithHttpCharset();
    void byteOrderMark();
    void declaredEncodings_data();
    void declaredEncodings();
    void htmlEntitiesStrayAmpersandsAndControls();
    void truncatedKeepsEarlierItems();
    void brokenMiddleKeepsItemsAround();
    void billionLaughsIsBounded();
    void classicBillionLaughsFailsClearly();
    void htmlPageIsNotAFeed();
    void garbageIsNotAFeed();
    void emptyIsNotAFeed();
    void xmlErrorWithNothingReadable();
    void invalidUtf8BytesAreReplaced();
    void missingIdGetsAStableHash();
    void everyCutKeepsWholeItemsOnly_data();
    void everyCutKeepsWholeItemsOnly();
    void cdataWithBrackets();
    void badByteAfterLongAsciiRun();
};

void TestFeedRecovery::gbkDeclaredAsGb2312()
{
    const QByteArray bytes = feedFixture("gbk-gb2312.xml");
    QVERIFY(!QString::fromUtf8(bytes).contains(QStringLiteral("科学"))); // the fixture really is GBK
    const auto doc = parseFeed(bytes);
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->encoding, QStringLiteral("GB18030"));
    QCOMPARE(doc->title, QStringLiteral("科学空间"));
    QCOMPARE(doc->description, QStringLiteral("渴望成为一个小飞侠"));
    QCOMPARE(doc->items.size(), 1);
    QCOMPARE(doc->items[0].article.title, QStringLiteral("注意力机制的位置编码"));
    QCOMPARE(doc->items[0].article.tags, QStringList{QStringLiteral("自然语言处理")});
    QCOMPARE(doc->items[0].article.summary, QStringLiteral("旋转位置编码（RoPE）是一种相对位置编码。"));
    QCOMPARE(doc->items[0].article.published, utc(2021, 3, 8, 2, 20));
}

void TestFeedRecovery::gbkWithHttpCharset()
{
    // The HTTP charset names the encoding; the declaration inside is not needed.
    QByteArray bytes = feedFixture("gbk-gb2312.xml");
    bytes.replace("encoding=\"gb2312\"", "");
    const auto doc = parseFeed(bytes, {}, "GBK");
    QVERIFY(doc.ok());
    QCOMPARE(doc->title, QStringLiteral("科学空间"));
}

void TestFeedRecovery::byteOrderMark()
{
    const auto doc = parseFeed(feedFixture("bom.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("BOM Feed"));
    QCOMPARE(doc->items.size(), 1);
    QCOMPARE(doc->items[0].article.title, QStringLiteral("Über BOM"));
    QCOMPARE(doc->items[0].article.published, utc(2026, 3, 3, 10, 0)); // no seconds
}

void TestFeedRecovery::declaredEncodings_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("httpCharset");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("encoding");
    auto feed = [](const char* declaration, const QByteArray& title) -> QByteArray {
        return QByteArray(declaration) + "<rss version=\"2.0\"><channel><title>" + title + "</title></channel></rss>";
    };
    // Latin-1 is read as Windows-1252, its superset, as browsers read it: curly quotes, dashes and € come through.
    QTest::newRow("ISO-8859-1") << feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "caf\xE9") << QByteArray()
                                << QStringLiteral("caf\u00e9") << QStringLiteral("WINDOWS-1252");
    QTest::newRow("ISO-8859-1 with Windows-1252 quotes")
        << feed("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", "\x93It\x92s\x94 \x96 \x80 5") << QByteArray()
        << QStringLiteral("\u201cIt\u2019s\u201d \u2013 \u20ac 5") << QStringLiteral("WINDOWS-1252");
    QTest::newRow("US-ASCII by HTTP") << feed("<?xml version=\"1.0\"?>", "\x85") << QByteArray("us-ascii")
                                      << QStringLiteral("\u2026") << QStringLiteral("WINDOWS-1252");
    QTest::newRow("ISO-8859-2") << feed("<?xml version=\"1.0\" encoding=\"iso-8859-2\"?>", "\xB1") << QByteArray()
                                << QStringLiteral("\u0105") << QStringLiteral("ISO-8859-2");
    QTest::newRow("Big5") << feed("<?xml version='1.0' encoding='big5'?>", "\xA4\xA4\xA4\xE5") << QByteArray()
                          << QStringLiteral("中文") << QStringLiteral("BIG5");
    // The HTTP charset wins over the declaration.
    QTest::newRow("HTTP over XML") << feed("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "\xA4\xA4\xA4\xE5")
                                   << QByteArray("Big5") << QStringLiteral("中文") << QStringLiteral("BIG5");
    // Valid multi-byte UTF-8 labelled as Latin-1 is UTF-8 (a common server default).
    QTest::newRow("mislabelled UTF-8") << feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                                               "\xE4\xB8\xAD\xE6\x96\x87")
                                       << QByteArray() << QStringLiteral("中文") << QStringLiteral("UTF-8");
    const QString utf16Text = QStringLiteral("<rss version=\"2.0\"><channel><title>中文</title></channel></rss>");
    QByteArray utf16("\xFF\xFE");
    utf16.append(reinterpret_cast<const char*>(utf16Text.utf16()), utf16Text.size() * 2);
    QTest::newRow("UTF-16LE BOM") << utf16 << QByteArray() << QStringLiteral("中文") << QStringLiteral("UTF-16LE");
}

void TestFeedRecovery::declaredEncodings()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, httpCharset);
    QFETCH(QString, title);
    QFETCH(QString, encoding);
    const auto doc = parseFeed(bytes, {}, httpCharset);
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, title);
    QCOMPARE(doc->encoding, encoding);
}

void TestFeedRecovery::htmlEntitiesStrayAmpersandsAndControls()
{
    const auto doc = parseFeed(feedFixture("entities-stray-amp.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->items.size(), 3);
    QCOMPARE(doc->items[0].article.title,
             QStringLiteral("AT&T and a & b \u2014 caf\u00e9 S\u00e3o Paulo\u2026 \u00a9 2026"));
    QCOMPARE(doc->items[0].article.url, QStringLiteral("https://ent.example.com/1?a=1&b=2"));
    // "&foo;" is no entity: kept as text. &#150; is Windows-1252 for an en dash.
    QCOMPARE(doc->items[0].article.summary, QStringLiteral("Price < 10 &foo; \u2013 done"));
    QCOMPARE(doc->items[1].article.title, QStringLiteral("Control char title"));
    // <ITEM> … </item>, unquoted attributes, an unclosed <enclosure>: still an item.
    QCOMPARE(doc->items[2].article.title, QStringLiteral("Mis-cased item"));
    QCOMPARE(doc->items[2].enclosures, QList<QUrl>{QUrl(QStringLiteral("https://ent.example.com/3.mp3"))});
    QCOMPARE(doc->items[2].article.published, utc(2026, 3, 3)); // not swallowed by the unclosed <enclosure>
    // One warning per kind of repair.
    QCOMPARE(doc->warnings.filter(QStringLiteral("HTML character references")).size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("stray '&'")).size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("control characters")).size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("another case")).size(), 1);
}

void TestFeedRecovery::truncatedKeepsEarlierItems()
{
    const auto doc = parseFeed(feedFixture("truncated.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("Cut Short"));
    QCOMPARE(doc->items.size(), 2); // the third was cut in its middle
    QCOMPARE(doc->items[1].article.guid, QStringLiteral("cut-2"));
    QCOMPARE(doc->warnings.filter(QStringLiteral("ends early")).size(), 1);
}

void TestFeedRecovery::brokenMiddleKeepsItemsAround()
{
    const auto doc = parseFeed(feedFixture("broken-middle.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QStringList titles;
    for (const FeedItem& item : doc->items)
        titles << item.article.title;
    QCOMPARE(titles, (QStringList{QStringLiteral("Before"), QStringLiteral("After")}));
    QCOMPARE(doc->warnings.filter(QStringLiteral("XML error at line 7")).size(), 1);
}

void TestFeedRecovery::billionLaughsIsBounded()
{
    QElapsedTimer timer;
    timer.start();
    const auto doc = parseFeed(feedFixture("billion-laughs.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("Laughs ") + QStringLiteral("lol").repeated(10));
    QCOMPARE(doc->items.size(), 2);
    qsizetype total = 0;
    for (const FeedItem& item : doc->items)
        total += item.article.title.size() + item.article.content.size();
    QVERIFY(total <= 2 * 1024 * 1024); // bounded by the expansion budget, not 3·10⁹ characters
    QCOMPARE(doc->warnings.filter(QStringLiteral("entity expansion limit")).size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("external entities")).size(), 1);
    QVERIFY(!doc->items[0].article.content.contains(QStringLiteral("root:"))); // &xxe; was never fetched
}

void TestFeedRecovery::classicBillionLaughsFailsClearly()
{
    QByteArray bytes = feedFixture("billion-laughs.xml");
    bytes = bytes.left(bytes.indexOf("<rss")) + "<lolz>&lol9;</lolz>";
    const auto doc = parseFeed(bytes);
    QVERIFY(!doc.ok());
    QVERIFY2(doc.error().startsWith(QStringLiteral("not a feed: the document is <lolz>")), qPrintable(doc.error()));
}

void TestFeedRecovery::htmlPageIsNotAFeed()
{
    const auto doc = parseFeed(feedFixture("html-page.html"));
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error(), QStringLiteral("not a feed: looks like an HTML page"));
    // An XHTML page without a DOCTYPE says so with its root.
    const auto xhtml = parseFeed("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head/><body/></html>");
    QVERIFY(!xhtml.ok());
    QCOMPARE(xhtml.error(), QStringLiteral("not a feed: looks like an HTML page"));
    const auto fragment = parseFeed("<body><p>Service temporarily unavailable</p></body>");
    QVERIFY(!fragment.ok());
    QCOMPARE(fragment.error(), QStringLiteral("not a feed: looks like an HTML page"));
}

void TestFeedRecovery::garbageIsNotAFeed()
{
    const auto doc = parseFeed(feedFixture("garbage.bin"));
    QVERIFY(!doc.ok());
    QVERIFY2(doc.error().startsWith(QStringLiteral("not a feed: unreadable bytes")), qPrintable(doc.error()));
}

void TestFeedRecovery::emptyIsNotAFeed()
{
    for (const QByteArray& bytes : {QByteArray(), QByteArray("  \n\t ")}) {
        const auto doc = parseFeed(bytes);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error(), QStringLiteral("not a feed: empty"));
    }
}

void TestFeedRecovery::xmlErrorWithNothingReadable()
{
    const auto doc = parseFeed("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel><title>t</ti<<tle>");
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error(), QStringLiteral("XML error at line 3: Premature end of document."));
    const auto broken = parseFeed("\n\n<?xml version=\"1.0\"?>\n<a:b:c/>"); // line numbers count leading lines
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().startsWith(QStringLiteral("XML error at line 4: ")), qPrintable(broken.error()));
}

void TestFeedRecovery::invalidUtf8BytesAreReplaced()
{
    QByteArray bytes = "<rss version=\"2.0\"><channel><title>\xE4\xB8\xAD\xE6\x96\x87 caf\xE9 \xE6\xA8\xA1\xE5\x9E\x8B"
                       "</title><item><guid>1</guid><title>ok</title></item></channel></rss>";
    const auto doc = parseFeed(bytes);
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("中文 caf\uFFFD 模型"));
    QCOMPARE(doc->items.size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("not UTF-8")).size(), 1);
}

void TestFeedRecovery::missingIdGetsAStableHash()
{
    const QByteArray bytes = "<rss version=\"2.0\"><channel><title>t</title><item><title>No id</title>"
                             "<description>text</description></item></channel></rss>";
    const auto first = parseFeed(bytes, {}, {}, fetchTime());
    const auto again = parseFeed(bytes, {}, {}, fetchTime().addDays(1));
    QVERIFY(first.ok() && again.ok());
    QVERIFY(first->items[0].article.guid.startsWith(QStringLiteral("sha1:")));
    QCOMPARE(first->items[0].article.guid, again->items[0].article.guid); // not from the fetch time
}

void TestFeedRecovery::everyCutKeepsWholeItemsOnly_data()
{
    QTest::addColumn<QString>("fixture");
    for (const char* name : {"rss20-content.xml", "rss10-rdf.xml", "atom-xmlbase.xml", "gbk-gb2312.xml"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

// A download cut at any byte: the parser fails with a reason or keeps exactly the items completed before the cut,
// identical to the whole document's.
void TestFeedRecovery::everyCutKeepsWholeItemsOnly()
{
    QFETCH(QString, fixture);
    const QByteArray bytes = feedFixture(fixture.toLatin1().constData());
    const auto whole = parseFeed(bytes, QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime());
    QVERIFY(whole.ok());
    int keptSome = 0;
    for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
        const auto part = parseFeed(bytes.left(cut), QUrl(QStringLiteral("https://example.org/feed")), {}, fetchTime());
        if (!part.ok()) {
            QVERIFY2(part.error().startsWith(QStringLiteral("XML error at line")) ||
                         part.error().startsWith(QStringLiteral("not a feed")),
                     qPrintable(part.error()));
            continue;
        }
        QVERIFY(part->items.size() <= whole->items.size());
        for (qsizetype i = 0; i < part->items.size(); ++i) {
            QCOMPARE(part->items[i].article.guid, whole->items[i].article.guid);
            QCOMPARE(part->items[i].article.title, whole->items[i].article.title);
            QCOMPARE(part->items[i].article.content, whole->items[i].article.content);
        }
        keptSome += part->items.isEmpty() ? 0 : 1;
    }
    QVERIFY(keptSome > 0);
}

QTEST_GUILESS_MAIN(TestFeedRecovery)
#include "tst_feedrecovery.moc"

void TestFeedRecovery::cdataWithBrackets()
{
    // A CDATA section ends at the first "]]>", however many brackets come before it.
    const QByteArray bytes = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                             "<item><title>a</title><description><![CDATA[<p>x[i] = y[[j]]]]]></description></item>"
                             "<item><title>b</title><description><![CDATA[]]></description></item>"
                             "<item><title>c</title><description><![CDATA[]]]]></description></item>"
                             "</channel></rss>";
    const auto doc = parseFeed(bytes);
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->items.size(), 3);
    QCOMPARE(doc->items.at(0).article.content, QStringLiteral("<p>x[i] = y[[j]]]"));
    QCOMPARE(doc->items.at(1).article.content, QString());
    QCOMPARE(doc->items.at(2).article.content, QStringLiteral("]]"));
}

void TestFeedRecovery::badByteAfterLongAsciiRun()
{
    // Bytes are checked eight at a time while they are ASCII: a bad byte anywhere in or after such a run, and
    // characters of two to four bytes between runs, are still told apart.
    for (int run : {0, 1, 7, 8, 9, 15, 16, 17, 63}) {
        const QByteArray ascii(run, 'a');
        const QByteArray good = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>" +
                                ascii + "\xC3\xA9" + ascii + "\xE7\xBC\x96" + ascii + "\xF0\x9F\x98\x80" + ascii +
                                "</title></channel></rss>";
        const auto clean = parseFeed(good);
        QVERIFY(clean.ok());
        QCOMPARE(clean->title, QString::fromLatin1(ascii) + QStringLiteral("\u00E9") + QString::fromLatin1(ascii) +
                                   QStringLiteral("\u7F16") + QString::fromLatin1(ascii) +
                                   QStringLiteral("\U0001F600") + QString::fromLatin1(ascii));
        QVERIFY(clean->warnings.isEmpty());
        // One bad byte among many good characters: read as UTF-8, the bad byte replaced.
        QByteArray bad = good;
        QByteArray tail = ascii;
        tail.append("\xE7\xBC!").append(ascii).append(QByteArray("\xC3\xA9").repeated(12)).append("</title>");
        bad.replace("</title>", tail);
        const auto replaced = parseFeed(bad);
        QVERIFY(replaced.ok());
        QVERIFY2(replaced->title.contains(QChar(0xFFFD)), qPrintable(replaced->title));
        QVERIFY(!replaced->warnings.isEmpty());
    }
}
