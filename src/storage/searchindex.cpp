#include "storage/searchindex.h"

#include "render/plaintext.h"
#include "storage/cjktokenizer.h"
#include "storage/sql.h"

#include <QSqlDriver>

#include <dlfcn.h>
#include <sqlite3.h>

namespace folio::searchindex {

namespace {

const QChar kTagSeparator(0x1F);

sqlite3* handleOf(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

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

// Calls `write` with each article's id and indexed text, reading the articles in id order.
template <typename Write> Status forEachArticle(const QSqlDatabase& db, Write write)
{
    auto q = query(db, QStringLiteral("SELECT a.id, a.title, a.content, a.content_format, "
                                      "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM article_tags x "
                                      "JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id ORDER BY "
                                      "x.position)) AS tags FROM articles a ORDER BY a.id"));
    if (!q)
        return fail(q.error());
    while (q->next()) {
        const QString tags = q->value(4).toString();
        const auto format = contentFormatFromStored(q->value(3).toInt()).value_or(ContentFormat::Markdown);
        const IndexedText text =
            indexedText(q->value(1).toString(), tags.isEmpty() ? QStringList() : tags.split(kTagSeparator),
                        q->value(2).toString(), format);
        if (auto written = write(q->value(0).toLongLong(), text); !written)
            return written;
    }
    return {};
}

QVariant bindable(const QString& text)
{
    return text.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
}

} // namespace

Status attach(const QSqlDatabase& db)
{
    sqlite3* handle = handleOf(db);
    if (!handle)
        return fail(QStringLiteral("the Qt SQLite driver gives no SQLite handle; search needs one"));
    QString why;
    if (!driverUsesOurSqlite(db, &why))
        return fail(QStringLiteral("search is unavailable: %1").arg(why));
    const int rc = search::registerTokenizer(handle);
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

QString upsertStatement()
{
    return QStringLiteral("INSERT INTO search_text (article_id, title, tags, body) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, tags = excluded.tags, "
                          "body = excluded.body");
}

Status populate(const QSqlDatabase& db)
{
    auto insert = prepare(db, upsertStatement());
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
        if (auto rebuilt = query(db, QStringLiteral("INSERT INTO search_index (search_index) VALUES ('rebuild')"));
            !rebuilt)
            return fail(QStringLiteral("cannot rebuild the search index: %1").arg(rebuilt.error()));
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
