#include "feedfixtures.h"

#include "parse/feedparser.h"

#include <QTest>

using namespace folio;

// OPML subscription lists, feed discovery in web pages, and telling feeds from pages.
class TestOpmlAndDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nestedOutlinesFlattened();
    void roundTrip();
    void notOpml();
    void unnamedFoldersAddNoLevel();
    void discoversAlternateLinks();
    void commonLocations();
    void looksLikeFeedTellsFeedsFromPages();
};

void TestOpmlAndDiscovery::nestedOutlinesFlattened()
{
    const auto outlines = parseOpml(feedFixture("opml-nested.opml"));
    QVERIFY2(outlines.ok(), qPrintable(outlines.ok() ? QString() : outlines.error()));
    QCOMPARE(outlines->size(), 4);
    const OpmlOutline& top = outlines->at(0);
    QCOMPARE(top.title, QStringLiteral("Top-level feed"));
    QCOMPARE(top.feedUrl, QUrl(QStringLiteral("https://top.example.com/feed.xml")));
    QCOMPARE(top.siteUrl, QUrl(QStringLiteral("https://top.example.com/")));
    QVERIFY(top.folders.isEmpty());
    const OpmlOutline& kexue = outlines->at(1);
    QCOMPARE(kexue.title, QStringLiteral("科学空间")); // title wins over text
    QCOMPARE(kexue.folders, QStringList{QStringLiteral("NLP")});
    const OpmlOutline& lil = outlines->at(2);
    QCOMPARE(lil.title, QStringLiteral("Lil'Log"));
    QCOMPARE(lil.feedUrl, QUrl(QStringLiteral("https://lil.example.com/index.xml"))); // xmlurl, any case
    QCOMPARE(lil.siteUrl, QUrl(QStringLiteral("https://lil.example.com/")));
    QCOMPARE(lil.folders, (QStringList{QStringLiteral("NLP"), QStringLiteral("Research")}));
    const OpmlOutline& cv = outlines->at(3);
    QCOMPARE(cv.title, QStringLiteral("CV <daily>"));
    QCOMPARE(cv.feedUrl, QUrl(QStringLiteral("https://cv.example.com/rss?x=1&y=2")));
    QCOMPARE(cv.folders, QStringList{QStringLiteral("Vision")});
}

void TestOpmlAndDiscovery::roundTrip()
{
    QList<OpmlOutline> outlines;
    auto add = [&](const QString& title, const char* feed, const char* site, const QStringList& folders) {
        outlines << OpmlOutline{title, QUrl(QString::fromLatin1(feed)), QUrl(QString::fromLatin1(site)), folders};
    };
    add(QStringLiteral("A & B \"quoted\" <tag>"), "https://a.example.com/feed?x=1&y=2", "https://a.example.com/", {});
    add(QStringLiteral("苏剑林's blog"), "https://kexue.example.cn/feed/", "", {QStringLiteral("NLP & ML")});
    add(QStringLiteral("Deep"), "https://deep.example.com/atom.xml", "",
        {QStringLiteral("NLP & ML"), QStringLiteral("<Research>")});
    add(QStringLiteral("Back up"), "https://up.example.com/rss", "", {QStringLiteral("NLP & ML")});
    add(QStringLiteral("Other"), "https://other.example.com/rss", "", {QStringLiteral("Vision")});

    const QByteArray xml = writeOpml(outlines, QStringLiteral("Folio & friends"));
    QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    QVERIFY(xml.contains("<opml version=\"2.0\">"));
    QVERIFY(xml.contains("<title>Folio &amp; friends</title>"));
    QVERIFY(xml.contains("&lt;tag&gt;") && xml.contains("&quot;quoted&quot;"));

    const auto back = parseOpml(xml);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error()));
    QCOMPARE(back->size(), outlines.size());
    for (qsizetype i = 0; i < outlines.size(); ++i) {
        QCOMPARE(back->at(i).title, outlines[i].title);
        QCOMPARE(back->at(i).feedUrl, outlines[i].feedUrl);
        QCOMPARE(back->at(i).siteUrl, outlines[i].siteUrl);
        QCOMPARE(back->at(i).folders, outlines[i].folders);
    }
}

