#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "storage/searchstore.h"
#include "storage/sql.h"
#include "support/testlibrary.h"
#include "sync/markdownimporter.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace folio;
using namespace folio::test;

namespace {

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray post(const QString& title, const QString& date, const QString& body = QStringLiteral("Body text."))
{
    return QStringLiteral("---\ntitle: %1\ndate: %2\ntags: [NLP]\n---\n%3\n").arg(title, date, body).toUtf8();
}

const ImportIssue* issueFor(const QList<ImportIssue>& issues, const QString& fileName)
{
    for (const ImportIssue& issue : issues) {
        if (issue.source.endsWith(fileName))
            return &issue;
    }
    return nullptr;
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsAFolderOfHugoHexoAndJekyllPosts()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/blog");
        write(dir + QStringLiteral("/content/yaml.md"),
              "---\ntitle: RoPE 旋转位置编码\ndate: 2026-03-14T09:30:00+08:00\nlastmod: 2026-03-20\n"
              "tags: [RoPE, 位置编码]\ncategories: [NLP]\nauthor: 苏\nslug: rope\n---\n"
              "第一段讲 **RoPE** 的想法。\n\n第二段。\n");
        write(dir + QStringLiteral("/content/toml.md"),
              "+++\ntitle = \"TOML post\"\ndate = 2026-02-01T08:00:00Z\ntags = [\"nlp\", \"BERT\"]\n"
              "summary = \"The summary wins.\"\n+++\nFirst paragraph.\n");
        write(dir + QStringLiteral("/_posts/2026-01-05-plain-post.md"),
              "# A heading title\n\nIntro before the cut.\n\n<!--more-->\n\nAfter.\n");
        write(dir + QStringLiteral("/drafts/wip.md"), "---\ntitle: WIP\ndate: 2026-01-01\ndraft: true\n---\nx\n");
        write(dir + QStringLiteral("/.git/notes.md"), post(QStringLiteral("hidden"), QStringLiteral("2026-01-01")));
        write(dir + QStringLiteral("/README.txt"), "not a post");

        auto report = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error()));
        QCOMPARE(report->imported, 3);
        QCOMPARE(report->skipped, 1);
        QVERIFY(report->errors.isEmpty());

        ArticleStore store(lib.db());
        auto page = store.listingPage({}, 1, 10);
        QCOMPARE(page->total, 3);
        QCOMPARE(page->articles.at(0).title, QStringLiteral("RoPE 旋转位置编码"));
        QCOMPARE(page->articles.at(1).title, QStringLiteral("TOML post"));
        QCOMPARE(page->articles.at(2).title, QStringLiteral("A heading title"));

        const Article yaml = store.article(page->articles.at(0).id).value();
        QCOMPARE(yaml.published, QDateTime(QDate(2026, 3, 14), QTime(1, 30), QTimeZone::utc()));
        QCOMPARE(yaml.updated, QDateTime(QDate(2026, 3, 20), QTime(0, 0), QTimeZone::utc()));
        // A tag keeps the spelling it was first stored with: toml.md (imported first) wrote "nlp".
        QCOMPARE(yaml.tags, (QStringList{QStringLiteral("RoPE"), QStringLiteral("位置编码"), QStringLiteral("nlp")}));
        QCOMPARE(yaml.author, QStringLiteral("苏"));
        QCOMPARE(yaml.slug, QStringLiteral("rope"));
        QCOMPARE(yaml.summary, QStringLiteral("第一段讲 RoPE 的想法。"));
        QCOMPARE(yaml.guid, QStringLiteral("content/yaml.md"));
        QVERIFY(yaml.url.startsWith(QStringLiteral("file:///")));
        QCOMPARE(yaml.contentFormat, ContentFormat::Markdown);
        QVERIFY(yaml.content.startsWith(QStringLiteral("第一段")));

        QCOMPARE(page->articles.at(1).excerpt, QStringLiteral("The summary wins."));
        QCOMPARE(page->articles.at(2).excerpt, QStringLiteral("A heading title Intro before the cut."));
        QCOMPARE(page->articles.at(2).published, QDateTime(QDate(2026, 1, 5), QTime(0, 0), QTimeZone::utc()));

        auto feeds = FeedStore(lib.db()).feeds();
        QCOMPARE(feeds->size(), 1);
        QCOMPARE(feeds->front().kind, FeedKind::LocalFolder);
        QCOMPARE(feeds->front().title, QStringLiteral("blog"));
        // "nlp" from the TOML post and "NLP" from the YAML categories are one tag.
        auto tags = store.tagCounts();
        QCOMPARE(tags->size(), 4);
        QCOMPARE(store.listingPage(ListingFilter::byTag(QStringLiteral("nlp")), 1, 10)->total, 2);
    }

    void reImportIsIdempotentAndUpdatesInPlace()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/posts");
        write(dir + QStringLiteral("/a.md"), post(QStringLiteral("A"), QStringLiteral("2026-01-01")));
        write(dir + QStringLiteral("/b.md"), post(QStringLiteral("B"), QStringLiteral("2026-01-02")));
        MarkdownImporter importer(lib.db());
        QCOMPARE(importer.importPath(dir)->imported, 2);

        auto again = importer.importPath(dir);
        QCOMPARE(again->imported, 0);
        QCOMPARE(again->updated, 0);
        QCOMPARE(again->unchanged, 2);

        ArticleStore store(lib.db());
        const ArticleId a = store.listingPage({}, 1, 10)->articles.at(1).id;
        QVERIFY(store.setRead(a, true).ok());
        QVERIFY(store.setStarred(a, true).ok());
        write(dir + QStringLiteral("/a.md"),
              post(QStringLiteral("A, revised"), QStringLiteral("2026-01-01"), QStringLiteral("New body.")));
        write(dir + QStringLiteral("/c.md"), post(QStringLiteral("C"), QStringLiteral("2026-01-03")));
        auto changed = importer.importPath(dir);
        QCOMPARE(changed->imported, 1);
        QCOMPARE(changed->updated, 1);
        QCOMPARE(changed->unchanged, 1);
        QCOMPARE(store.count().value(), 3);
        const Article revised = store.article(a).value();
        QCOMPARE(revised.title, QStringLiteral("A, revised"));
        QVERIFY(revised.content.contains(QStringLiteral("New body.")));
        QVERIFY(revised.read);
        QVERIFY(revised.starred);

        // One file of the folder, imported on its own, is the same post (same feed, same id).
        auto single = importer.importPath(dir + QStringLiteral("/c.md"));
        QCOMPARE(single->unchanged, 1);
        QCOMPARE(store.count().value(), 3);
    }

    void badFilesAreReportedOneLineEachAndTheRestImports()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/bad");
        write(dir + QStringLiteral("/good.md"), post(QStringLiteral("Good"), QStringLiteral("2026-01-01")));
        write(dir + QStringLiteral("/binary.md"), QByteArray("\x80\x81\xff\xfe\x00\x01 not text", 16));
        // "编码，GB18030 的文章" in GB18030, with no declaration anywhere.
        write(dir + QStringLiteral("/gbk.md"),
              QByteArray("---\ntitle: GBK \xb1\xe0\xc2\xeb\ndate: 2026-01-02\n---\n\xb1\xe0\xc2\xeb\xa3\xac"
                         "GB18030 \xb5\xc4\xce\xc4\xd5\xc2\n"));
        write(dir + QStringLiteral("/broken-yaml.md"), "---\ntitle: [unclosed\ndate: 2026-01-01\n---\nx\n");
        write(dir + QStringLiteral("/unclosed.md"), "---\ntitle: never closed\n\nbody\n");
        write(dir + QStringLiteral("/no-date.md"), "---\ntitle: No date\n---\nbody\n");
        write(dir + QStringLiteral("/bad-date.md"), "---\ntitle: Bad date\ndate: next tuesday\n---\nbody\n");
        write(dir + QStringLiteral("/empty.md"), "");
        write(dir + QStringLiteral("/blank.md"), "\n\n   \n");
        QByteArray big = post(QStringLiteral("Big"), QStringLiteral("2026-01-03"));
        const QByteArray line = "这是一篇很长的文章，用来检查五兆字节的帖子能否完整导入。Large post line.\n";
        while (big.size() < 5 * 1024 * 1024)
            big += line;
        write(dir + QStringLiteral("/big.md"), big);
        write(dir + QStringLiteral("/huge.md"), QByteArray(MarkdownImporter::kMaxPostBytes + 1, 'a'));

        auto report = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY(report.ok());
        QCOMPARE(report->imported, 5); // good, gbk, no-date, bad-date, big
        QCOMPARE(report->errors.size(), 6);
        const auto expectError = [&](const char* file, const char* words) {
            const ImportIssue* issue = issueFor(report->errors, QLatin1String(file));
            QVERIFY2(issue, file);
            QVERIFY2(issue->message.contains(QLatin1String(words)), qPrintable(issue->message));
        };
        expectError("binary.md", "not UTF-8");
        expectError("broken-yaml.md", "not valid YAML (line");
        expectError("unclosed.md", "never closed");
        expectError("empty.md", "empty");
        expectError("blank.md", "empty");
        expectError("huge.md", "too large");
        QVERIFY(issueFor(report->warnings, QStringLiteral("gbk.md"))->message.contains(QStringLiteral("GB18030")));
        QVERIFY(issueFor(report->warnings, QStringLiteral("no-date.md"))->message.contains(QStringLiteral("no date")));
        QVERIFY(issueFor(report->warnings, QStringLiteral("bad-date.md"))
                    ->message.contains(QStringLiteral("next tuesday")));

        ArticleStore store(lib.db());
        auto gbk = store.listingPage(ListingFilter::all(), 1, 10);
        bool sawGbk = false, sawBig = false;
        for (const ArticleSummary& s : gbk->articles) {
            if (s.title == QStringLiteral("GBK 编码")) {
                sawGbk = true;
                QCOMPARE(store.article(s.id)->content, QStringLiteral("编码，GB18030 的文章\n"));
            }
            if (s.title == QStringLiteral("Big")) {
                sawBig = true;
                QCOMPARE(store.article(s.id)->content.toUtf8().size(),
                         big.size() - post(QStringLiteral("Big"), QStringLiteral("2026-01-03")).size() +
                             QByteArray("Body text.\n").size());
            }
            if (s.title == QStringLiteral("No date"))
                QVERIFY(store.article(s.id)->dateEstimated);
        }
        QVERIFY(sawGbk);
        QVERIFY(sawBig);
    }

    void thousandPostsWithThreeBroken()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/many");
        for (int i = 0; i < 1000; ++i) {
            QByteArray bytes = post(QStringLiteral("Post %1").arg(i),
                                    QStringLiteral("2026-02-01 10:%1").arg(i % 60, 2, 10, QLatin1Char('0')));
            if (i == 17)
                bytes = "---\ntitle: [\n---\n";
            if (i == 500)
                bytes = "";
            if (i == 999)
                bytes = "+++\ntitle = \n+++\n";
            write(dir + QStringLiteral("/p%1.md").arg(i, 4, 10, QLatin1Char('0')), bytes);
        }
        auto report = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY(report.ok());
        QCOMPARE(report->imported, 997);
        QCOMPARE(report->errors.size(), 3);
        QVERIFY(issueFor(report->errors, QStringLiteral("p0017.md")));
        QVERIFY(issueFor(report->errors, QStringLiteral("p0500.md")));
        QVERIFY(issueFor(report->errors, QStringLiteral("p0999.md"))->message.contains(QStringLiteral("TOML")));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 997);
    }

    void aFailingBatchIsRolledBackWhole()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/batches");
        const int files = MarkdownImporter::kBatchSize * 2 + 10;
        for (int i = 0; i < files; ++i)
            write(dir + QStringLiteral("/p%1.md").arg(i, 4, 10, QLatin1Char('0')),
                  post(QStringLiteral("P%1").arg(i), QStringLiteral("2026-03-01")));
        // The database refuses one post of the second batch, as a full disk or a constraint would.
        const QString victim = QStringLiteral("p%1.md").arg(MarkdownImporter::kBatchSize + 5, 4, 10, QLatin1Char('0'));
        QVERIFY(query(lib.db().connection(),
                      QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.guid = '%1' "
                                     "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                          .arg(victim))
                    .ok());
        auto report = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY(!report.ok());
        QVERIFY(report.error().contains(QStringLiteral("injected failure")));
        // The first batch landed whole; nothing of the second is there.
        QCOMPARE(ArticleStore(lib.db()).count().value(), MarkdownImporter::kBatchSize);
    }

    void importedPostsAreSearchableWhenImportReturns()
    {
        TestLibrary lib;
        const QString dir = lib.dir() + QStringLiteral("/searchable");
        const int files = MarkdownImporter::kIndexBatch + 30; // more than one indexing batch
        for (int i = 0; i < files; ++i)
            write(dir + QStringLiteral("/p%1.md").arg(i, 4, 10, QLatin1Char('0')),
                  post(QStringLiteral("P%1").arg(i), QStringLiteral("2026-03-01"),
                       i == 3 ? QStringLiteral("旋转位置编码 and a **quokka**.") : QStringLiteral("梯度检查点")));
        auto report = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY(report.ok());
        QCOMPARE(report->imported, files);
        QCOMPARE(report->indexed, files);
        QCOMPARE(searchindex::pendingCount(lib.db().connection()).value(), 0);
        SearchStore search(lib.db());
        auto one = search.search(QStringLiteral("quokka 位置编码"), SearchSort::Rank, 1, 20);
        QVERIFY(one.ok());
        QCOMPARE(one->total, 1);
        QCOMPARE(one->results.first().title, QStringLiteral("P3"));
        auto rest = search.search(QStringLiteral("检查点"), SearchSort::Rank, 1, 20);
        QVERIFY(rest.ok());
        QCOMPARE(rest->total, files - 1);

        // Changed posts are searchable by their new text when the re-import returns; Later leaves them waiting.
        write(dir + QStringLiteral("/p0003.md"),
              post(QStringLiteral("P3"), QStringLiteral("2026-03-01"), QStringLiteral("a wombat now")));
        write(dir + QStringLiteral("/p0004.md"),
              post(QStringLiteral("P4"), QStringLiteral("2026-03-01"), QStringLiteral("a numbat now")));
        auto later = MarkdownImporter(lib.db(), MarkdownImporter::Indexing::Later).importPath(dir);
        QVERIFY(later.ok());
        QCOMPARE(later->updated, 2);
        QCOMPARE(later->indexed, 0);
        QCOMPARE(search.search(QStringLiteral("wombat"), SearchSort::Rank, 1, 20)->total, 0);
        auto again = MarkdownImporter(lib.db()).importPath(dir);
        QVERIFY(again.ok());
        QCOMPARE(again->unchanged, files);
        QCOMPARE(again->indexed, 2); // what the earlier import left waiting
        QCOMPARE(search.search(QStringLiteral("wombat"), SearchSort::Rank, 1, 20)->total, 1);
        QCOMPARE(search.search(QStringLiteral("numbat"), SearchSort::Rank, 1, 20)->total, 1);
        QCOMPARE(search.search(QStringLiteral("quokka"), SearchSort::Rank, 1, 20)->total, 0);
    }

    void unusablePathsAreErrors()
    {
        TestLibrary lib;
        MarkdownImporter importer(lib.db());
        auto missing = importer.importPath(lib.dir() + QStringLiteral("/nope"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("does not exist")));
        write(lib.dir() + QStringLiteral("/notes.txt"), "text");
        auto wrongType = importer.importPath(lib.dir() + QStringLiteral("/notes.txt"));
        QVERIFY(!wrongType.ok());
        QVERIFY(wrongType.error().contains(QStringLiteral("not a Markdown file")));
        // A folder of only broken posts leaves no empty source behind.
        write(lib.dir() + QStringLiteral("/allbad/x.md"), "");
        QVERIFY(importer.importPath(lib.dir() + QStringLiteral("/allbad")).ok());
        QCOMPARE(FeedStore(lib.db()).feeds()->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
