#include "storage/searchindex.h"

#include "render/plaintext.h"
#include "storage/cjktokenizer.h"
#include "storage/searchrank.h"
#include "storage/sql.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QtConcurrent>

#include <dlfcn.h>
#include <sqlite3.h>

namespace folio::searchindex {

namespace {

const QChar kTagSeparator(0x1F);

// Whether the driver's SQLite is the very library this program calls. Each copy's sqlite3_libversion() returns
// a pointer into its own read-only data, so the two pointers are equal only for one and the same copy. The
// driver's copy is looked up from the plugin that defines the driver's class (its vtable lives there).
bool driverUsesOurSqlite(const QSqlDatabase& db, QString* why)
{
    Dl_info plugin{};
    // Itanium C++ ABI (Linux): a polymorphic object starts with its vtable pointer.
    const void* vtable = *reinterpret_cast<void* const*>(db.driver());
    if (dladdr(vtable, &plugin) == 0 || !plugin.dli_fname) {
        *why = QStringLiteral("cannot tell which library the Qt SQLite driver comes from");
        return false;
    }
    void* library = dlopen(plugin.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!library) {
        *why = QStringLiteral("cannot inspect the Qt SQLite driver %1").arg(QString::fromLocal8Bit(plugin.dli_fname));
        return false;
    }
    using VersionFunction = const char* (*)();
    const auto theirs = reinterpret_cast<VersionFunction>(dlsym(library, "sqlite3_libversion"));
    const bool same = theirs && theirs() == sqlite3_libversion();
    dlclose(library);
    if (!same)
        *why = QStringLiteral("the Qt SQLite driver (%1) has its own copy of SQLite, not the system libsqlite3 %2 "
                              "that Folio's search is built for")
                   .arg(QString::fromLocal8Bit(plugin.dli_fname), QLatin1String(sqlite3_libversion()));
    return same;
}

Result<int> metaValue(const QSqlDatabase& db, const QString& key)
{
    auto q = query(db, QStringLiteral("SELECT value FROM search_meta WHERE key = ?"), {key});
    if (!q)
        return fail(q.error());
    return q->next() ? q->value(0).toInt() : 0;
}

Status setMeta(const QSqlDatabase& db, const QString& key, int value)
{
    auto q = query(db,
                   QStringLiteral("INSERT INTO search_meta (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                   {key, value});
    if (!q)
        return fail(q.error());
    return {};
}

QVariant bindable(const QString& text)
{
    return text.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
}

// What an article's indexed text is made from: id, title, content, content_format, content_hash, tags.
const QString kSourceColumns =
    QStringLiteral("SELECT a.id, a.title, a.content, a.content_format, a.content_hash, (SELECT group_concat(name, "
                   "char(31)) FROM (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE "
                   "x.article_id = a.id ORDER BY x.position)) AS tags ");

struct Source {
    qint64 id = 0;
    QString title;
    QStringList tags;
    QString content;
    ContentFormat format = ContentFormat::Markdown;
    QByteArray hash; // ArticleStore's content hash: it covers every field above

    IndexedText text() const { return indexedText(title, tags, content, format); }
};

Source sourceOf(const QSqlQuery& q)
{
    const QString tags = q.value(5).toString();
    return {q.value(0).toLongLong(),
            q.value(1).toString(),
            tags.isEmpty() ? QStringList() : tags.split(kTagSeparator),
            q.value(2).toString(),
            contentFormatFromStored(q.value(3).toInt()).value_or(ContentFormat::Markdown),
            q.value(4).toByteArray()};
}

// Up to `limit` pending articles after `after`, in article order.
Result<QList<Source>> pendingSources(const QSqlDatabase& db, qint64 after, int limit)
{
    auto q = Utf8Statement::prepare(db, kSourceColumns + QStringLiteral("FROM search_pending p JOIN articles a ON "
                                                                        "a.id = p.article_id WHERE p.article_id > ? "
                                                                        "ORDER BY p.article_id LIMIT ?"));
    if (!q)
        return fail(q.error());
    QList<Source> sources;
    for (auto row = q->run({after, limit});; row = q->next()) {
        if (!row)
            return fail(row.error());
        if (!row.value())
            return sources;
        const QString tags = q->text(5);
        sources.append({q->integer(0), q->text(1), tags.isEmpty() ? QStringList() : tags.split(kTagSeparator),
                        q->text(2), contentFormatFromStored(int(q->integer(3))).value_or(ContentFormat::Markdown),
                        q->blob(4)});
    }
}

// The plain text of each source, extracted on the worker threads.
QFuture<IndexedText> extract(const QList<Source>& sources)
{
    return QtConcurrent::mapped(sources, [](const Source& s) { return s.text(); });
}

enum class Check { None, Unchanged };

// The ids of sources[chosen] as a JSON array, for `IN (SELECT value FROM json_each(?))`.
QString idArray(const QList<Source>& sources, const QList<qsizetype>& chosen)
{
    QString json = QStringLiteral("[");
    for (qsizetype i : chosen) {
        if (json.size() > 1)
            json += QLatin1Char(',');
        json += QString::number(sources.at(i).id);
    }
    return json + QLatin1Char(']');
}

// Writes the sources' texts and their index entries and takes them off the queue, in one transaction. With
// Check::Unchanged, sources read before the transaction began are checked against the article's content hash: an
// article changed or deleted since stays as it is (queued, or gone). Returns how many were indexed.
//
// The order matters. FTS5 writes its pending entries out at every statement savepoint (each statement with a
// trigger has one), so the index is written last, a batch in one statement per index: one segment, not one per
// article. Before it, the old texts go in one statement (their delete triggers take their tokens out).
Result<int> write(const QSqlDatabase& db, const QList<Source>& sources, const QList<IndexedText>& texts, Check check)
{
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return fail(began.error());
    auto insert = Utf8Statement::prepare(db, QStringLiteral("INSERT INTO search_text (article_id, title, tags, body) "
                                                            "VALUES (?, ?, ?, ?)"));
    if (!insert)
        return fail(insert.error());
    auto hash = prepare(db, QStringLiteral("SELECT content_hash FROM articles WHERE id = ?"));
    if (!hash)
        return fail(hash.error());
    QList<qsizetype> chosen;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const Source& source = sources.at(i);
        if (check == Check::Unchanged) {
            if (auto ran = run(hash.value(), {source.id}); !ran)
                return fail(ran.error());
            const bool same = hash->next() && hash->value(0).toByteArray() == source.hash;
            hash->finish();
            if (!same)
                continue;
        }
        chosen.append(i);
    }
    if (!chosen.isEmpty()) {
        const QString idList = idArray(sources, chosen);
        const QString inList = QStringLiteral(" IN (SELECT value FROM json_each(?))");
        if (auto ran = query(db, QStringLiteral("DELETE FROM search_text WHERE article_id") + inList, {idList}); !ran)
            return fail(ran.error());
        for (qsizetype i : chosen) {
            const IndexedText& t = texts.at(i);
            if (auto ran = insert->run({sources.at(i).id, bindable(t.title), bindable(t.tags), bindable(t.body)}); !ran)
                return fail(ran.error());
        }
        for (const char* index : {"search_index", "search_chars"}) {
            const QString add = QStringLiteral("INSERT INTO %1 (rowid, title, tags, body) SELECT article_id, title, "
                                               "tags, body FROM search_text WHERE article_id")
                                    .arg(QLatin1String(index)) +
                                inList;
            if (auto ran = query(db, add, {idList}); !ran)
                return fail(ran.error());
        }
        if (auto ran = query(db, QStringLiteral("DELETE FROM search_pending WHERE article_id") + inList, {idList});
            !ran)
            return fail(ran.error());
    }
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return int(chosen.size());
}

// Calls `write` with each article's id and indexed text, reading the articles in id order.
template <typename Write> Status forEachArticle(const QSqlDatabase& db, Write write)
{
    auto q = query(db, kSourceColumns + QStringLiteral("FROM articles a ORDER BY a.id"));
    if (!q)
        return fail(q.error());
    while (q->next()) {
        const Source source = sourceOf(q.value());
        if (auto written = write(source.id, source.text()); !written)
            return written;
    }
    return {};
}

} // namespace

Status attach(const QSqlDatabase& db)
{
    sqlite3* handle = sqliteHandle(db);
    if (!handle)
        return fail(QStringLiteral("the Qt SQLite driver gives no SQLite handle; search needs one"));
    QString why;
    if (!driverUsesOurSqlite(db, &why))
        return fail(QStringLiteral("search is unavailable: %1").arg(why));
    int rc = search::registerTokenizer(handle);
    if (rc == SQLITE_OK)
        rc = search::registerRankFunction(handle);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("search is unavailable: SQLite %1 has no FTS5 (%2)")
                        .arg(QLatin1String(sqlite3_libversion()), QLatin1String(sqlite3_errstr(rc))));
    return {};
}

IndexedText indexedText(const QString& title, const QStringList& tags, const QString& content, ContentFormat format)
{
    return {title, normalizedTags(tags).join(QLatin1Char('\n')), plainText(content, format)};
}

IndexedText indexedText(const Article& article)
{
    return indexedText(article.title, article.tags, article.content, article.contentFormat);
}

Status populate(const QSqlDatabase& db)
{
    // Schema step 3, whose insert trigger indexes each row (step 5 dropped it).
    auto insert = prepare(db, QStringLiteral("INSERT INTO search_text (article_id, title, tags, body) "
                                             "VALUES (?, ?, ?, ?)"));
    if (!insert)
        return fail(insert.error());
    const auto write = [&insert](qint64 id, const IndexedText& text) {
        return run(insert.value(), {id, bindable(text.title), bindable(text.tags), bindable(text.body)});
    };
    if (auto filled = forEachArticle(db, write); !filled)
        return filled;
    if (auto set = setMeta(db, QStringLiteral("tokenizer"), search::kTokenizerVersion); !set)
        return set;
    return setMeta(db, QStringLiteral("text"), kTextVersion);
}

Status populateCharacters(const QSqlDatabase& db)
{
    auto tokenizer = metaValue(db, QStringLiteral("tokenizer"));
    if (!tokenizer)
        return fail(tokenizer.error());
    if (tokenizer.value() != search::kTokenizerVersion)
        return {};
    if (auto rebuilt = query(db, QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('rebuild')"));
        !rebuilt)
        return fail(rebuilt.error());
    return {};
}

Result<int> indexPending(const QSqlDatabase& db, int limit)
{
    if (limit < 1)
        return fail(QStringLiteral("cannot index fewer than one article at a time"));
    // Mostly nothing is pending (a sync of unchanged feeds): then no write lock is taken.
    {
        auto any = query(db, QStringLiteral("SELECT 1 FROM search_pending LIMIT 1"));
        if (!any)
            return fail(any.error());
        if (!any->next())
            return 0;
    }
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return fail(began.error());
    // Read inside the write transaction: the text indexed is the text the article has when it leaves the queue.
    // A pending row whose article is gone cannot be (the foreign key cascades); the join would skip it anyway.
    auto sources = pendingSources(db, 0, limit);
    if (!sources)
        return fail(sources.error());
    if (sources->isEmpty())
        return 0;
    // Extracting the plain text costs about what storing the article did; it runs on the worker threads while
    // this one waits, and the FTS5 insertion (one thread only) follows.
    const QList<IndexedText> texts =
        sources->size() > 1 ? extract(sources.value()).results() : QList<IndexedText>{sources->front().text()};
    auto written = write(db, sources.value(), texts, Check::None); // joins this transaction
    if (!written)
        return fail(written.error());
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return written.value();
}

Result<int> indexAllPending(const QSqlDatabase& db, int batch)
{
    if (batch < 1)
        return fail(QStringLiteral("cannot index fewer than one article at a time"));
    // A pipeline: while this thread writes one batch into the index, the worker threads extract the next one's
    // text. The next batch is read before the current one is written, outside its transaction, so each article's
    // content hash is checked when it is written.
    int total = 0;
    auto first = pendingSources(db, 0, batch);
    if (!first)
        return fail(first.error());
    QList<Source> sources = std::move(first.value());
    QFuture<IndexedText> texts = extract(sources);
    while (!sources.isEmpty()) {
        auto next = pendingSources(db, sources.back().id, batch);
        if (!next) {
            texts.waitForFinished();
            return fail(next.error());
        }
        QFuture<IndexedText> nextTexts = extract(next.value());
        auto written = write(db, sources, texts.results(), Check::Unchanged);
        if (!written) {
            nextTexts.waitForFinished();
            return fail(written.error());
        }
        total += written.value();
        sources = std::move(next.value());
        texts = nextTexts;
    }
    // Whatever changed while its batch was under way, or was queued behind the pipeline, is still pending.
    for (;;) {
        auto indexed = indexPending(db, batch);
        if (!indexed)
            return fail(indexed.error());
        if (indexed.value() == 0)
            return total;
        total += indexed.value();
    }
}

struct PendingIndexer::Next {
    QList<Source> sources;
    QFuture<IndexedText> texts;
};

PendingIndexer::PendingIndexer(int batch)
    : m_batch(std::max(1, batch))
{
}

PendingIndexer::~PendingIndexer()
{
    if (m_next)
        m_next->texts.waitForFinished();
}

Result<int> PendingIndexer::step(const QSqlDatabase& db)
{
    if (!m_next || m_next->sources.isEmpty()) {
        // From the first pending article again: what changed behind the read-ahead is found here.
        auto sources = pendingSources(db, 0, m_batch);
        if (!sources)
            return fail(sources.error());
        if (sources->isEmpty()) {
            m_next.reset();
            return 0;
        }
        m_next = std::make_unique<Next>(Next{sources.value(), extract(sources.value())});
    }
    const std::unique_ptr<Next> current = std::move(m_next);
    auto following = pendingSources(db, current->sources.back().id, m_batch);
    if (!following) {
        current->texts.waitForFinished();
        return fail(following.error());
    }
    m_next = std::make_unique<Next>(Next{following.value(), extract(following.value())});
    auto written = write(db, current->sources, current->texts.results(), Check::Unchanged);
    if (!written)
        return fail(written.error());
    return int(current->sources.size());
}

Result<qint64> pendingCount(const QSqlDatabase& db)
{
    auto q = query(db, QStringLiteral("SELECT count(*) FROM search_pending"));
    if (!q)
        return fail(q.error());
    return q->next() ? q->value(0).toLongLong() : 0;
}

Status ensureCurrent(const QSqlDatabase& db)
{
    auto tokenizer = metaValue(db, QStringLiteral("tokenizer"));
    auto text = metaValue(db, QStringLiteral("text"));
    if (!tokenizer)
        return fail(tokenizer.error());
    if (!text)
        return fail(text.error());
    if (tokenizer.value() == search::kTokenizerVersion && text.value() == kTextVersion)
        return {};

    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return began;
    // First the index, from the stored text with this tokenizer; then the text, whose update triggers remove
    // the old text's tokens, which must be the tokens this tokenizer gives.
    if (tokenizer.value() != search::kTokenizerVersion) {
        for (const QString& rebuild : {QStringLiteral("INSERT INTO search_index (search_index) VALUES ('rebuild')"),
                                       QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('rebuild')")}) {
            if (auto rebuilt = query(db, rebuild); !rebuilt)
                return fail(QStringLiteral("cannot rebuild the search index: %1").arg(rebuilt.error()));
        }
        if (auto set = setMeta(db, QStringLiteral("tokenizer"), search::kTokenizerVersion); !set)
            return set;
    }
    if (text.value() != kTextVersion) {
        auto update = prepare(db, QStringLiteral("UPDATE search_text SET title = ?, tags = ?, body = ? "
                                                 "WHERE article_id = ? AND (title, tags, body) IS NOT (?, ?, ?)"));
        if (!update)
            return fail(update.error());
        const auto write = [&update](qint64 id, const IndexedText& t) {
            const QVariant title = bindable(t.title), tags = bindable(t.tags), body = bindable(t.body);
            return run(update.value(), {title, tags, body, id, title, tags, body});
        };
        if (auto redone = forEachArticle(db, write); !redone)
            return redone;
        if (auto set = setMeta(db, QStringLiteral("text"), kTextVersion); !set)
            return set;
    }
    return tx.commit();
}

} // namespace folio::searchindex
