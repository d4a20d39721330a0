#include "parse/feedparser.h"

#include "parse/feedsniff.h"
#include "parse/htmlentities.h"

#include <QHash>
#include <QRegularExpression>

namespace folio {

namespace {

// Attributes of one HTML start tag, names lower-cased, values entity-decoded. `at` points after the tag name.
QHash<QString, QString> tagAttributes(QStringView html, qsizetype& at)
{
    QHash<QString, QString> attributes;
    const qsizetype n = html.size();
    while (at < n) {
        while (at < n && (html[at].isSpace() || html[at] == QLatin1Char('/')))
            ++at;
        if (at >= n || html[at] == QLatin1Char('>')) {
            ++at;
            break;
        }
        const qsizetype nameStart = at;
        while (at < n && !html[at].isSpace() && html[at] != QLatin1Char('=') && html[at] != QLatin1Char('>') &&
               html[at] != QLatin1Char('/'))
            ++at;
        const QString name = html.mid(nameStart, at - nameStart).toString().toLower();
        while (at < n && html[at].isSpace())
            ++at;
        QString value;
        if (at < n && html[at] == QLatin1Char('=')) {
            ++at;
            while (at < n && html[at].isSpace())
                ++at;
            if (at < n && (html[at] == QLatin1Char('"') || html[at] == QLatin1Char('\''))) {
                const qsizetype close = html.indexOf(html[at], at + 1);
                const qsizetype end = close < 0 ? n : close;
                value = html.mid(at + 1, end - at - 1).toString();
                at = end + 1;
            } else {
                const qsizetype start = at;
                while (at < n && !html[at].isSpace() && html[at] != QLatin1Char('>'))
                    ++at;
                value = html.mid(start, at - start).toString();
            }
        }
        if (!name.isEmpty() && !attributes.contains(name))
            attributes.insert(name, decodeHtmlEntities(value).trimmed());
    }
    return attributes;
}

bool isFeedType(const QString& type)
{
    const QString t = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return t == u"application/rss+xml" || t == u"application/atom+xml" || t == u"application/feed+json" ||
           t == u"application/json" || t == u"application/rdf+xml" || t == u"application/x-rss+xml" ||
           t == u"text/xml" || t == u"application/xml";
}

} // namespace

QList<QUrl> discoverFeedLinks(const QByteArray& html, const QUrl& pageUrl)
{
    const QString text = decodeFeedBytes(html).text;
    const QStringView page = text;
    QUrl base = pageUrl;
    bool baseSeen = false;
    QList<QUrl> links;
    QStringList pendingHrefs; // links before a <base> still resolve against it (it applies to the whole page)
    qsizetype i = 0;
    while (true) {
        i = page.indexOf(QLatin1Char('<'), i);
        if (i < 0)
            break;
        const QStringView rest = page.mid(i);
        if (rest.startsWith(u"<!--")) {
            const qsizetype close = page.indexOf(u"-->", i + 4);
            i = close < 0 ? page.size() : close + 3;
            continue;
        }
        auto tagIs = [&](QStringView name) {
            return rest.size() > name.size() + 1 && rest.mid(1, name.size()).compare(name, Qt::CaseInsensitive) == 0 &&
                   (rest[name.size() + 1].isSpace() || rest[name.size() + 1] == QLatin1Char('>') ||
                    rest[name.size() + 1] == QLatin1Char('/'));
        };
        bool skipped = false;
        for (const QStringView raw : {QStringView(u"script"), QStringView(u"style"), QStringView(u"template")}) {
            if (!tagIs(raw))
                continue;
            const QString close = QStringLiteral("</%1").arg(raw);
            const qsizetype end = page.indexOf(close, i + 1, Qt::CaseInsensitive);
            i = end < 0 ? page.size() : end + close.size();
            skipped = true;
            break;
        }
        if (skipped)
            continue;
        if (tagIs(u"link") || tagIs(u"base")) {
            const bool isBase = tagIs(u"base");
            qsizetype at = i + 5;
            const auto attributes = tagAttributes(page, at);
            i = at;
            if (isBase) {
                if (!baseSeen && attributes.contains(QStringLiteral("href"))) {
                    base = pageUrl.resolved(QUrl(attributes.value(QStringLiteral("href")), QUrl::TolerantMode));
                    baseSeen = true;
                }
                continue;
            }
            const QStringList rel =
                attributes.value(QStringLiteral("rel")).toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (rel.contains(u"alternate") && isFeedType(attributes.value(QStringLiteral("type"))) &&
                !attributes.value(QStringLiteral("href")).isEmpty())
                pendingHrefs << attributes.value(QStringLiteral("href"));
            continue;
        }
        if (tagIs(u"body") && !pendingHrefs.isEmpty())
            break; // feed links live in <head>; a long page need not be read to its end
        ++i;
    }
    for (const QString& href : std::as_const(pendingHrefs)) {
        const QUrl url = base.resolved(QUrl(href, QUrl::TolerantMode));
        const QString scheme = url.scheme().toLower();
        if (url.isValid() && (scheme == u"http" || scheme == u"https" || scheme == u"file" || scheme == u"feed") &&
            !links.contains(url))
            links << url;
    }
    return links;
}

QList<QUrl> commonFeedLocations(const QUrl& pageUrl)
{
    static const char* const kPaths[] = {"feed",      "feed/",    "rss",       "rss.xml",   "atom.xml",
                                         "index.xml", "feed.xml", "feed.json", "index.rss", "atom"};
    QList<QUrl> out;
    if (!pageUrl.isValid() || pageUrl.host().isEmpty())
        return out;
    QUrl root = pageUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    // The page's folder first (a blog under https://example.org/blog/), then the site root.
    QUrl folder = root.adjusted(QUrl::RemoveFilename);
    root.setPath(QStringLiteral("/"));
    QList<QUrl> bases;
    if (folder.path() != u"/" && !folder.path().isEmpty())
        bases << folder;
    bases << root;
    for (const QUrl& base : std::as_const(bases)) {
        for (const char* path : kPaths) {
            const QUrl url = base.resolved(QUrl(QString::fromLatin1(path)));
            if (!out.contains(url))
                out << url;
        }
    }
    return out;
}

bool looksLikeFeed(const QByteArray& bytes)
{
    const QByteArray head = bytes.left(64 * 1024);
    QString text;
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        text = decodeFeedBytes(head).text;
    else
        text = QString::fromUtf8(head);
    QStringView trimmed = QStringView(text).trimmed();
    if (trimmed.startsWith(QChar(0xFEFF)))
        trimmed = trimmed.mid(1).trimmed();
    if (trimmed.startsWith(QLatin1Char('{'))) {
        static const QRegularExpression jsonFeed(QStringLiteral(R"("version"\s*:\s*"https?://jsonfeed\.org/version/)"));
        return jsonFeed.match(trimmed.left(8192).toString()).hasMatch() ||
               (trimmed.contains(u"\"items\"") && trimmed.contains(u"\"title\""));
    }
    const QString root = xmlRootName(trimmed);
    return root == u"rss" || root == u"feed" || root == u"rdf";
}

} // namespace folio
