#include "sync/samplelibrary.h"

#include "storage/database.h"
#include "storage/feedstore.h"
#include "sync/markdownimporter.h"

#include <QCoreApplication>

namespace folio {

Result<bool> SampleLibrary::seedIfEmpty(Database& db)
{
    auto feeds = FeedStore(db).feeds();
    if (!feeds)
        return fail(feeds.error());
    // Only the sample feed itself, left empty by an interrupted first start, does not count as a source.
    for (const Feed& feed : feeds.value()) {
        if (feed.url != QLatin1String(kFeedUrl) || feed.total > 0)
            return false;
    }
    auto report = MarkdownImporter(db).importFolder(QStringLiteral(":/sample"), QString::fromLatin1(kFeedUrl),
                                                    QCoreApplication::translate("SampleLibrary", "Folio samples"));
    if (!report)
        return fail(report.error());
    if (!report->errors.isEmpty())
        return fail(
            QStringLiteral("bundled sample %1 %2").arg(report->errors.front().source, report->errors.front().message));
    return true;
}

} // namespace folio
