#include "sync/markdownimporter.h"

#include "parse/frontmatter.h"
#include "parse/textdecoding.h"
#include "render/excerpt.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <QUrl>

#include <optional>

namespace folio {

namespace {

bool isMarkdownFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("md") || suffix == QLatin1String("markdown");
}

QString urlOf(const QString& path)
{
    return path.startsWith(QLatin1Char(':')) ? QStringLiteral("qrc") + path
                                             : QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded);
}

// Reads and parses one post. On failure the message says why, in words for the user.
Result<Article> readPost(const QString& path, const QString& guid, QStringList& warnings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot be read: %1").arg(file.errorString()));
    if (file.size() > MarkdownImporter::kMaxPostBytes)
        return fail(QStringLiteral("too large: %1 MB (the limit for one post is %2 MB)")
                        .arg(file.size() / (1024 * 1024))
                        .arg(MarkdownImporter::kMaxPostBytes / (1024 * 1024)));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return fail(QStringLiteral("empty file"));

    auto decoded = decodeText(bytes);
    if (!decoded)
        return fail(decoded.error());
    if (decoded->encoding != QLatin1String("UTF-8"))
        warnings << QStringLiteral("read as %1 (the file is not UTF-8)").arg(decoded->encoding);

    auto post = parseMarkdownPost(std::move(decoded->text), QFileInfo(path).fileName());
    if (!post)
        return fail(post.error());
    warnings += post->warnings;
    if (post->draft)
        return fail(QString()); // an empty message means "skipped as a draft"
    if (post->body.trimmed().isEmpty() && post->title.isEmpty())
        return fail(QStringLiteral("no title and no text"));

    Article a;
    a.guid = guid;
    a.url = urlOf(path);
    a.slug = post->slug;
    a.title = post->title;
    a.author = post->author;
    if (post->date) {
        a.published = *post->date;
    } else {
        const QDateTime modified = QFileInfo(path).lastModified().toUTC();
        a.published = modified.isValid() ? modified : QDateTime::currentDateTimeUtc();
        a.published.setTime(QTime(a.published.time().hour(), a.published.time().minute(), a.published.time().second()));
        a.dateEstimated = true;
        warnings << QStringLiteral("no date in the front matter or file name; using the file's modification time");
    }
    if (post->updated)
        a.updated = *post->updated;
    a.summary = post->summary.isEmpty() ? markdownExcerpt(post->body) : truncateText(post->summary.simplified(), 280);
    a.content = std::move(post->body);
    a.contentFormat = ContentFormat::Markdown;
    a.tags = post->tags;
    return a;
}

} // namespace

Result<ImportReport> MarkdownImporter::importPath(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("%1 does not exist").arg(path));
    if (info.isDir())
        return importFolder(path, QString(), QString());
    if (!isMarkdownFile(path))
        return fail(QStringLiteral("%1 is not a Markdown file (.md or .markdown)").arg(path));
    const QString folder = info.canonicalPath();
    return importFiles(folder, {info.canonicalFilePath()}, urlOf(folder), QDir(folder).dirName());
}

Result<ImportReport> MarkdownImporter::importFolder(const QString& folder, const QString& feedUrl,
                                                    const QString& feedTitle)
{
    const QFileInfo info(folder);
    if (!info.isDir())
        return fail(QStringLiteral("%1 is not a folder").arg(folder));
    const QString root = folder.startsWith(QLatin1Char(':')) ? folder : info.canonicalFilePath();
    if (!info.isReadable())
        return fail(QStringLiteral("%1 cannot be read").arg(folder));

    QStringList files;
    // Hidden folders (.git, .obsidian) hold no posts.
    QDirIterator it(root, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (isMarkdownFile(file) && !QDir(root).relativeFilePath(file).contains(QLatin1String("/.")) &&
            !QDir(root).relativeFilePath(file).startsWith(QLatin1Char('.')))
            files << file;
    }
    files.sort(); // stable ids and messages in a predictable order
    return importFiles(root, files, feedUrl.isEmpty() ? urlOf(root) : feedUrl,
                       feedTitle.isEmpty() ? QDir(root).dirName() : feedTitle);
}

Result<ImportReport> MarkdownImporter::importFiles(const QString& root, const QStringList& files,
                                                   const QString& feedUrl, const QString& feedTitle)
{
    ArticleStore store(m_db);
    ImportReport report;
    QList<Article> batch;
    std::optional<FeedId> feed; // created with the first good post, so a folder of bad files leaves no trace
    const auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        if (!feed) {
            auto created = FeedStore(m_db).ensure(FeedKind::LocalFolder, feedUrl, feedTitle);
            if (!created)
                return fail(created.error());
            feed = created.value();
        }
        auto counts = store.upsert(*feed, batch);
        batch.clear();
        if (!counts)
            return fail(counts.error());
        report.imported += counts->inserted;
        report.updated += counts->updated;
        report.unchanged += counts->unchanged;
        return {};
    };

    const QDir base(root);
    for (const QString& file : files) {
        const QString guid = base.relativeFilePath(file);
        QStringList warnings;
        auto article = readPost(file, guid, warnings);
        for (const QString& w : warnings)
            report.warnings.append({file, w});
        if (!article) {
            if (article.error().isEmpty())
                ++report.skipped, report.warnings.append({file, QStringLiteral("draft: true; not imported")});
            else
                report.errors.append({file, article.error()});
            continue;
        }
        batch.append(std::move(article.value()));
        if (batch.size() >= kBatchSize) {
            if (auto flushed = flush(); !flushed)
                return fail(flushed.error());
        }
    }
    if (auto flushed = flush(); !flushed)
        return fail(flushed.error());
    return report;
}

} // namespace folio
