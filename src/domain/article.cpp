#include "domain/article.h"

#include <QSet>

namespace folio {

int toStored(ContentFormat format)
{
    switch (format) {
    case ContentFormat::Markdown:
        return 1;
    case ContentFormat::Html:
        return 2;
    }
    return 1;
}

std::optional<ContentFormat> contentFormatFromStored(int stored)
{
    switch (stored) {
    case 1:
        return ContentFormat::Markdown;
    case 2:
        return ContentFormat::Html;
    default:
        return std::nullopt;
    }
}

QString contentFormatName(ContentFormat format)
{
    return format == ContentFormat::Html ? QStringLiteral("html") : QStringLiteral("markdown");
}

QString tagKey(const QString& name)
{
    return name.simplified().toCaseFolded();
}

QStringList normalizedTags(const QStringList& names)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString& name : names) {
        const QString clean = name.simplified();
        if (clean.isEmpty())
            continue;
        const QString key = tagKey(clean);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        result.append(clean);
    }
    return result;
}

} // namespace folio