void TestOpmlAndDiscovery::notOpml()
{
    const auto rss = parseOpml(feedFixture("rss20-content.xml"));
    QVERIFY(!rss.ok());
    QCOMPARE(rss.error(), QStringLiteral("not an OPML file: the document is <rss>"));
    QVERIFY(!parseOpml(QByteArray()).ok());
}

void TestOpmlAndDiscovery::unnamedFoldersAddNoLevel()
{
    const auto outlines =
        parseOpml("<opml version=\"2.0\"><body><outline><outline TEXT=\"f\" XMLURL=\"https://f.example/rss\""
                  " type=\"rss\"/></outline></body></opml>");
    QVERIFY(outlines.ok());
    QCOMPARE(outlines->size(), 1);
    QCOMPARE(outlines->at(0).title, QStringLiteral("f"));
    QVERIFY(outlines->at(0).folders.isEmpty());
}

void TestOpmlAndDiscovery::discoversAlternateLinks()
{
    const QList<QUrl> links = discoverFeedLinks(feedFixture("html-page.html"),
                                                QUrl(QStringLiteral("https://www.example.com/blog/post.html")));
    // Relative hrefs resolve against <base href>, not the page; commented-out and scripted links are not links;
    // hreflang alternates without a feed type are pages; duplicates once; the link in <body> comes after <head>'s
    // and is not read once <head> announced feeds.
    QCOMPARE(links, (QList<QUrl>{QUrl(QStringLiteral("https://cdn.example.com/blog/feed.xml")),
                                 QUrl(QStringLiteral("https://cdn.example.com/atom.xml?lang=en&full=1")),
                                 QUrl(QStringLiteral("https://json.example.com/feed.json"))}));

    const QByteArray noBase = "<html><head><link rel='alternate' type='application/atom+xml' href='../atom.xml'>"
                              "</head><body></body></html>";
    QCOMPARE(discoverFeedLinks(noBase, QUrl(QStringLiteral("https://site.example.com/a/b/page"))),
             QList<QUrl>{QUrl(QStringLiteral("https://site.example.com/a/atom.xml"))});
    QVERIFY(
        discoverFeedLinks("<html><head><title>none</title></head></html>", QUrl(QStringLiteral("https://x.example/")))
            .isEmpty());
}

void TestOpmlAndDiscovery::commonLocations()
{
    const QList<QUrl> urls =
        commonFeedLocations(QUrl(QStringLiteral("https://user.example.io/blog/2026/post.html?x=1")));
    QVERIFY(urls.contains(QUrl(QStringLiteral("https://user.example.io/blog/2026/index.xml"))));
    QVERIFY(urls.contains(QUrl(QStringLiteral("https://user.example.io/feed"))));
    QVERIFY(urls.contains(QUrl(QStringLiteral("https://user.example.io/atom.xml"))));
    QVERIFY(urls.contains(QUrl(QStringLiteral("https://user.example.io/feed.json"))));
    QVERIFY(urls.indexOf(QUrl(QStringLiteral("https://user.example.io/blog/2026/feed"))) <
            urls.indexOf(QUrl(QStringLiteral("https://user.example.io/feed"))));
    QCOMPARE(urls.size(), QSet<QUrl>(urls.begin(), urls.end()).size());
    QVERIFY(commonFeedLocations(QUrl()).isEmpty());
}

void TestOpmlAndDiscovery::looksLikeFeedTellsFeedsFromPages()
{
    QVERIFY(looksLikeFeed(feedFixture("rss20-content.xml")));
    QVERIFY(looksLikeFeed(feedFixture("rss10-rdf.xml")));
    QVERIFY(looksLikeFeed(feedFixture("rss091.xml")));
    QVERIFY(looksLikeFeed(feedFixture("atom-xmlbase.xml")));
    QVERIFY(looksLikeFeed(feedFixture("jsonfeed-1.1.json")));
    QVERIFY(looksLikeFeed(feedFixture("bom.xml")));
    QVERIFY(looksLikeFeed(feedFixture("gbk-gb2312.xml")));
    QVERIFY(!looksLikeFeed(feedFixture("html-page.html")));
    QVERIFY(!looksLikeFeed(feedFixture("opml-nested.opml")));
    QVERIFY(!looksLikeFeed(feedFixture("garbage.bin")));
    QVERIFY(!looksLikeFeed("{\"name\": \"package.json\"}"));
}

QTEST_GUILESS_MAIN(TestOpmlAndDiscovery)
#include "tst_opml.moc"
