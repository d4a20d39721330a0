#include "parse/jsonfeed.h"

#include "parse/feeditem.h"
#include "parse/htmltext.h"
#include "parse/jsonrepair.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace folio {

namespace {

// JSON Feed 1.1 has "authors" (a list); 1.0 had "author" (one object).
QStringList authorsOf(const QJsonObject& object)
{
    QStringList names;
    for (const QJsonValue& author : object.value(u"authors").toArray()) {
        const QString name = author.toObject().value(u"name").toString();
        if (!name.trimmed().isEmpty())
            names << name;
    }
    if (names.isEmpty()) {
        const QString name = object.value(u"author").toObject().value(u"name").toString();
        if (!name.trimmed().isEmpty())
            names << name;
    }
    return names;
}

QString idOf(const QJsonValue& id)
{
    if (id.isString())
        return id.toString();
    if (id.isDouble()) // 1.0 feeds in the wild write numbers
        return QString::number(id.toDouble(), 'g', 17);
    return {};
}

} // namespace

Result<FeedDocument> parseJsonFeed(const QString& text, const QUrl& documentUrl, const QDateTime& fetchedAt)
{
    FeedWarnings warnings;
    QJsonParseError error;
    QJsonDocument json = QJsonDocument::fromJson(text.toUtf8(), &error);
    RepairedJson repaired;
    QString original; // the JSON error, when the text had to be repaired
    if (error.error != QJsonParseError::NoError) {
        // Broken JSON: read what can be read (jsonrepair.h), and say what was mended. The document is refused only
        // when that yields no feed either (no item and no title), with the original error.
        original = QStringLiteral("not a feed: JSON error at offset %1: %2").arg(error.offset).arg(error.errorString());
        repaired = repairJson(text);
        QJsonParseError again;
        json = QJsonDocument::fromJson(repaired.text.toUtf8(), &again);
        if (repaired.text.isEmpty() || again.error != QJsonParseError::NoError || !json.isObject())
            return fail(original);
        for (const QString& line : std::as_const(repaired.warnings))
            warnings.append(line);
    }
    const QJsonObject root = json.object();
    const QString version = root.value(u"version").toString();
    const bool declared =
        version.startsWith(u"https://jsonfeed.org/version/") || version.startsWith(u"http://jsonfeed.org/version/");
    if (!json.isObject() || (!declared && !root.value(u"items").isArray()))
        return fail(original.isEmpty() ? QStringLiteral("not a feed: JSON, but not a JSON Feed") : original);

    FeedDocument doc;
    doc.format = FeedFormat::JsonFeed;
    if (!declared)
        warnings.append(QStringLiteral("read as a JSON Feed although it names no JSON Feed version"));
    doc.title = root.value(u"title").toString().simplified();
    doc.description = root.value(u"description").toString().simplified();
    doc.siteUrl = feedUrl(root.value(u"home_page_url").toString(), documentUrl);
    doc.selfUrl = feedUrl(root.value(u"feed_url").toString(), documentUrl);
    doc.iconUrl = feedUrl(root.value(u"icon").toString(), documentUrl);
    if (doc.iconUrl.isEmpty())
        doc.iconUrl = feedUrl(root.value(u"favicon").toString(), documentUrl);
    const QUrl base = documentUrl.isEmpty() || documentUrl.isRelative() ? doc.siteUrl : documentUrl;
    const QStringList feedAuthors = authorsOf(root);

    const QJsonArray items = root.value(u"items").toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i == repaired.cutInItem)
            continue; // the item a cut-off document ends in: its fields are not all there
        const QJsonObject item = items.at(i).toObject();
        if (item.isEmpty())
            continue;
        ItemDraft d;
        d.guid = idOf(item.value(u"id"));
        QUrl link = feedUrl(item.value(u"url").toString(), base);
        if (link.isEmpty())
            link = feedUrl(item.value(u"external_url").toString(), base);
        d.link = link.toString(QUrl::FullyEncoded);
        d.contentBase = link.isEmpty() ? base : link;
        d.title = item.value(u"title").toString();
        d.authors = authorsOf(item);
        if (d.authors.isEmpty())
            d.authors = feedAuthors;
        d.publishedText = item.value(u"date_published").toString();
        d.updatedText = item.value(u"date_modified").toString();
        d.contentHtml = item.value(u"content_html").toString();
        // The content-format rule: content_text is read as Markdown only when there is no content_html.
        if (d.contentHtml.trimmed().isEmpty())
            d.contentMarkdown = item.value(u"content_text").toString();
        const QString summary = item.value(u"summary").toString();
        if (!summary.trimmed().isEmpty())
            d.summaryHtml = escapeHtml(summary); // plain text by the spec
        for (const QJsonValue& tag : item.value(u"tags").toArray())
            d.tags << tag.toString();
        for (const char16_t* key : {u"image", u"banner_image"}) {
            const QUrl url = feedUrl(item.value(QStringView(key)).toString(), base);
            if (!url.isEmpty())
                d.enclosures << url;
        }
        for (const QJsonValue& attachment : item.value(u"attachments").toArray()) {
            const QUrl url = feedUrl(attachment.toObject().value(u"url").toString(), base);
            if (!url.isEmpty())
                d.enclosures << url;
        }
        doc.items << finishItem(std::move(d), fetchedAt, warnings);
    }
    if (!original.isEmpty() && doc.items.isEmpty() && doc.title.isEmpty())
        return fail(original);
    if (repaired.truncated)
        warnings.append(
            QStringLiteral("the document ends early: kept the %1 items read before the cut").arg(doc.items.size()));
    makeIdsUnique(doc.items, warnings);
    doc.warnings = warnings.lines();
    return doc;
}

} // namespace folio
