#include "sync/feedpreparation.h"

#include "render/excerpt.h"
#include "render/htmlescape.h"
#include "render/htmlsanitizer.h"
#include "render/markdownrenderer.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentMap>

namespace folio {

namespace {

bool looksLikeImage(const QUrl& url)
{
    static const QRegularExpression suffix(QStringLiteral(R"(\.(png|jpe?g|gif|webp|svg|avif|bmp)$)"),
                                           QRegularExpression::CaseInsensitiveOption);
    return suffix.match(url.path()).hasMatch();
}

} // namespace

QStringList imageUrls(const QString& safeHtml)
{
    static const QRegularExpression img(QStringLiteral(R"re(<img\b[^>]*?\ssrc="([^"]*)")re"));
    QStringList urls;
    for (auto it = img.globalMatch(safeHtml); it.hasNext();) {
        const QString url = detail::htmlUnescaped(it.next().captured(1));
        if ((url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"))) &&
            !urls.contains(url))
            urls.append(url);
    }
    return urls;
}

FetchedArticle prepareArticle(const FeedItem& item)
{
    FetchedArticle prepared;
    Article& a = prepared.article;
    a = item.article;
    SanitizeOptions options;
    options.baseUrl = QUrl(a.url);
    QString shown;
    if (a.contentFormat == ContentFormat::Html) {
        a.content = sanitizeHtml(a.content, options);
        shown = a.content;
        if (a.summary.isEmpty())
            a.summary = htmlExcerpt(a.content);
    } else {
        shown = markdownToSafeHtml(a.content, options);
        if (a.summary.isEmpty())
            a.summary = markdownExcerpt(a.content);
    }
    prepared.images = imageUrls(shown);
    for (const QUrl& enclosure : item.enclosures) {
        const QString url = enclosure.toString(QUrl::FullyEncoded);
        if (looksLikeImage(enclosure) && !prepared.images.contains(url))
            prepared.images.append(url);
    }
    return prepared;
}

QList<FetchedArticle> prepareArticles(const QList<FeedItem>& items)
{
    return QtConcurrent::blockingMapped<QList<FetchedArticle>>(items, prepareArticle);
}

} // namespace folio
