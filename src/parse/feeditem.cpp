#include "parse/feeditem.h"

#include "parse/feeddates.h"
#include "parse/htmltext.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>

namespace folio {

void FeedWarnings::note(const QString& kind, const QString& example)
{
    auto it = m_counts.find(kind);
    if (it == m_counts.end()) {
        m_counts.insert(kind, {1, example});
        m_order << kind;
    } else {
        ++it->first;
    }
}

QStringList FeedWarnings::lines() const
{
    QStringList out = m_lines;
    for (const QString& kind : m_order) {
        const auto& [count, example] = m_counts.value(kind);
        QString line = kind.arg(count);
        if (!example.isEmpty())
            line += QStringLiteral(" (first: \"%1\")").arg(example.left(80));
        out << line;
    }
    return out;
}

quint64 UniqueIds::key(const QString& text)
{
    static_assert(sizeof(size_t) == sizeof(quint64), "a 64-bit hash");
    return quint64(qHash(text, QHashSeed::globalSeed()));
}

bool UniqueIds::admit(FeedItem& item, FeedWarnings& warnings)
{
    Article& a = item.article;
    if (const auto it = m_seen.constFind(key(a.guid)); it != m_seen.constEnd()) {
        if (a.url.isEmpty() || *it == key(a.url) || m_seen.contains(key(a.url))) {
            warnings.note(QStringLiteral("%1 items repeat an earlier item and were dropped"), a.guid);
            return false;
        }
        warnings.note(QStringLiteral("%1 items share an id with an earlier item: their link is their id"), a.guid);
        a.guid = a.url;
    }
    m_seen.insert(key(a.guid), key(a.url));
    return true;
}

void makeIdsUnique(QList<FeedItem>& items, FeedWarnings& warnings)
{
    UniqueIds ids;
    QList<FeedItem> unique;
    unique.reserve(items.size());
    for (FeedItem& item : items) {
        if (ids.admit(item, warnings))
            unique << std::move(item);
    }
    items = std::move(unique);
}

QUrl feedUrl(QStringView text, const QUrl& base)
{
    const QString trimmed = text.trimmed().toString();
    if (trimmed.isEmpty())
        return {};
    QUrl url(trimmed, QUrl::TolerantMode);
    if (!url.isValid())
        return {};
    if (url.isRelative())
        url = base.resolved(url);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"javascript" || scheme == u"data" || scheme == u"vbscript")
        return {};
    return url;
}

QString authorName(QStringView text)
{
    static const QRegularExpression emailThenName(QStringLiteral(R"(^\S+@\S+\s*\((.+)\)$)"));
    const QString simplified = text.toString().simplified();
    if (const auto m = emailThenName.match(simplified); m.hasMatch())
        return m.captured(1).trimmed();
    return simplified;
}

int syndicationMinutes(QStringView period, QStringView frequency)
{
    const QString p = period.trimmed().toString().toLower();
    int minutes = 0;
    if (p == u"hourly")
        minutes = 60;
    else if (p == u"daily")
        minutes = 24 * 60;
    else if (p == u"weekly")
        minutes = 7 * 24 * 60;
    else if (p == u"monthly")
        minutes = 30 * 24 * 60;
    else if (p == u"yearly")
        minutes = 365 * 24 * 60;
    if (minutes == 0)
        return 0;
    bool ok = false;
    const int times = frequency.trimmed().toInt(&ok);
    return ok && times > 0 ? qMax(1, minutes / times) : minutes;
}

FeedItem finishItem(ItemDraft draft, const QDateTime& fetchedAt, FeedWarnings& warnings)
{
    FeedItem item;
    Article& a = item.article;
    a.title = draft.title.simplified();
    a.url = draft.link;
    QStringList authors;
    for (const QString& author : std::as_const(draft.authors)) {
        const QString name = authorName(author);
        if (!name.isEmpty() && !authors.contains(name))
            authors << name;
    }
    a.author = authors.join(QStringLiteral(", "));

    auto readDate = [&](const QString& text) -> QDateTime {
        if (text.trimmed().isEmpty())
            return {};
        if (const auto date = parseFeedDate(text))
            return *date;
        warnings.note(QStringLiteral("%1 dates could not be read and were ignored"), text.simplified());
        return {};
    };
    a.published = readDate(draft.publishedText);
    a.updated = readDate(draft.updatedText);
    if (!a.published.isValid() && a.updated.isValid())
        a.published = a.updated;
    if (!a.published.isValid()) {
        a.published = fetchedAt.toUTC();
        a.dateEstimated = true;
        warnings.note(QStringLiteral("%1 items have no usable date: the fetch time stands in"), a.title);
    }

    if (!draft.contentMarkdown.trimmed().isEmpty()) {
        a.content = draft.contentMarkdown;
        a.contentFormat = ContentFormat::Markdown;
    } else {
        a.content = !draft.contentHtml.trimmed().isEmpty() ? draft.contentHtml : draft.summaryHtml;
        a.content = a.content.trimmed();
        a.contentFormat = ContentFormat::Html;
    }
    if (a.contentFormat == ContentFormat::Html)
        a.content = resolveHtmlUrls(a.content, draft.contentBase);
    if (!draft.summaryHtml.trimmed().isEmpty())
        a.summary = htmlExcerpt(draft.summaryHtml);
    else if (a.contentFormat == ContentFormat::Html)
        a.summary = htmlExcerpt(a.content);
    else
        a.summary = excerpt(a.content);
    a.tags = normalizedTags(draft.tags);
    if (a.title.isEmpty())
        a.title = excerpt(a.summary, 80);

    a.guid = draft.guid.trimmed();
    if (a.url.isEmpty() && (a.guid.startsWith(u"http://") || a.guid.startsWith(u"https://")))
        a.url = QUrl(a.guid).toString(QUrl::FullyEncoded);
    if (a.guid.isEmpty())
        a.guid = a.url;
    if (a.guid.isEmpty()) {
        QCryptographicHash hash(QCryptographicHash::Sha1);
        hash.addData(a.title.toUtf8());
        hash.addData(QByteArrayView("\n"));
        hash.addData((draft.publishedText.trimmed() + u'\n' + draft.updatedText.trimmed()).toUtf8());
        hash.addData(QByteArrayView("\n"));
        hash.addData(a.content.toUtf8());
        a.guid = QStringLiteral("sha1:") + QString::fromLatin1(hash.result().toHex());
        warnings.note(QStringLiteral("%1 items have no id or link: an id was made from title, date and content"));
    }
    item.enclosures = draft.enclosures;
    return item;
}

} // namespace folio
