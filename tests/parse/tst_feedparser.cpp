#include "feedfixtures.h"

#include "parse/feedparser.h"

#include <QTest>

using namespace folio;

// RSS 0.91/1.0/2.0, Atom and JSON Feed fixtures read field by field.
class TestFeedParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rss20ChannelAndItems();
    void rss20TitlesAreTextAndLinksAbsolute();
    void rdfWithDublinCore();
    void rss091WithHtmlEntities();
    void atomXmlBaseAndContentTypes();
    void atomMarkdownContent();
    void jsonFeed10();
    void jsonFeed11MarkdownContentText();
    void unusualNamespacePrefixes();
    void contentFormatRule();
    void summaryIsShortPlainText();
    void idsAreUniqueWithinAFeed();
    void untitledItemsGetTheStartOfTheirText();
    void feedReadFromAFileResolvesAgainstItsSite();
    void elementNamesInAnyCase();
};

void TestFeedParser::rss20ChannelAndItems()
{
    const auto doc = parseFeed(feedFixture("rss20-content.xml"),
                               QUrl(QStringLiteral("https://notes.example.org/feed.xml")), {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->format, FeedFormat::Rss);
    QCOMPARE(doc->title, QStringLiteral("Attention Notes"));
    QCOMPARE(doc->description, QStringLiteral("Posts about transformers"));
    QCOMPARE(doc->siteUrl, QUrl(QStringLiteral("https://notes.example.org/")));
    QCOMPARE(doc->selfUrl, QUrl(QStringLiteral("https://notes.example.org/feed.xml")));
    QCOMPARE(doc->iconUrl, QUrl(QStringLiteral("https://notes.example.org/images/logo.png")));
    QCOMPARE(doc->ttlMinutes, 90);
    QCOMPARE(doc->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(doc->items.size(), 3);

    const Article& first = doc->items[0].article;
    QCOMPARE(first.guid, QStringLiteral("post-attention-1"));
    QCOMPARE(first.url, QStringLiteral("https://notes.example.org/posts/attention/"));
    QCOMPARE(first.author, QStringLiteral("Alice Zhang"));
    QCOMPARE(first.published, utc(2026, 3, 14, 1, 30));
    QVERIFY(!first.dateEstimated);
    QCOMPARE(first.tags, (QStringList{QStringLiteral("NLP"), QStringLiteral("Transformers")}));
    QCOMPARE(first.contentFormat, ContentFormat::Html);
    QVERIFY(first.content.startsWith(QStringLiteral("<p>Attention is <strong>softmax</strong>")));
    QVERIFY(first.content.contains(QStringLiteral("&radic;d"))); // CDATA is HTML, kept as written
    // Relative URLs inside the content resolve against the article's page, so they work offline later.
    QVERIFY(first.content.contains(QStringLiteral("<a href=\"https://notes.example.org/posts/softmax/\">")));
    QCOMPARE(first.summary, QStringLiteral("A short look at scaled dot-product attention."));
    QCOMPARE(doc->items[0].enclosures,
             (QList<QUrl>{QUrl(QStringLiteral("https://notes.example.org/audio/attention.mp3")),
                          QUrl(QStringLiteral("https://notes.example.org/img/attention.png"))}));

    const Article& second = doc->items[1].article;
    QCOMPARE(second.author, QStringLiteral("Bob"));
    QCOMPARE(second.published, utc(2026, 3, 13, 18, 0));
    // Only a description: it is the content too.
    QCOMPARE(second.content, QStringLiteral("Only a <i>description</i>, no full content."));
    QCOMPARE(second.summary, QStringLiteral("Only a description, no full content."));

    const Article& third = doc->items[2].article;
    QCOMPARE(third.guid, QStringLiteral("https://notes.example.org/posts/guid-only/"));
    QCOMPARE(third.url, QStringLiteral("https://notes.example.org/posts/guid-only/"));
    QCOMPARE(third.published, utc(2026, 3, 12, 13, 0)); // EST is -0500
    QVERIFY(doc->warnings.isEmpty());
}

void TestFeedParser::rss20TitlesAreTextAndLinksAbsolute()
{
    const auto doc =
        parseFeed(feedFixture("rss20-content.xml"), QUrl(QStringLiteral("https://notes.example.org/feed.xml")));
    QVERIFY(doc.ok());
    // "&lt;em&gt;" is markup in the title: its text is kept, "&amp;amp;" is a literal "&amp;" in HTML → "&".
    QCOMPARE(doc->items[0].article.title, QStringLiteral("Attention is all you need & more"));
    // Missing guid: the (resolved) link is the id.
    QCOMPARE(doc->items[1].article.url, QStringLiteral("https://notes.example.org/posts/no-guid/"));
    QCOMPARE(doc->items[1].article.guid, QStringLiteral("https://notes.example.org/posts/no-guid/"));
}

void TestFeedParser::rdfWithDublinCore()
{
    const auto doc = parseFeed(feedFixture("rss10-rdf.xml"), QUrl(QStringLiteral("https://rdf.example.net/index.rdf")),
                               {}, fetchTime());
    QVERIFY(doc.ok());
    QCOMPARE(doc->format, FeedFormat::Rdf);
    QCOMPARE(doc->title, QStringLiteral("RDF Weekly"));
    QCOMPARE(doc->iconUrl, QUrl(QStringLiteral("https://rdf.example.net/logo.gif")));
    QCOMPARE(doc->ttlMinutes, 30); // hourly, twice
    QCOMPARE(doc->items.size(), 2);
    const Article& one = doc->items[0].article;
    QCOMPARE(one.guid, QStringLiteral("https://rdf.example.net/one"));
    QCOMPARE(one.published, utc(2025, 12, 1, 9, 0));
    QCOMPARE(one.tags, (QStringList{QStringLiteral("embeddings"), QStringLiteral("NLP")}));
    QCOMPARE(one.author, QStringLiteral("Carol"));
    QCOMPARE(doc->items[1].article.published, utc(2025, 11, 20));
}

void TestFeedParser::rss091WithHtmlEntities()
{
    const auto doc = parseFeed(feedFixture("rss091.xml"), {}, {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("Old School"));
    QCOMPARE(doc->items.size(), 2);
    QCOMPARE(doc->items[0].article.title, QStringLiteral("First post")); // &nbsp; then collapsed
    QCOMPARE(doc->items[0].article.summary, QStringLiteral("Hello world \u2014 it works."));
    // No dates at all: the fetch time stands in, marked as estimated, with a warning.
    QCOMPARE(doc->items[1].article.published, fetchTime());
    QVERIFY(doc->items[1].article.dateEstimated);
    QVERIFY(doc->warnings.filter(QStringLiteral("no usable date")).size() == 1);
    QVERIFY(doc->warnings.filter(QStringLiteral("HTML character references")).size() == 1);
}

void TestFeedParser::atomXmlBaseAndContentTypes()
{
    const auto doc = parseFeed(feedFixture("atom-xmlbase.xml"), QUrl(QStringLiteral("https://feeds.example.com/deep")),
                               {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->format, FeedFormat::Atom);
    QCOMPARE(doc->title, QStringLiteral("Deep Dives"));
    QCOMPARE(doc->description, QStringLiteral("Posts about deep learning"));
    QCOMPARE(doc->siteUrl, QUrl(QStringLiteral("https://blog.example.com/")));
    QCOMPARE(doc->selfUrl, QUrl(QStringLiteral("https://blog.example.com/atom.xml")));
    QCOMPARE(doc->iconUrl, QUrl(QStringLiteral("https://blog.example.com/favicon.ico")));
    QCOMPARE(doc->items.size(), 4);

    const FeedItem& norm = doc->items[0];
    QCOMPARE(norm.article.title, QStringLiteral("Layer norm <eps>"));
    // Nested xml:base: feed → entry "posts/2026/" → link "layer-norm/".
    QCOMPARE(norm.article.url, QStringLiteral("https://blog.example.com/posts/2026/layer-norm/"));
    QCOMPARE(norm.enclosures, QList<QUrl>{QUrl(QStringLiteral("https://blog.example.com/posts/2026/layer-norm.pdf"))});
    QCOMPARE(norm.article.guid, QStringLiteral("tag:blog.example.com,2026:layer-norm"));
    QCOMPARE(norm.article.published, utc(2026, 3, 10, 0, 0));
    QCOMPARE(norm.article.updated, utc(2026, 3, 12, 8, 0));
    QCOMPARE(norm.article.author, QStringLiteral("Dana")); // inherited from the feed
    QCOMPARE(norm.article.tags, (QStringList{QStringLiteral("normalization"), QStringLiteral("Training Tricks")}));
    // xhtml content is the inner markup of the div.
    QCOMPARE(
        norm.article.content,
        QStringLiteral("<p>Normalize over <em>features</em>.</p><p><img "
                       "src=\"https://blog.example.com/posts/2026/layer-norm/fig1.png\" alt=\"fig\"><br>Done.</p>"));
    QCOMPARE(norm.article.contentFormat, ContentFormat::Html);
    QCOMPARE(norm.article.summary, QStringLiteral("Why layer norm & not batch norm."));

    const Article& plain = doc->items[1].article;
    QCOMPARE(plain.url, QStringLiteral("https://other.example.org/plain"));
    QCOMPARE(plain.published, utc(2026, 3, 1)); // only <updated>
    // type="text" becomes escaped HTML with paragraphs and line breaks.
    QCOMPARE(plain.content, QStringLiteral("<p>Line one &lt;not a tag&gt;<br>\nline two</p>\n<p>Second paragraph</p>"));
    QCOMPARE(plain.summary, QStringLiteral("Line one <not a tag> line two Second paragraph"));

    const Article& html = doc->items[2].article;
    QCOMPARE(html.title, QStringLiteral("XHTML title"));
    QCOMPARE(html.url, QStringLiteral("https://blog.example.com/html-entry"));
    QCOMPARE(html.author, QStringLiteral("Eve"));
    QCOMPARE(html.content, QStringLiteral("<p>Escaped <b>HTML</b></p>"));
}

void TestFeedParser::atomMarkdownContent()
{
    const auto doc =
        parseFeed(feedFixture("atom-xmlbase.xml"), QUrl(QStringLiteral("https://blog.example.com/atom.xml")));
    QVERIFY(doc.ok());
    const Article& md = doc->items[3].article;
    QCOMPARE(md.contentFormat, ContentFormat::Markdown);
    QCOMPARE(md.content, QStringLiteral("# Heading\n\nSome *Markdown* with $x_1$."));
    QCOMPARE(md.guid, QStringLiteral("tag:blog.example.com,2026:md"));
}

void TestFeedParser::jsonFeed10()
{
    const auto doc = parseFeed(feedFixture("jsonfeed-1.0.json"),
                               QUrl(QStringLiteral("https://json.example.com/feed.json")), {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->format, FeedFormat::JsonFeed);
    QCOMPARE(doc->title, QStringLiteral("JSON Notes"));
    QCOMPARE(doc->siteUrl, QUrl(QStringLiteral("https://json.example.com/")));
    QCOMPARE(doc->selfUrl, QUrl(QStringLiteral("https://json.example.com/feed.json")));
    QCOMPARE(doc->iconUrl, QUrl(QStringLiteral("https://json.example.com/icon.png")));
    QCOMPARE(doc->items.size(), 2);
    const FeedItem& bert = doc->items[0];
    QCOMPARE(bert.article.guid, QStringLiteral("42")); // a number in 1.0 feeds
    QCOMPARE(bert.article.url, QStringLiteral("https://json.example.com/posts/42"));
    QCOMPARE(bert.article.title, QStringLiteral("BERT & friends"));
    QCOMPARE(bert.article.author, QStringLiteral("Frank"));
    QCOMPARE(bert.article.published, utc(2026, 3, 1, 14, 0));
    QCOMPARE(bert.article.updated, utc(2026, 3, 2, 9, 0));
    QCOMPARE(bert.article.contentFormat, ContentFormat::Html); // content_html wins over content_text
    QCOMPARE(bert.article.content, QStringLiteral("<p>Masked <b>language</b> models.</p>"));
    QCOMPARE(bert.article.summary, QStringLiteral("About <BERT>")); // JSON summary is plain text
    QCOMPARE(bert.article.tags, (QStringList{QStringLiteral("BERT"), QStringLiteral("nlp")}));
    QCOMPARE(bert.enclosures, (QList<QUrl>{QUrl(QStringLiteral("https://json.example.com/img/bert.png")),
                                           QUrl(QStringLiteral("https://json.example.com/bert.pdf"))}));
    QVERIFY(doc->items[1].article.dateEstimated);
    QCOMPARE(doc->items[1].article.published, fetchTime());
}

void TestFeedParser::jsonFeed11MarkdownContentText()
{
    const auto doc = parseFeed(feedFixture("jsonfeed-1.1.json"));
    QVERIFY(doc.ok());
    QCOMPARE(doc->iconUrl, QUrl(QStringLiteral("https://micro.example.com/favicon.ico")));
    QCOMPARE(doc->items.size(), 1);
    const FeedItem& rope = doc->items[0];
    QCOMPARE(rope.article.author, QStringLiteral("Ivan")); // the item's authors, not the feed's
    QCOMPARE(rope.article.contentFormat, ContentFormat::Markdown);
    QCOMPARE(rope.article.content,
             QStringLiteral("Rotary embeddings rotate *pairs* of dimensions:\n\n$$\\theta_i = 10000^{-2i/d}$$"));
    QCOMPARE(rope.enclosures, QList<QUrl>{QUrl(QStringLiteral("https://micro.example.com/banner.png"))});
}

void TestFeedParser::unusualNamespacePrefixes()
{
    const auto doc = parseFeed(feedFixture("rss-prefixes.xml"));
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->items.size(), 1);
    const FeedItem& item = doc->items[0];
    QCOMPARE(item.article.content, QStringLiteral("<p>Full <b>body</b></p>")); // c:encoded is content:encoded
    QCOMPARE(item.article.published, utc(2026, 3, 3, 3, 3, 3));                // d:date is dc:date
    QCOMPARE(item.article.tags, QStringList{QStringLiteral("Tokenizers")});
    // media: was never declared; it is read all the same, with a warning.
    QCOMPARE(item.enclosures, QList<QUrl>{QUrl(QStringLiteral("https://odd.example.com/v.mp4"))});
    QCOMPARE(doc->warnings.filter(QStringLiteral("namespace prefixes")).size(), 1);
}

// The rule, as feeditem.h states it: Markdown when the feed marks it so, HTML otherwise.
void TestFeedParser::contentFormatRule()
{
    auto formatOf = [](const char* json) {
        const auto doc = parseFeed(QByteArray(json));
        return doc.ok() && !doc->items.isEmpty() ? doc->items[0].article.contentFormat : ContentFormat::Html;
    };
    const char* textOnly =
        R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"*hi*"}]})";
    const char* both =
        R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"*hi*","content_html":"<p>hi</p>"}]})";
    QCOMPARE(formatOf(textOnly), ContentFormat::Markdown);
    QCOMPARE(formatOf(both), ContentFormat::Html);

    const QByteArray sourceMarkdown =
        "<rss version=\"2.0\" xmlns:source=\"http://source.scripting.com/\"><channel><title>t</title><item>"
        "<guid>1</guid><description>&lt;p&gt;hi&lt;/p&gt;</description><source:markdown>*hi*</source:markdown>"
        "</item></channel></rss>";
    const auto rss = parseFeed(sourceMarkdown);
    QVERIFY(rss.ok());
    QCOMPARE(rss->items[0].article.contentFormat, ContentFormat::Markdown);
    QCOMPARE(rss->items[0].article.content, QStringLiteral("*hi*"));
    QCOMPARE(rss->items[0].article.summary, QStringLiteral("hi"));

    const QByteArray typedRss = "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>"
                                "<description type=\"text/markdown\">**bold**</description></item></channel></rss>";
    const auto typed = parseFeed(typedRss);
    QVERIFY(typed.ok());
    QCOMPARE(typed->items[0].article.contentFormat, ContentFormat::Markdown);
}

