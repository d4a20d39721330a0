#include "storage/migrations.h"

#include "storage/searchindex.h"
#include "storage/sql.h"

#include <QStringList>

namespace folio {

namespace {

struct Migration {
    int version;
    const char* purpose;
    QStringList statements;
    // Data the step derives in C++ after its statements, in the same transaction.
    Status (*populate)(const QSqlDatabase&) = nullptr;
};

// Append new steps at the end; never edit a step that has shipped (old libraries ran it as written).
const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> steps = {
        {1,
         "feeds, articles, reading state and tags",
         {
             QStringLiteral("PRAGMA application_id = 1179601993"), // kFolioApplicationId, "FOLI"
             // kind: FeedKind (1 web feed, 2 local folder). Times are ms since the epoch, UTC.
             QStringLiteral(R"(CREATE TABLE feeds (
                 id INTEGER PRIMARY KEY,
                 kind INTEGER NOT NULL,
                 url TEXT NOT NULL UNIQUE,
                 title TEXT NOT NULL DEFAULT '',
                 site_url TEXT NOT NULL DEFAULT '',
                 etag TEXT,
                 last_modified TEXT,
                 last_hash BLOB,
                 last_success INTEGER,
                 last_error TEXT,
                 error_count INTEGER NOT NULL DEFAULT 0,
                 next_fetch INTEGER,
                 added INTEGER NOT NULL) STRICT)"),
             // content_format: ContentFormat (1 markdown, 2 html). content_hash covers every stored field
             // a source can change, so an unchanged re-import or re-fetch writes nothing.
             QStringLiteral(R"(CREATE TABLE articles (
                 id INTEGER PRIMARY KEY,
                 feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                 guid TEXT NOT NULL,
                 url TEXT NOT NULL DEFAULT '',
                 slug TEXT NOT NULL DEFAULT '',
                 title TEXT NOT NULL,
                 author TEXT NOT NULL DEFAULT '',
                 published INTEGER NOT NULL,
                 updated INTEGER,
                 date_estimated INTEGER NOT NULL DEFAULT 0,
                 summary TEXT NOT NULL DEFAULT '',
                 content TEXT NOT NULL DEFAULT '',
                 content_format INTEGER NOT NULL,
                 content_hash BLOB NOT NULL,
                 fetched INTEGER NOT NULL,
                 UNIQUE (feed_id, guid)) STRICT)"),
             QStringLiteral("CREATE INDEX articles_by_date ON articles (published DESC, id DESC)"),
             QStringLiteral("CREATE INDEX articles_by_feed ON articles (feed_id, published DESC, id DESC)"),
             // State lives apart from content so marking read never rewrites an article's text, and it
             // repeats `published` so the Unread and Starred listings page through an index of their own.
             QStringLiteral(R"(CREATE TABLE article_state (
                 article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                 published INTEGER NOT NULL,
                 read INTEGER NOT NULL DEFAULT 0,
                 starred INTEGER NOT NULL DEFAULT 0,
                 read_at INTEGER,
                 starred_at INTEGER) STRICT)"),
             QStringLiteral("CREATE INDEX article_state_by_read ON article_state "
                            "(read, published DESC, article_id DESC)"),
             QStringLiteral("CREATE INDEX article_state_by_starred ON article_state "
                            "(starred, published DESC, article_id DESC)"),
             // `fold` is the case-folded name (domain tagKey): one tag whatever its spelling's case.
             QStringLiteral(R"(CREATE TABLE tags (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL,
                 fold TEXT NOT NULL UNIQUE) STRICT)"),
             QStringLiteral(R"(CREATE TABLE article_tags (
                 tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
                 article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                 position INTEGER NOT NULL,
                 published INTEGER NOT NULL,
                 PRIMARY KEY (tag_id, article_id)) STRICT, WITHOUT ROWID)"),
             QStringLiteral("CREATE INDEX article_tags_by_date ON article_tags "
                            "(tag_id, published DESC, article_id DESC)"),
             QStringLiteral("CREATE INDEX article_tags_by_article ON article_tags (article_id, position)"),
             // The copies of `published` follow the article; every article has a state row.
             QStringLiteral(R"(CREATE TRIGGER articles_state_on_insert AFTER INSERT ON articles BEGIN
                 INSERT INTO article_state (article_id, published) VALUES (NEW.id, NEW.published);
             END)"),
             QStringLiteral(R"(CREATE TRIGGER articles_published_on_update AFTER UPDATE OF published ON articles
             BEGIN
                 UPDATE article_state SET published = NEW.published WHERE article_id = NEW.id;
                 UPDATE article_tags SET published = NEW.published WHERE article_id = NEW.id;
             END)"),
         }},
        {2,
         "feed schedules and names, cached images",
         {
             // user_title: a rename by the user, which a sync never overwrites; null shows the feed's own title.
             QStringLiteral("ALTER TABLE feeds ADD COLUMN user_title TEXT"),
             QStringLiteral("ALTER TABLE feeds ADD COLUMN icon_url TEXT NOT NULL DEFAULT ''"),
             // The interval the feed asks for (RSS ttl, sy:updatePeriod), in minutes; 0 when it says nothing.
             QStringLiteral("ALTER TABLE feeds ADD COLUMN ttl_minutes INTEGER NOT NULL DEFAULT 0"),
             // Image bytes, content-addressed (SHA-256), shared by every URL that served the same bytes.
             QStringLiteral(R"(CREATE TABLE asset_data (
                 hash BLOB PRIMARY KEY,
                 mime TEXT NOT NULL,
                 data BLOB NOT NULL) STRICT)"),
             // One row per image URL an article or feed refers to: its bytes once fetched, or why not.
             QStringLiteral(R"(CREATE TABLE assets (
                 url TEXT PRIMARY KEY,
                 hash BLOB REFERENCES asset_data(hash),
                 bytes INTEGER NOT NULL DEFAULT 0,
                 fetched INTEGER,
                 attempts INTEGER NOT NULL DEFAULT 0,
                 error TEXT) STRICT)"),
             QStringLiteral("CREATE INDEX assets_by_hash ON assets (hash)"),
             QStringLiteral(R"(CREATE TABLE article_assets (
                 article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                 url TEXT NOT NULL,
                 PRIMARY KEY (article_id, url)) STRICT, WITHOUT ROWID)"),
             QStringLiteral("CREATE INDEX article_assets_by_url ON article_assets (url)"),
         }},
        {3,
         "full-text search",
         {
             // See storage/searchindex.h. The text that is indexed, one row per article.
             QStringLiteral(R"(CREATE TABLE search_text (
                 article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                 title TEXT NOT NULL,
                 tags TEXT NOT NULL,
                 body TEXT NOT NULL) STRICT)"),
             // External content: the index keeps no second copy of the text. detail=full: a CJK word is a
             // phrase of bigrams, and phrases need positions.
             QStringLiteral("CREATE VIRTUAL TABLE search_index USING fts5(title, tags, body, content='search_text', "
                            "content_rowid='article_id', tokenize='porter folio_cjk', detail=full)"),
             // Title hits count ten body hits, tags five (ORDER BY rank).
             QStringLiteral("INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)')"),
             // The FTS5 documentation's external-content triggers: a delete must hand over the indexed text.
             QStringLiteral(R"(CREATE TRIGGER search_text_on_insert AFTER INSERT ON search_text BEGIN
                 INSERT INTO search_index (rowid, title, tags, body)
                     VALUES (NEW.article_id, NEW.title, NEW.tags, NEW.body);
             END)"),
             QStringLiteral(R"(CREATE TRIGGER search_text_on_delete AFTER DELETE ON search_text BEGIN
                 INSERT INTO search_index (search_index, rowid, title, tags, body)
                     VALUES ('delete', OLD.article_id, OLD.title, OLD.tags, OLD.body);
             END)"),
             QStringLiteral(R"(CREATE TRIGGER search_text_on_update AFTER UPDATE ON search_text BEGIN
                 INSERT INTO search_index (search_index, rowid, title, tags, body)
                     VALUES ('delete', OLD.article_id, OLD.title, OLD.tags, OLD.body);
                 INSERT INTO search_index (rowid, title, tags, body)
                     VALUES (NEW.article_id, NEW.title, NEW.tags, NEW.body);
             END)"),
             // Articles stored or changed since they were indexed, indexed later in batches (searchindex.h).
             QStringLiteral(R"(CREATE TABLE search_pending (
                 article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE) STRICT)"),
             // 'tokenizer' and 'text': the versions the index and the text were made with.
             QStringLiteral("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT"),
         },
         &searchindex::populate},
        {4,
         "character index for single-character search",
         {
             // See storage/searchindex.h. Which articles have which CJK character: a query for one character
             // would otherwise be a prefix query over every bigram that starts with it. detail=none keeps only
             // the article ids, columnsize=0 no lengths: nothing ranks with it.
             QStringLiteral("CREATE VIRTUAL TABLE search_chars USING fts5(title, tags, body, content='search_text', "
                            "content_rowid='article_id', tokenize='folio_cjk_chars', detail=none, columnsize=0)"),
             QStringLiteral(R"(CREATE TRIGGER search_text_chars_on_insert AFTER INSERT ON search_text BEGIN
                 INSERT INTO search_chars (rowid, title, tags, body)
                     VALUES (NEW.article_id, NEW.title, NEW.tags, NEW.body);
             END)"),
             QStringLiteral(R"(CREATE TRIGGER search_text_chars_on_delete AFTER DELETE ON search_text BEGIN
                 INSERT INTO search_chars (search_chars, rowid, title, tags, body)
                     VALUES ('delete', OLD.article_id, OLD.title, OLD.tags, OLD.body);
             END)"),
             QStringLiteral(R"(CREATE TRIGGER search_text_chars_on_update AFTER UPDATE ON search_text BEGIN
                 INSERT INTO search_chars (search_chars, rowid, title, tags, body)
                     VALUES ('delete', OLD.article_id, OLD.title, OLD.tags, OLD.body);
                 INSERT INTO search_chars (rowid, title, tags, body)
                     VALUES (NEW.article_id, NEW.title, NEW.tags, NEW.body);
             END)"),
         },
         &searchindex::populateCharacters},
        {5,
         "search index written a batch at a time",
         {
             // FTS5 writes its pending entries out at every statement savepoint: indexed by these triggers, each
             // article became a segment of its own, merged again and again (over half of the indexing time).
             // searchindex writes a batch's entries in one statement instead; the delete and update triggers stay.
             QStringLiteral("DROP TRIGGER search_text_on_insert"),
             QStringLiteral("DROP TRIGGER search_text_chars_on_insert"),
         }},
        {6,
         "article state written with the article",
         {
             // A statement with a trigger keeps a statement journal of every page it changes (a copy of each 16 KB
             // page an article's row touches), a third of storing a feed; ArticleStore::upsert writes the state row
             // itself now, in a statement of its own.
             QStringLiteral("DROP TRIGGER articles_state_on_insert"),
         }},
    };
    return steps;
}

