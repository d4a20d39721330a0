#include "sync/markdownimporter.h"

#include "parse/frontmatter.h"
#include "parse/textdecoding.h"
#include "render/excerpt.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <QUrl>
#include <QtConcurrent>

#include <functional>

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

struct ParsedPost {
    QString file;
    std::optional<Article> article;
    QString error; // empty with no article: a draft, skipped
    QStringList warnings;
};

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

// Posts are read and parsed on worker threads a batch at a time while the previous batch is being stored, so
// parsing and SQLite each keep a core busy. Each batch is one transaction.
class Batches {
public:
    Batches(Database& db, QString root, QString feedUrl, QString feedTitle)
        : m_db(db)
        , m_store(db)
        , m_root(std::move(root))
        , m_feedUrl(std::move(feedUrl))
        , m_feedTitle(std::move(feedTitle))
    {
    }

    ~Batches() { m_pending.waitForFinished(); }

    // Queues one file; returns false once storing has failed (the import stops).
    bool add(const QString& file)
    {
        if (m_failure)
            return false;
        m_files << file;
        if (m_files.size() >= MarkdownImporter::kBatchSize)
            dispatch();
        return !m_failure;
    }

    Result<ImportReport> finish(MarkdownImporter::Indexing indexing)
    {
        if (!m_failure && !m_files.isEmpty())
            dispatch();
        if (!m_failure)
            storePending();
        m_pending.waitForFinished();
        if (m_failure)
            return fail(*m_failure);
        // Indexing after every post is stored, rather than batch by batch, keeps the posts readable at the speed
        // of storing alone; the index is written in large transactions, which FTS5 merges best.
        if (indexing == MarkdownImporter::Indexing::BeforeReturning) {
            auto indexed = searchindex::indexAllPending(m_db.connection(), MarkdownImporter::kIndexBatch);
            if (!indexed)
                return fail(QStringLiteral("the posts are stored but could not be indexed for search: %1")
                                .arg(indexed.error()));
            m_report.indexed = indexed.value();
        }
        return m_report;
    }

private:
    void dispatch()
    {
        const QDir base(m_root);
        QFuture<ParsedPost> next = QtConcurrent::mapped(m_files, [base](const QString& file) {
            ParsedPost parsed;
            parsed.file = file;
            auto article = readPost(file, base.relativeFilePath(file), parsed.warnings);
            if (article)
                parsed.article = std::move(article.value());
            else
                parsed.error = article.error();
            return parsed;
        });
        m_files.clear();
        storePending();
        m_pending = next;
    }

    void storePending()
    {
        if (!m_pending.isValid())
            return;
        m_pending.waitForFinished();
        const QList<ParsedPost> parsedPosts = m_pending.results();
        m_pending = {};
        QList<Article> batch;
        for (const ParsedPost& parsed : parsedPosts) {
            for (const QString& w : parsed.warnings)
                m_report.warnings.append({parsed.file, w});
            if (parsed.article) {
                batch.append(*parsed.article);
            } else if (parsed.error.isEmpty()) {
                ++m_report.skipped;
                m_report.warnings.append({parsed.file, QStringLiteral("draft: true; not imported")});
            } else {
                m_report.errors.append({parsed.file, parsed.error});
            }
        }
        if (batch.isEmpty())
            return;
        if (!m_feed) {
            // Created with the first good post: a folder of only bad files leaves no trace.
            auto created = FeedStore(m_db).ensure(FeedKind::LocalFolder, m_feedUrl, m_feedTitle);
            if (!created) {
                m_failure = created.error();
                return;
            }
            m_feed = created.value();
        }
        auto counts = m_store.upsert(*m_feed, batch);
        if (!counts) {
            m_failure = counts.error();
            return;
        }
        m_report.imported += counts->inserted;
        m_report.updated += counts->updated;
        m_report.unchanged += counts->unchanged;
    }

    Database& m_db;
    ArticleStore m_store;
    const QString m_root, m_feedUrl, m_feedTitle;
    QStringList m_files;
    QFuture<ParsedPost> m_pending;
    std::optional<FeedId> m_feed;
    std::optional<QString> m_failure;
    ImportReport m_report;
};

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
    Batches batches(m_db, folder, urlOf(folder), QDir(folder).dirName());
    batches.add(info.canonicalFilePath());
    return batches.finish(m_indexing);
}

Result<ImportReport> MarkdownImporter::importFolder(const QString& folder, const QString& feedUrl,
                                                    const QString& feedTitle)
{
    const QFileInfo info(folder);
    if (!info.isDir())
        return fail(QStringLiteral("%1 is not a folder").arg(folder));
    if (!info.isReadable())
        return fail(QStringLiteral("%1 cannot be read").arg(folder));
    const QString root = folder.startsWith(QLatin1Char(':')) ? folder : info.canonicalFilePath();
    Batches batches(m_db, root, feedUrl.isEmpty() ? urlOf(root) : feedUrl,
                    feedTitle.isEmpty() ? QDir(root).dirName() : feedTitle);
    // Folder by folder in name order, so ids and messages come in a predictable order and memory holds one
    // folder's names at a time, not the whole library's. Hidden folders (.git, .obsidian) hold no posts.
    const std::function<bool(const QString&)> walk = [&](const QString& dir) {
        const QDir here(dir);
        for (const QString& name : here.entryList({QStringLiteral("*.md"), QStringLiteral("*.markdown")},
                                                  QDir::Files | QDir::Readable, QDir::Name)) {
            if (!batches.add(here.filePath(name)))
                return false;
        }
        for (const QString& sub : here.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Readable, QDir::Name)) {
            if (!walk(here.filePath(sub)))
                return false;
        }
        return true;
    };
    walk(root);
    return batches.finish(m_indexing);
}

} // namespace folio