void TestFeedParser::summaryIsShortPlainText()
{
    const QString words = QStringLiteral("attention ").repeated(100);
    const QByteArray bytes = "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid><description>"
                             "&lt;p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt; &amp;amp;   " +
                             words.toUtf8() + "&lt;/p&gt;</description></item></channel></rss>";
    const auto doc = parseFeed(bytes);
    QVERIFY(doc.ok());
    const QString summary = doc->items[0].article.summary;
    QVERIFY(summary.startsWith(QStringLiteral("Bold & attention attention")));
    QVERIFY(summary.size() <= 300);
    QVERIFY(summary.endsWith(QStringLiteral("attention\u2026"))); // cut at a word boundary
    QVERIFY(!summary.contains(QLatin1Char('<')) && !summary.contains(QStringLiteral("alert")));
    // The description is the content too, as HTML.
    QVERIFY(doc->items[0].article.content.startsWith(QStringLiteral("<p><script>")));
}

void TestFeedParser::idsAreUniqueWithinAFeed()
{
    const QByteArray bytes = "<rss version=\"2.0\"><channel><title>t</title>"
                             "<item><guid>same</guid><link>https://x.example/1</link><title>One</title></item>"
                             "<item><guid>same</guid><link>https://x.example/2</link><title>Two</title></item>"
                             "<item><guid>same</guid><link>https://x.example/1</link><title>One again</title></item>"
                             "</channel></rss>";
    const auto doc = parseFeed(bytes);
    QVERIFY(doc.ok());
    QCOMPARE(doc->items.size(), 2);
    QCOMPARE(doc->items[0].article.guid, QStringLiteral("same"));
    QCOMPARE(doc->items[1].article.guid, QStringLiteral("https://x.example/2"));
    QCOMPARE(doc->warnings.filter(QStringLiteral("share an id")).size(), 1);
    QCOMPARE(doc->warnings.filter(QStringLiteral("repeat an earlier item")).size(), 1);
}

