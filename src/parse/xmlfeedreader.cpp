#include "parse/xmlfeedreader.h"

#include "parse/htmltext.h"

#include <algorithm>

namespace folio {

namespace {

const QString kRss090 = QStringLiteral("http://my.netscape.com/rdf/simple/0.9/");
const QString kRss10 = QStringLiteral("http://purl.org/rss/1.0/");
const QString kAtom = QStringLiteral("http://www.w3.org/2005/Atom");
const QString kAtom03 = QStringLiteral("http://purl.org/atom/ns#");
const QString kDc = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString kDcTerms = QStringLiteral("http://purl.org/dc/terms/");
const QString kContent = QStringLiteral("http://purl.org/rss/1.0/modules/content/");
const QString kMedia = QStringLiteral("http://search.yahoo.com/mrss/");
const QString kSy = QStringLiteral("http://purl.org/rss/1.0/modules/syndication/");
const QString kSource = QStringLiteral("http://source.scripting.com/");
const QString kItunes = QStringLiteral("http://www.itunes.com/dtds/podcast-1.0.dtd");
const QString kXhtml = QStringLiteral("http://www.w3.org/1999/xhtml");

// RSS's own elements: no namespace in 0.9x/2.0, the RSS 1.0 or 0.90 namespace in RDF, or an old UserLand one.
bool isRssCore(const QString& ns)
{
    return ns.isEmpty() || ns == kRss10 || ns == kRss090 || ns.startsWith(u"http://backend.userland.com/rss");
}

// Element names as feeds write them: <TITLE> and <pubdate> are <title> and <pubDate>.
bool named(const XmlNode& node, QStringView name)
{
    return node.name.compare(name, Qt::CaseInsensitive) == 0;
}

bool isAtom(const QString& ns)
{
    return ns == kAtom || ns == kAtom03;
}

bool isMedia(const QString& ns)
{
    return ns == kMedia || ns == u"http://search.yahoo.com/mrss";
}

bool isMarkdownType(QStringView type)
{
    const QString t = type.trimmed().toString().toLower();
    return t == u"text/markdown" || t == u"markdown" || t == u"text/x-markdown";
}

} // namespace

XmlFeedReader::XmlFeedReader(const XmlTree& tree, FeedFormat format, const QUrl& documentUrl,
                             const QDateTime& fetchedAt, FeedWarnings& warnings)
    : m_tree(tree)
    , m_format(format)
    , m_documentUrl(documentUrl)
    , m_fetchedAt(fetchedAt)
    , m_warnings(warnings)
{
}

int XmlFeedReader::channelNode() const
{
    if (m_format == FeedFormat::Atom)
        return 0;
    for (int c : m_tree.root().children) {
        if (named(m_tree.at(c), u"channel"))
            return c;
    }
    return named(m_tree.root(), u"channel") ? 0 : -1;
}

bool XmlFeedReader::isItem(int node) const
{
    const XmlNode& n = m_tree.at(node);
    if (n.parent < 0)
        return false;
    const QStringView itemName = m_format == FeedFormat::Atom ? QStringView(u"entry") : QStringView(u"item");
    // <ITEM> … </item> was repaired to one element named as its start tag; match any case
    if (n.name.compare(itemName, Qt::CaseInsensitive) != 0)
        return false;
    return n.parent == 0 || n.parent == channelNode();
}

FeedItem XmlFeedReader::readItem(int node)
{
    return m_format == FeedFormat::Atom ? readAtomEntry(node) : readRssItem(node);
}

QUrl XmlFeedReader::baseOf(int node) const
{
    QUrl base = m_tree.base(node, m_documentUrl);
    // No web address to resolve against (no document URL and no xml:base, or a feed read from a file): the site's
    // address is the best base there is.
    const QString scheme = base.scheme().toLower();
    if (scheme != u"http" && scheme != u"https" && !m_siteUrl.isEmpty())
        base = base.isRelative() ? m_siteUrl.resolved(base) : m_siteUrl;
    return base;
}

QUrl XmlFeedReader::contentBase(int item, int content, const QString& link) const
{
    // An xml:base in effect says it; without one the article's own page is where its relative URLs live (a
    // feed served from elsewhere, a FeedBurner copy, still links to the site's images).
    const int node = content >= 0 ? content : item;
    if (!m_tree.base(node, QUrl()).isEmpty())
        return baseOf(node);
    if (!link.isEmpty())
        return QUrl(link);
    return baseOf(node);
}

QString XmlFeedReader::markupOf(int node) const
{
    return m_tree.at(node).children.empty() ? m_tree.text(node) : m_tree.innerMarkup(node);
}

QString XmlFeedReader::atomText(int node) const
{
    const QString type = m_tree.attribute(node, u"type").trimmed().toLower();
    if (type == u"html" || type == u"text/html" || type == u"xhtml" || !m_tree.at(node).children.empty())
        return htmlToPlainText(atomHtml(node));
    return m_tree.deepText(node).simplified();
}

QString XmlFeedReader::atomHtml(int node) const
{
    const XmlNode& n = m_tree.at(node);
    const QString type = m_tree.attribute(node, u"type").trimmed().toLower();
    if (type == u"xhtml" || type == u"application/xhtml+xml") {
        // The content is the inner markup of one xhtml:div.
        for (int c : n.children) {
            if (named(m_tree.at(c), u"div") && (m_tree.at(c).ns == kXhtml || m_tree.at(c).ns.isEmpty()))
                return m_tree.innerMarkup(c).trimmed();
        }
        return m_tree.innerMarkup(node).trimmed();
    }
    if (type == u"html" || type == u"text/html" || !n.children.empty())
        return markupOf(node).trimmed();
    if (type.isEmpty() || type == u"text" || type == u"text/plain")
        return plainTextToHtml(m_tree.text(node));
    return {}; // another media type (an image, base64): nothing to read
}

void XmlFeedReader::readMedia(int node, QList<QUrl>& urls) const
{
    for (int c : m_tree.at(node).children) {
        const XmlNode& child = m_tree.at(c);
        if (isMedia(child.ns)) {
            if (named(child, u"group")) {
                readMedia(c, urls);
            } else if (named(child, u"content") || named(child, u"thumbnail")) {
                const QUrl url = feedUrl(m_tree.attribute(c, u"url"), baseOf(c));
                if (!url.isEmpty() && !urls.contains(url))
                    urls << url;
                readMedia(c, urls); // media:content may hold its own thumbnail
            }
        } else if (child.ns == kItunes && named(child, u"image")) {
            const QUrl url = feedUrl(m_tree.attribute(c, u"href"), baseOf(c));
            if (!url.isEmpty() && !urls.contains(url))
                urls << url;
        }
    }
}

void XmlFeedReader::readChannel(FeedDocument& document)
{
    const int channel = channelNode();
    if (channel < 0)
        return;
    m_feedAuthors.clear(); // read again when a streaming caller reads the channel a second time
    QString period, frequency;
    for (int c : m_tree.at(channel).children) {
        const XmlNode& n = m_tree.at(c);
        if (m_format == FeedFormat::Atom) {
            if (!isAtom(n.ns))
                ;
            else if (named(n, u"title"))
                document.title = atomText(c);
            else if (named(n, u"subtitle") || named(n, u"tagline"))
                document.description = atomText(c);
            else if (named(n, u"icon") || (named(n, u"logo") && document.iconUrl.isEmpty()))
                document.iconUrl = feedUrl(m_tree.text(c), baseOf(c));
            else if (named(n, u"author")) {
                if (const int name = m_tree.child(c, n.ns, u"name"); name >= 0)
                    m_feedAuthors << m_tree.text(name);
            } else if (named(n, u"link")) {
                const QString rel = m_tree.attribute(c, u"rel").trimmed();
                const QUrl href = feedUrl(m_tree.attribute(c, u"href"), baseOf(c));
                if (rel == u"self")
                    document.selfUrl = href;
                else if ((rel.isEmpty() || rel == u"alternate") && document.siteUrl.isEmpty())
                    document.siteUrl = href;
            }
        } else if (isRssCore(n.ns)) {
            if (named(n, u"title"))
                document.title = htmlToPlainText(markupOf(c));
            else if (named(n, u"link") && document.siteUrl.isEmpty())
                document.siteUrl = feedUrl(m_tree.text(c), baseOf(c));
            else if (named(n, u"description"))
                document.description = htmlToPlainText(markupOf(c));
            else if (named(n, u"ttl"))
                document.ttlMinutes = qMax(0, m_tree.text(c).trimmed().toInt());
            else if (named(n, u"image"))
                if (const int url = m_tree.child(c, n.ns, u"url"); url >= 0)
                    document.iconUrl = feedUrl(m_tree.text(url), baseOf(url));
        } else if (isAtom(n.ns) && named(n, u"link")) {
            const QString rel = m_tree.attribute(c, u"rel").trimmed();
            const QUrl href = feedUrl(m_tree.attribute(c, u"href"), baseOf(c));
            if (rel == u"self")
                document.selfUrl = href;
            else if ((rel.isEmpty() || rel == u"alternate") && document.siteUrl.isEmpty())
                document.siteUrl = href;
        } else if (n.ns == kItunes && named(n, u"image") && document.iconUrl.isEmpty()) {
            document.iconUrl = feedUrl(m_tree.attribute(c, u"href"), baseOf(c));
        }
        if (n.ns == kSy && named(n, u"updatePeriod"))
            period = m_tree.text(c);
        else if (n.ns == kSy && named(n, u"updateFrequency"))
            frequency = m_tree.text(c);
    }
    // RSS 1.0 puts <image> beside <channel>.
    if (m_format == FeedFormat::Rdf && document.iconUrl.isEmpty()) {
        for (int c : m_tree.root().children) {
            if (named(m_tree.at(c), u"image") && isRssCore(m_tree.at(c).ns))
                if (const int url = m_tree.child(c, m_tree.at(c).ns, u"url"); url >= 0)
                    document.iconUrl = feedUrl(m_tree.text(url), baseOf(url));
        }
    }
    if (document.ttlMinutes == 0 && !period.isEmpty())
        document.ttlMinutes = syndicationMinutes(period, frequency);
    m_siteUrl = document.siteUrl;
}

FeedItem XmlFeedReader::readRssItem(int node)
{
    ItemDraft d;
    QString guidText;
    bool guidIsLink = false;
    QString atomLink;
    QString dcDate;
    int contentNode = -1;
    for (int c : m_tree.at(node).children) {
        const XmlNode& n = m_tree.at(c);
        if (isRssCore(n.ns)) {
            if (named(n, u"title")) {
                d.title = htmlToPlainText(markupOf(c));
            } else if (named(n, u"link")) {
                if (d.link.isEmpty())
                    d.link = feedUrl(m_tree.text(c), baseOf(c)).toString(QUrl::FullyEncoded);
            } else if (named(n, u"guid")) {
                guidText = m_tree.text(c).trimmed();
                guidIsLink = m_tree.attribute(c, u"isPermaLink").trimmed().toLower() != u"false";
            } else if (named(n, u"description")) {
                contentNode = contentNode < 0 ? c : contentNode;
                if (isMarkdownType(m_tree.attribute(c, u"type")))
                    d.contentMarkdown = m_tree.text(c);
                else
                    d.summaryHtml = markupOf(c);
            } else if (named(n, u"author")) {
                d.authors << m_tree.deepText(c);
            } else if (named(n, u"pubDate")) {
                d.publishedText = m_tree.text(c);
            } else if (named(n, u"category")) {
                d.tags << m_tree.text(c);
            } else if (named(n, u"enclosure")) {
                const QUrl url = feedUrl(m_tree.attribute(c, u"url"), baseOf(c));
                if (!url.isEmpty())
                    d.enclosures << url;
            }
        } else if (n.ns == kContent && named(n, u"encoded")) {
            contentNode = c;
            if (isMarkdownType(m_tree.attribute(c, u"type")))
                d.contentMarkdown = m_tree.text(c);
            else
                d.contentHtml = markupOf(c);
        } else if (n.ns == kSource && named(n, u"markdown")) {
            d.contentMarkdown = m_tree.text(c);
        } else if (n.ns == kDc || n.ns == kDcTerms) {
            if (named(n, u"creator") || named(n, u"author"))
                d.authors << m_tree.deepText(c);
            else if (named(n, u"date") || named(n, u"issued") || named(n, u"created"))
                dcDate = dcDate.isEmpty() ? m_tree.text(c) : dcDate;
            else if (named(n, u"modified"))
                d.updatedText = m_tree.text(c);
            else if (named(n, u"subject"))
                d.tags << m_tree.deepText(c);
        } else if (isAtom(n.ns)) {
            const QString rel = m_tree.attribute(c, u"rel").trimmed();
            if (named(n, u"link") && (rel.isEmpty() || rel == u"alternate") && atomLink.isEmpty())
                atomLink = feedUrl(m_tree.attribute(c, u"href"), baseOf(c)).toString(QUrl::FullyEncoded);
            else if (named(n, u"updated"))
                d.updatedText = m_tree.text(c);
        }
    }
    readMedia(node, d.enclosures);
    if (d.publishedText.trimmed().isEmpty())
        d.publishedText = dcDate;
    if (d.link.isEmpty())
        d.link = atomLink;
    if (d.link.isEmpty() && guidIsLink && !guidText.isEmpty()) {
        const QUrl url = feedUrl(guidText, baseOf(node));
        if (url.scheme().startsWith(u"http"))
            d.link = url.toString(QUrl::FullyEncoded);
    }
    d.contentBase = contentBase(node, contentNode, d.link);
    // RSS 1.0 items name themselves in rdf:about.
    d.guid = !guidText.isEmpty()
                 ? guidText
                 : m_tree.at(node)
                       .attributes
                       .value(QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#"), QLatin1StringView("about"))
                       .toString();
    return finishItem(std::move(d), m_fetchedAt, m_warnings);
}

FeedItem XmlFeedReader::readAtomEntry(int node)
{
    ItemDraft d;
    QString published, updated;
    int contentNode = -1;
    for (int c : m_tree.at(node).children) {
        const XmlNode& n = m_tree.at(c);
        if (isAtom(n.ns)) {
            if (named(n, u"id")) {
                d.guid = m_tree.text(c).trimmed();
            } else if (named(n, u"title")) {
                d.title = atomText(c);
            } else if (named(n, u"link")) {
                const QString rel = m_tree.attribute(c, u"rel").trimmed();
                const QUrl href = feedUrl(m_tree.attribute(c, u"href"), baseOf(c));
                if (rel == u"enclosure" && !href.isEmpty())
                    d.enclosures << href;
                else if ((rel.isEmpty() || rel == u"alternate") && !href.isEmpty() &&
                         (d.link.isEmpty() || m_tree.attribute(c, u"type").contains(u"html")))
                    d.link = href.toString(QUrl::FullyEncoded);
            } else if (named(n, u"author")) {
                if (const int name = m_tree.child(c, n.ns, u"name"); name >= 0)
                    d.authors << m_tree.text(name);
            } else if (named(n, u"published") || named(n, u"issued") || named(n, u"created")) {
                if (published.isEmpty())
                    published = m_tree.text(c);
            } else if (named(n, u"updated") || named(n, u"modified")) {
                updated = m_tree.text(c);
            } else if (named(n, u"category")) {
                QString term = m_tree.attribute(c, u"term").trimmed();
                d.tags << (term.isEmpty() ? m_tree.attribute(c, u"label") : term);
            } else if (named(n, u"summary")) {
                if (isMarkdownType(m_tree.attribute(c, u"type")))
                    d.contentMarkdown = d.contentMarkdown.isEmpty() ? m_tree.text(c) : d.contentMarkdown;
                else
                    d.summaryHtml = atomHtml(c);
                contentNode = contentNode < 0 ? c : contentNode;
            } else if (named(n, u"content")) {
                if (!m_tree.attribute(c, u"src").isEmpty())
                    continue; // out-of-line content: the link is the article
                contentNode = c;
                if (isMarkdownType(m_tree.attribute(c, u"type")))
                    d.contentMarkdown = m_tree.text(c);
                else
                    d.contentHtml = atomHtml(c);
            }
        } else if (n.ns == kDc && named(n, u"subject")) {
            d.tags << m_tree.text(c);
        } else if (n.ns == kDc && named(n, u"creator")) {
            d.authors << m_tree.text(c);
        }
    }
    readMedia(node, d.enclosures);
    if (d.authors.isEmpty())
        d.authors = m_feedAuthors;
    d.publishedText = published;
    d.updatedText = updated;
    d.contentBase = contentBase(node, contentNode, d.link);
    return finishItem(std::move(d), m_fetchedAt, m_warnings);
}

} // namespace folio
