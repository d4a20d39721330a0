#include "cli/json.h"

namespace folio::cli {

QJsonValue rfc3339(const QDateTime& when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject toJson(const ListingPage& page)
{
    QJsonArray articles;
    for (const ArticleSummary& a : page.articles) {
        articles.append(QJsonObject{
            {QStringLiteral("id"), a.id},
            {QStringLiteral("title"), a.title},
            {QStringLiteral("published"), rfc3339(a.published)},
            {QStringLiteral("tags"), QJsonArray::fromStringList(a.tags)},
            {QStringLiteral("feed"), a.feedTitle},
            {QStringLiteral("feed_id"), a.feedId},
            {QStringLiteral("url"), a.url},
            {QStringLiteral("excerpt"), a.excerpt},
            {QStringLiteral("read"), a.read},
            {QStringLiteral("starred"), a.starred},
        });
    }
    return {
        {QStringLiteral("page"), page.page},       {QStringLiteral("page_size"), page.pageSize},
        {QStringLiteral("pages"), page.pageCount}, {QStringLiteral("total"), page.total},
        {QStringLiteral("articles"), articles},
    };
}

QJsonObject toJson(const Article& a)
{
    return {
        {QStringLiteral("id"), a.id},
        {QStringLiteral("title"), a.title},
        {QStringLiteral("published"), rfc3339(a.published)},
        {QStringLiteral("date_estimated"), a.dateEstimated},
        {QStringLiteral("updated"), rfc3339(a.updated)},
        {QStringLiteral("author"), a.author},
        {QStringLiteral("tags"), QJsonArray::fromStringList(a.tags)},
        {QStringLiteral("feed"), a.feedTitle},
        {QStringLiteral("feed_id"), a.feedId},
        {QStringLiteral("url"), a.url},
        {QStringLiteral("slug"), a.slug},
        {QStringLiteral("summary"), a.summary},
        {QStringLiteral("content_format"), contentFormatName(a.contentFormat)},
        {QStringLiteral("content"), a.content},
        {QStringLiteral("read"), a.read},
        {QStringLiteral("starred"), a.starred},
    };
}

QJsonArray toJson(const QList<TagCount>& tags)
{
    QJsonArray out;
    for (const TagCount& t : tags)
        out.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("count"), t.count}});
    return out;
}

QJsonArray toJson(const QList<Feed>& feeds)
{
    QJsonArray out;
    for (const Feed& f : feeds) {
        out.append(QJsonObject{
            {QStringLiteral("id"), f.id},
            {QStringLiteral("title"), f.title},
            {QStringLiteral("url"), f.url},
            {QStringLiteral("site"), f.siteUrl},
            {QStringLiteral("kind"), f.kind == FeedKind::Web ? QStringLiteral("web") : QStringLiteral("folder")},
            {QStringLiteral("unread"), f.unread},
            {QStringLiteral("total"), f.total},
            {QStringLiteral("last_success"), rfc3339(f.lastSuccess)},
            {QStringLiteral("last_error"), f.lastError.isEmpty() ? QJsonValue() : QJsonValue(f.lastError)},
        });
    }
    return out;
}

QJsonObject toJson(const ImportReport& report)
{
    const auto issues = [](const QList<ImportIssue>& list, const QString& key) {
        QJsonArray out;
        for (const ImportIssue& issue : list)
            out.append(QJsonObject{{QStringLiteral("source"), issue.source}, {key, issue.message}});
        return out;
    };
    return {
        {QStringLiteral("imported"), report.imported},
        {QStringLiteral("updated"), report.updated},
        {QStringLiteral("unchanged"), report.unchanged},
        {QStringLiteral("skipped"), report.skipped},
        {QStringLiteral("errors"), issues(report.errors, QStringLiteral("error"))},
        {QStringLiteral("warnings"), issues(report.warnings, QStringLiteral("warning"))},
    };
}

} // namespace folio::cli