Status apply(const QSqlDatabase& db, const Migration& step)
{
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return began;
    // Another process may have migrated while we waited for the write lock.
    auto current = query(db, QStringLiteral("PRAGMA user_version"));
    if (!current)
        return fail(current.error());
    if (current->next() && current->value(0).toInt() >= step.version)
        return {};
    current->finish();

    for (const QString& sql : step.statements) {
        if (auto ran = query(db, sql); !ran)
            return fail(
                QStringLiteral("step %1 (%2): %3").arg(step.version).arg(QLatin1String(step.purpose), ran.error()));
    }
    if (step.populate) {
        if (auto populated = step.populate(db); !populated)
            return fail(QStringLiteral("step %1 (%2): %3")
                            .arg(step.version)
                            .arg(QLatin1String(step.purpose), populated.error()));
    }
    if (auto bumped = query(db, QStringLiteral("PRAGMA user_version = %1").arg(step.version)); !bumped)
        return fail(bumped.error());
    return tx.commit();
}

} // namespace

int latestSchemaVersion()
{
    return migrations().back().version;
}

Status migrate(const QSqlDatabase& db)
{
    auto current = query(db, QStringLiteral("PRAGMA user_version"));
    if (!current)
        return fail(current.error());
    const int from = current->next() ? current->value(0).toInt() : 0;
    current->finish();
    for (const Migration& step : migrations()) {
        if (step.version <= from)
            continue;
        if (auto applied = apply(db, step); !applied)
            return applied;
    }
    return {};
}

} // namespace folio
