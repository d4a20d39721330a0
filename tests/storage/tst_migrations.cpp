#include "storage/articlestore.h"
#include "storage/cjktokenizer.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/migrations.h"
#include "storage/searchindex.h"
#include "storage/sql.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace folio;

namespace {

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Writes an SQLite file with plain sqlite3 calls, as another program (or a newer Folio) would.
void makeSqliteFile(const QString& path, const char* sql)
{
    sqlite3* raw = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(raw, sql, nullptr, nullptr, &error);
    const QByteArray message = error ? QByteArray(error) : QByteArray();
    sqlite3_free(error);
    sqlite3_close(raw);
    QVERIFY2(rc == SQLITE_OK, message.constData());
}

QStringList schemaNames(const Database& db, const QString& type)
{
    auto q = query(db.connection(),
                   QStringLiteral("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT "
                                  "LIKE 'sqlite_%' ORDER BY name"),
                   {type});
    QStringList names;
    while (q.ok() && q->next())
        names << q->value(0).toString();
    return names;
}

QVariant pragma(const Database& db, const QString& name)
{
    auto q = query(db.connection(), QStringLiteral("PRAGMA ") + name);
    return q.ok() && q->next() ? q->value(0) : QVariant();
}

// The first column of the first row of `sql`, or -1.
int firstInt(const Database& db, const QString& sql)
{
    auto q = query(db.connection(), sql);
    return q.ok() && q->next() ? q->value(0).toInt() : -1;
}

// Stores one article in a web feed of `db`.
bool storeArticle(Database& db, const QString& guid, const QString& title, qint64 publishedMs, const QString& content)
{
    auto feed = FeedStore(db).ensure(FeedKind::Web, QStringLiteral("https://x.org/f"), QStringLiteral("X"));
    if (!feed)
        return false;
    Article a;
    a.guid = guid;
    a.title = title;
    a.published = QDateTime::fromMSecsSinceEpoch(publishedMs);
    a.content = content;
    return ArticleStore(db).upsert(feed.value(), {a}).ok();
}

// A writable copy of tests/data/library-v1.sqlite — written by the first Folio schema, never regenerated — opened
// (and so migrated) in `dir`.
Result<std::unique_ptr<Database>> openVersionOneCopy(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("library.db"));
    if (!QFile::copy(QStringLiteral(FOLIO_TEST_DATA "/library-v1.sqlite"), path))
        return fail(QStringLiteral("cannot copy the version-1 fixture"));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Database::open(path);
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyFileMigratesToLatest()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("new/library.db")));
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        QCOMPARE(db.value()->schemaVersion(), latestSchemaVersion());
        QCOMPARE(pragma(*db.value(), QStringLiteral("application_id")).toInt(), kFolioApplicationId);
        QCOMPARE(pragma(*db.value(), QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(pragma(*db.value(), QStringLiteral("page_size")).toInt(), 16384);
        QCOMPARE(pragma(*db.value(), QStringLiteral("foreign_keys")).toInt(), 1);
        QVERIFY(pragma(*db.value(), QStringLiteral("busy_timeout")).toInt() >= 1000);
        const QStringList tables = schemaNames(*db.value(), QStringLiteral("table"));
        for (const char* table : {"feeds", "articles", "article_state", "tags", "article_tags"})
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        const QStringList indexes = schemaNames(*db.value(), QStringLiteral("index"));
        for (const char* index : {"articles_by_date", "articles_by_feed", "article_state_by_read",
                                  "article_state_by_starred", "article_tags_by_date"})
            QVERIFY2(indexes.contains(QLatin1String(index)), index);
    }

    void reopeningIsIdempotent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("library.db"));
        {
            QVERIFY(Database::open(path).ok());
        }
        auto again = Database::open(path);
        QVERIFY(again.ok());
        QCOMPARE(again.value()->schemaVersion(), latestSchemaVersion());
    }

    void versionOneFixtureUpgradesAndKeepsData()
    {
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        QCOMPARE(db.value()->schemaVersion(), latestSchemaVersion());
        QCOMPARE(pragma(*db.value(), QStringLiteral("page_size")).toInt(), 4096); // fixed when it was made

        ArticleStore store(*db.value());
        QCOMPARE(store.count().value(), 3);
        auto first = store.article(1);
        QVERIFY(first.ok());
        QCOMPARE(first->title, QStringLiteral("旧库里的第一篇"));
        QCOMPARE(first->tags, (QStringList{QStringLiteral("NLP"), QStringLiteral("位置编码")}));
        QVERIFY(first->read);
        QVERIFY(!first->starred);
        QVERIFY(store.article(2)->starred);
        QCOMPARE(store.article(3)->title, QStringLiteral("Third post from a heading"));

        auto tags = store.tagCounts();
        QVERIFY(tags.ok());
        QCOMPARE(tags->size(), 3);
        QCOMPARE(tags->at(0).name, QStringLiteral("NLP")); // "nlp" of the second post joined it
        QCOMPARE(tags->at(0).count, 2);
    }

    void stepTwoAddsFeedSettingsAndAssets()
    {
        // From the v1 fixture: the new columns get their defaults, the asset tables exist and cascade.
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        const QSqlDatabase c = db.value()->connection();

        auto feed = query(c, QStringLiteral("SELECT user_title IS NULL, icon_url, ttl_minutes FROM feeds LIMIT 1"));
        QVERIFY(feed.ok() && feed->next());
        QVERIFY(feed->value(0).toBool());
        QCOMPARE(feed->value(1).toString(), QString());
        QCOMPARE(feed->value(2).toInt(), 0);
        feed->finish();

        for (const char* table : {"assets", "asset_data", "article_assets"})
            QVERIFY2(schemaNames(*db.value(), QStringLiteral("table")).contains(QLatin1String(table)), table);
        QVERIFY(query(c, QStringLiteral("INSERT INTO article_assets VALUES (1, 'http://127.0.0.1/a.png')")).ok());
        QVERIFY(query(c, QStringLiteral("DELETE FROM articles WHERE id = 1")).ok());
        auto left = query(c, QStringLiteral("SELECT count(*) FROM article_assets"));
        QVERIFY(left.ok() && left->next());
        QCOMPARE(left->value(0).toInt(), 0);
    }

    void newerDatabaseIsRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.db"));
        const QByteArray sql = "CREATE TABLE articles (id INTEGER PRIMARY KEY); PRAGMA user_version = " +
                               QByteArray::number(latestSchemaVersion() + 1) + ";";
        makeSqliteFile(path, sql.constData());
        const QByteArray before = fileDigest(path);

        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().contains(QStringLiteral("newer Folio")), qPrintable(db.error()));
        QVERIFY(db.error().contains(QString::number(latestSchemaVersion() + 1)));
        QCOMPARE(fileDigest(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void foreignDatabaseIsRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        makeSqliteFile(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
        const QByteArray before = fileDigest(path);
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().contains(QStringLiteral("not a Folio library")), qPrintable(db.error()));
        QCOMPARE(fileDigest(path), before);

        const QString marked = dir.filePath(QStringLiteral("marked.db"));
        makeSqliteFile(marked, "PRAGMA application_id = 42;");
        auto other = Database::open(marked);
        QVERIFY(!other.ok());
        QVERIFY2(other.error().contains(QStringLiteral("another program")), qPrintable(other.error()));
    }

    void corruptFileIsRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.db"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        const QByteArray before = fileDigest(path);
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().contains(QStringLiteral("not a Folio library")), qPrintable(db.error()));
        QCOMPARE(fileDigest(path), before);
    }

    void failedStepRollsBackWhole()
    {
        // A Folio-marked file whose step 1 cannot finish (a "tags" table is in the way): nothing of the step
        // may remain, and the version stays where it was.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("half.db"));
        makeSqliteFile(path, "PRAGMA application_id = 1179601993; CREATE TABLE tags (x);");
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().contains(QStringLiteral("step 1")), qPrintable(db.error()));

        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(raw,
                           "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'feeds'), "
                           "(SELECT user_version FROM pragma_user_version)",
                           -1, &stmt, nullptr);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const int feedsTables = sqlite3_column_int(stmt, 0);
        const int version = sqlite3_column_int(stmt, 1);
        sqlite3_finalize(stmt);
        sqlite3_close(raw);
        QCOMPARE(feedsTables, 0);
        QCOMPARE(version, 0);
    }

    void folderIsNotALibrary()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.path());
        QVERIFY(!db.ok());
        QVERIFY(db.error().contains(QStringLiteral("folder")));
    }

    void resolvePathPrefersExplicitThenEnvironment()
    {
        QCOMPARE(Database::resolvePath(QStringLiteral("/x/given.db")), QStringLiteral("/x/given.db"));
        qputenv("FOLIO_DB", "/y/env.db");
        QCOMPARE(Database::resolvePath(), QStringLiteral("/y/env.db"));
        qunsetenv("FOLIO_DB");
        QVERIFY(Database::resolvePath().endsWith(QStringLiteral("folio/library.db")));
    }

    void stepThreeIndexesExistingArticles()
    {
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        const QSqlDatabase c = db.value()->connection();
        auto rows = query(c, QStringLiteral("SELECT count(*) FROM search_text"));
        QVERIFY(rows.ok() && rows->next());
        QCOMPARE(rows->value(0).toInt(), 3);
        rows->finish();
        auto hit = query(c, QStringLiteral("SELECT rowid FROM search_index WHERE search_index MATCH '\"旧库\"'"));
        QVERIFY(hit.ok() && hit->next());
        QCOMPARE(hit->value(0).toInt(), 1);
        QVERIFY(!hit->next());
        hit->finish();
        QVERIFY(query(c, QStringLiteral("INSERT INTO search_index (search_index) VALUES ('integrity-check')")).ok());
        QVERIFY(query(c, QStringLiteral("DELETE FROM articles WHERE id = 1")).ok()); // the index follows
        auto gone = query(c, QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH '\"旧库\"'"));
        QVERIFY(gone.ok() && gone->next());
        QCOMPARE(gone->value(0).toInt(), 0);
    }

    void stepFourIndexesCharactersOfExistingArticles()
    {
        // From the v1 fixture: each CJK character of the existing articles' text is in the character index, once
        // per article, and the index follows the text.
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        const QSqlDatabase c = db.value()->connection();
        const auto having = [&c](const char* character) {
            auto q = query(c, QStringLiteral("SELECT group_concat(rowid) FROM search_chars WHERE search_chars MATCH ?"),
                           {QString::fromUtf8(character)});
            return q.ok() && q->next() ? q->value(0).toString() : QStringLiteral("error");
        };
        QCOMPARE(having("旧"), QStringLiteral("1")); // the title 旧库里的第一篇
        QCOMPARE(having("库"), QStringLiteral("1"));
        QCOMPARE(having("码"), QStringLiteral("1")); // the tag 位置编码
        QVERIFY(query(c, QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('integrity-check')")).ok());
        QVERIFY(query(c, QStringLiteral("DELETE FROM articles WHERE id = 1")).ok());
        QCOMPARE(having("旧"), QString());
        QVERIFY(query(c, QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('integrity-check')")).ok());
    }

    void stepFiveLeavesIndexingToTheBatch()
    {
        // Step 5 drops the insert triggers (searchindex writes a batch's entries itself) and keeps the delete and
        // update ones: on an upgraded library, text stored alone is not indexed, and deleting an article unindexes it.
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        const QStringList triggers = schemaNames(*db.value(), QStringLiteral("trigger"));
        for (const char* gone : {"search_text_on_insert", "search_text_chars_on_insert"})
            QVERIFY2(!triggers.contains(QLatin1String(gone)), gone);
        for (const char* kept : {"search_text_on_delete", "search_text_on_update", "search_text_chars_on_delete",
                                 "search_text_chars_on_update"})
            QVERIFY2(triggers.contains(QLatin1String(kept)), kept);
        const QSqlDatabase c = db.value()->connection();
        const auto count = [&db](const QString& sql) { return firstInt(*db.value(), sql); };
        QVERIFY(query(c, QStringLiteral("DELETE FROM search_text WHERE article_id = 2")).ok());
        QVERIFY(query(c, QStringLiteral("INSERT INTO search_text (article_id, title, tags, body) "
                                        "VALUES (2, 'unindexedword', '', '')"))
                    .ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH 'unindexedword'")),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH '\"旧库\"'")), 1);
        QVERIFY(query(c, QStringLiteral("DELETE FROM articles WHERE id = 1")).ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH '\"旧库\"'")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM search_chars WHERE search_chars MATCH '旧'")), 0);
    }

    void stepSixLeavesTheStateRowToTheStore()
    {
        // Step 6 drops the insert trigger of article_state; ArticleStore writes the row with the article, so every
        // article still has one, with its date, and the old articles keep theirs.
        QTemporaryDir dir;
        auto db = openVersionOneCopy(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        QVERIFY(
            !schemaNames(*db.value(), QStringLiteral("trigger")).contains(QStringLiteral("articles_state_on_insert")));
        QVERIFY(storeArticle(*db.value(), QStringLiteral("new"), QStringLiteral("New"), 1700000000000,
                             QStringLiteral("text")));
        QCOMPARE(firstInt(*db.value(), QStringLiteral("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                                      "(SELECT 1 FROM article_state s WHERE s.article_id = a.id "
                                                      "AND s.published = a.published)")),
                 0);
        QCOMPARE(firstInt(*db.value(), QStringLiteral("SELECT count(*) FROM article_state")), 4);
    }

    void otherTokenizerVersionRebuildsIndexOnOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("library.db"));
        const auto hits = [](const Database& db) {
            return firstInt(
                db, QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH '\"位置编码\"'"));
        };
        const auto characterHits = [](const Database& db) {
            return firstInt(db, QStringLiteral("SELECT count(*) FROM search_chars WHERE search_chars MATCH '\"旋\"'"));
        };
        const auto meta = [](const Database& db, const char* key) {
            auto q = query(db.connection(), QStringLiteral("SELECT value FROM search_meta WHERE key = ?"),
                           {QLatin1String(key)});
            return q.ok() && q->next() ? q->value(0).toInt() : -1;
        };
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(storeArticle(*db.value(), QStringLiteral("g"), QStringLiteral("旋转位置编码"), 0,
                                 QStringLiteral("RoPE")));
            auto indexed = searchindex::indexPending(db.value()->connection(), 10);
            QVERIFY(indexed.ok());
            QCOMPARE(indexed.value(), 1);
            QCOMPARE(hits(*db.value()), 1);
            QCOMPARE(meta(*db.value(), "tokenizer"), search::kTokenizerVersion);
            QCOMPARE(meta(*db.value(), "text"), searchindex::kTextVersion);
            // As an index built by an older tokenizer would look: nothing this tokenizer would find, and the
            // stored text stale.
            const QSqlDatabase c = db.value()->connection();
            QVERIFY(query(c, QStringLiteral("INSERT INTO search_index (search_index) VALUES ('delete-all')")).ok());
            QVERIFY(query(c, QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('delete-all')")).ok());
            QVERIFY(query(c, QStringLiteral("UPDATE search_meta SET value = 0")).ok());
            QCOMPARE(hits(*db.value()), 0);
            QCOMPARE(characterHits(*db.value()), 0);
        }
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error()));
        QCOMPARE(hits(*db.value()), 1);
        QCOMPARE(characterHits(*db.value()), 1);
        QVERIFY(query(db.value()->connection(),
                      QStringLiteral("INSERT INTO search_chars (search_chars) VALUES ('integrity-check')"))
                    .ok());
        QCOMPARE(meta(*db.value(), "tokenizer"), search::kTokenizerVersion);
        QCOMPARE(meta(*db.value(), "text"), searchindex::kTextVersion);
        QVERIFY(query(db.value()->connection(),
                      QStringLiteral("INSERT INTO search_index (search_index) VALUES ('integrity-check')"))
                    .ok());
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
