#include "feedfixtures.h"

#include "parse/feedparser.h"
#include "parse/jsonrepair.h"

#include <QJsonDocument>
#include <QTest>

using namespace folio;

namespace {

const QUrl kFeedUrl(QStringLiteral("https://example.org/feed.json"));

// Five items with markup, CJK, escapes and nested arrays, written as a careful JSON Feed writer would.
QByteArray fiveItems()
{
    QByteArray json =
        R"({"version": "https://jsonfeed.org/version/1.1", "title": "科学空间", "home_page_url": "https://example.org/", "items": [)";
    for (int i = 0; i < 5; ++i) {
        if (i > 0)
            json += ",\n";
        json += QStringLiteral(R"({"id": "post-%1", "url": "https://example.org/%1", "title": "位置编码 \"%1\"", )"
                               R"("content_html": "<p>RoPE \\(q_m\\) 第%1篇</p>\n<pre>a &lt; b</pre>", )"
                               R"("date_published": "2026-03-%2T10:00:00Z", "tags": ["NLP", "编码"], )"
                               R"("authors": [{"name": "苏剑林"}]})")
                    .arg(i)
                    .arg(10 + i)
                    .toUtf8();
    }
    json += "]}\n";
    return json;
}

} // namespace

// JSON Feeds as hand-made generators and cut downloads leave them: read what can be read, refuse only what yields
// nothing, never keep half an item.
class TestJsonRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyCutKeepsWholeItemsOnly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("five items") << fiveItems();
        QTest::newRow("jsonfeed-1.0.json") << feedFixture("jsonfeed-1.0.json");
        QTest::newRow("jsonfeed-1.1.json") << feedFixture("jsonfeed-1.1.json");
    }

    // A download cut at any byte: a clear refusal, or exactly the items completed before the cut, identical to the
    // whole document's, with a warning that says so.
    void everyCutKeepsWholeItemsOnly()
    {
        QFETCH(QByteArray, bytes);
        const auto whole = parseFeed(bytes, kFeedUrl, {}, fetchTime());
        QVERIFY(whole.ok());
        int keptSome = 0;
        for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
            const QByteArray part = bytes.left(cut);
            const auto read = parseFeed(part, kFeedUrl, {}, fetchTime());
            if (!read.ok()) {
                QVERIFY2(read.error().startsWith(QStringLiteral("not a feed")), qPrintable(read.error()));
                continue;
            }
            if (QJsonDocument::fromJson(part).isNull()) // only whitespace was cut when it still parses
                QVERIFY2(read->warnings.join(QLatin1Char('\n')).contains(QStringLiteral("the document ends early")),
                         qPrintable(read->warnings.join(QLatin1Char('\n'))));
            QVERIFY(read->items.size() <= whole->items.size());
            for (qsizetype i = 0; i < read->items.size(); ++i) {
                const Article& got = read->items[i].article;
                const Article& want = whole->items[i].article;
                QCOMPARE(got.guid, want.guid);
                QCOMPARE(got.title, want.title);
                QCOMPARE(got.content, want.content);
                QCOMPARE(got.url, want.url);
                QCOMPARE(got.tags, want.tags);
                QCOMPARE(got.published, want.published);
            }
            keptSome += read->items.isEmpty() ? 0 : 1;
        }
        QVERIFY(keptSome > 0);
    }

    void handMadeMistakesAreMended()
    {
        // A raw line break and tab inside a string, \' , a trailing comma, single quotes, a bare member name, NaN,
        // a comment, a doubled comma and text after the end.
        const QByteArray json = "{\"version\": \"https://jsonfeed.org/version/1\", // generated\n"
                                "title: 'Spaces \\'n\\' RoPE', \"items\": [\n"
                                "{\"id\": \"a\", \"title\": \"It\\'s\", \"content_html\": \"<p>one\nline\ttwo</p>\", "
                                "\"score\": NaN,},,\n"
                                "{\"id\": \"b\", \"title\": \"second\", \"content_html\": \"<p>b</p>\"},\n"
                                "]}\n<!-- served by a CMS -->";
        const auto doc = parseFeed(json, kFeedUrl, {}, fetchTime());
        QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
        QCOMPARE(doc->title, QStringLiteral("Spaces 'n' RoPE"));
        QCOMPARE(doc->items.size(), 2);
        QCOMPARE(doc->items[0].article.guid, QStringLiteral("a"));
        QCOMPARE(doc->items[0].article.title, QStringLiteral("It's"));
        QCOMPARE(doc->items[0].article.content, QStringLiteral("<p>one\nline\ttwo</p>"));
        QCOMPARE(doc->items[1].article.guid, QStringLiteral("b"));
        const QString warnings = doc->warnings.join(QLatin1Char('\n'));
        for (const char* kind :
             {"control characters written raw inside strings", "escapes JSON does not have", "extra commas",
              "single-quoted strings", "member names without quotes", "values JSON does not have read as null",
              "comments ignored", "text after the JSON value ignored"})
            QVERIFY2(warnings.contains(QLatin1String(kind)), kind);
        QVERIFY(!warnings.contains(QStringLiteral("ends early")));
    }

    void cutInTheFirstItemKeepsTheFeedAndNoItem()
    {
        const QByteArray json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Blog\", "
                                "\"items\": [{\"id\": \"1\", \"title\": \"half an artic";
        const auto doc = parseFeed(json, kFeedUrl, {}, fetchTime());
        QVERIFY(doc.ok());
        QCOMPARE(doc->title, QStringLiteral("Blog"));
        QVERIFY(doc->items.isEmpty());
        QVERIFY(doc->warnings.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("the document ends early: kept the 0 items")));
    }

    void nothingReadableIsRefusedWithTheJsonError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("a word") << QByteArray("{garbage");
        QTest::newRow("numbers") << QByteArray("[1, 2");
        QTest::newRow("cut in the first item, no title") << QByteArray(
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"title\": \"ha");
        QTest::newRow("a hundred thousand brackets") << "{\"items\":" + QByteArray(100'000, '[');
    }
    void nothingReadableIsRefusedWithTheJsonError()
    {
        QFETCH(QByteArray, bytes);
        const auto doc = parseFeed(bytes, kFeedUrl, {}, fetchTime());
        QVERIFY(!doc.ok());
        QVERIFY2(doc.error().startsWith(QStringLiteral("not a feed: JSON error at offset")), qPrintable(doc.error()));
    }

    void repairedTextIsStrictJson()
    {
        const RepairedJson repaired = repairJson(u"{a: [1, 'x\ty', NaN,], \"b\": {\"c\": tru");
        QVERIFY(repaired.truncated);
        QCOMPARE(repaired.text, QStringLiteral(R"({"a":[1,"x\ty",null],"b":{}})"));
        QJsonParseError error;
        QJsonDocument::fromJson(repaired.text.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
};

QTEST_GUILESS_MAIN(TestJsonRecovery)
#include "tst_jsonrecovery.moc"