void TestFeedParser::untitledItemsGetTheStartOfTheirText()
{
    const auto doc = parseFeed(R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1",
        "content_html":"<p>Just shipped a <b>tokenizer</b> for Chinese and Japanese text, with tests.</p>"}]})");
    QVERIFY(doc.ok());
    QCOMPARE(doc->items[0].article.title,
             QStringLiteral("Just shipped a tokenizer for Chinese and Japanese text, with tests."));
}

// A saved feed has a file: address; its relative links and images belong to the site it names, not the disk.
void TestFeedParser::feedReadFromAFileResolvesAgainstItsSite()
{
    const QByteArray xml =
        "<rss version=\"2.0\"><channel><title>Saved</title><link>https://blog.example/</link>"
        "<item><title>Permalink guid</title><guid>/posts/rope</guid>"
        "<description>&lt;p&gt;&lt;img src=\"/img/rope.png\"&gt; &lt;a href=\"more\"&gt;more&lt;/a&gt;"
        "&lt;/p&gt;</description></item></channel></rss>";
    const auto doc = parseFeed(xml, QUrl::fromLocalFile(QStringLiteral("/home/reader/feed.xml")), {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->items.size(), 1);
    const Article& a = doc->items[0].article;
    QCOMPARE(a.url, QStringLiteral("https://blog.example/posts/rope"));
    QVERIFY2(a.content.contains(QStringLiteral("src=\"https://blog.example/img/rope.png\"")), qPrintable(a.content));
    QVERIFY2(a.content.contains(QStringLiteral("href=\"https://blog.example/posts/more\"")), qPrintable(a.content));
}

// Old generators write <TITLE> and <PUBDATE>; names are matched whatever their case.
void TestFeedParser::elementNamesInAnyCase()
{
    const QByteArray xml = "<RSS version=\"2.0\"><CHANNEL><TITLE>Upper</TITLE><LINK>https://u.example/</LINK>"
                           "<ITEM><TITLE>First</TITLE><LINK>/a</LINK><PUBDATE>Sat, 14 Mar 2026 09:30:00 GMT</PUBDATE>"
                           "<GUID isPermaLink=\"false\">x1</GUID><CATEGORY>NLP</CATEGORY>"
                           "<DESCRIPTION>&lt;p&gt;Body&lt;/p&gt;</DESCRIPTION></ITEM></CHANNEL></RSS>";
    const auto doc = parseFeed(xml, {}, {}, fetchTime());
    QVERIFY2(doc.ok(), qPrintable(doc.ok() ? QString() : doc.error()));
    QCOMPARE(doc->title, QStringLiteral("Upper"));
    QCOMPARE(doc->siteUrl, QUrl(QStringLiteral("https://u.example/")));
    QCOMPARE(doc->items.size(), 1);
    const Article& a = doc->items[0].article;
    QCOMPARE(a.title, QStringLiteral("First"));
    QCOMPARE(a.url, QStringLiteral("https://u.example/a"));
    QCOMPARE(a.guid, QStringLiteral("x1"));
    QCOMPARE(a.published, utc(2026, 3, 14, 9, 30));
    QVERIFY(!a.dateEstimated);
    QCOMPARE(a.tags, QStringList{QStringLiteral("NLP")});
    QCOMPARE(a.content, QStringLiteral("<p>Body</p>"));
}

QTEST_GUILESS_MAIN(TestFeedParser)
#include "tst_feedparser.moc"
