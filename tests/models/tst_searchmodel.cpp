// Search in the models: SearchModel off the GUI thread (newest request wins, paging, sort), the sidebar's Search
// section and saved searches, on a real library seeded with the bundled samples.
#include "models/library.h"
#include "models/searchmodel.h"
#include "models/sidebarmodel.h"
#include "support/testlibrary.h"
#include "sync/samplelibrary.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QtConcurrent>

using namespace folio;
using namespace folio::test;

namespace {

const QString kRopeTitle = QStringLiteral("旋转位置编码 RoPE：用复数乘法实现相对位置");

QStringList titles(const SearchModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.data(model.index(row), PagedArticleModel::TitleRole).toString();
    return out;
}

} // namespace

class TestSearchModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_lib = std::make_unique<TestLibrary>();
        QVERIFY(SampleLibrary::seedIfEmpty(m_lib->db()).value());
        m_library = std::make_unique<Library>(m_lib->db());
    }

    void cleanup()
    {
        m_library.reset();
        m_lib.reset();
    }

    void findsArticlesOffTheGuiThread()
    {
        SearchModel model(*m_library);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pages(&model, &SearchModel::pageChanged);
        QSignalSpy failures(&model, &SearchModel::failed);
        model.setQuery(QStringLiteral("位置编码"), SearchSort::Rank, 20);
        QVERIFY(model.busy());
        QCOMPARE(model.rowCount(), 0); // nothing yet: the answer comes from a worker
        QTRY_COMPARE(pages.count(), 1);
        QVERIFY(!model.busy());
        QVERIFY(titles(model).contains(kRopeTitle));
        QCOMPARE(model.total(), m_library->search(QStringLiteral("位置编码"), SearchSort::Rank, 1, 20)->total);
        const int rope = int(titles(model).indexOf(kRopeTitle));
        const QString snippet = model.data(model.index(rope), PagedArticleModel::SnippetRole).toString();
        QVERIFY(snippet.contains(kHighlightStart) && snippet.contains(kHighlightEnd));
        QVERIFY(!model.data(model.index(rope), PagedArticleModel::ExcerptRole).toString().contains(kHighlightStart));
        QCOMPARE(model.articleIdAt(rope), model.data(model.index(rope), PagedArticleModel::IdRole).toLongLong());
        QCOMPARE(failures.count(), 0);

        // Reading an article updates its row in place.
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_library->setRead(model.articleIdAt(rope), true).ok());
        QCOMPARE(changes.count(), 1);
        QVERIFY(model.data(model.index(rope), PagedArticleModel::ReadRole).toBool());
    }

    void pagesAndSorts()
    {
        SearchModel model(*m_library);
        QSignalSpy pages(&model, &SearchModel::pageChanged);
        model.setQuery(QStringLiteral("编码"), SearchSort::Rank, 2);
        QTRY_COMPARE(pages.count(), 1);
        QVERIFY(model.total() >= 5);
        QCOMPARE(model.pageCount(), int((model.total() + 1) / 2));
        QCOMPARE(model.rowCount(), 2);
        const ArticleId firstOfPage1 = model.articleIdAt(0);

        QVERIFY(model.showPage(model.pageCount()).ok());
        QTRY_COMPARE(pages.count(), 2);
        QCOMPARE(model.page(), model.pageCount());
        QCOMPARE(model.rowCount(), int(model.total() - 2 * (model.pageCount() - 1)));
        QVERIFY(model.articleIdAt(0) != firstOfPage1);
        QVERIFY(!model.showPage(model.pageCount() + 1).ok());
        QVERIFY(!model.showPage(0).ok());

        // Newest first: dates never go up, across pages.
        model.setQuery(QStringLiteral("编码"), SearchSort::Newest, 2);
        QTRY_COMPARE(pages.count(), 3);
        QCOMPARE(model.page(), 1);
        QDateTime previous = model.data(model.index(0), PagedArticleModel::PublishedRole).toDateTime();
        for (int page = 1; page <= model.pageCount(); ++page) {
            if (page > 1) {
                QVERIFY(model.showPage(page).ok());
                QTRY_COMPARE(model.page(), page);
            }
            for (int row = 0; row < model.rowCount(); ++row) {
                const QDateTime published = model.data(model.index(row), PagedArticleModel::PublishedRole).toDateTime();
                QVERIFY(published <= previous);
                previous = published;
            }
        }
    }

    void newestRequestWins()
    {
        SearchModel model(*m_library);
        QList<QStringList> shown;
        connect(&model, &SearchModel::pageChanged, &model, [&] { shown << titles(model); });
        // Typing: each request supersedes the one before.
        for (const QString& q : {QStringLiteral("b"), QStringLiteral("be"), QStringLiteral("ber"),
                                 QStringLiteral("bert"), QStringLiteral("位置编码")})
            model.setQuery(q, SearchSort::Rank, 20);
        QTRY_VERIFY(!model.busy());
        QVERIFY(!shown.isEmpty());
        QVERIFY(shown.size() <= 2); // at most the one already running, then the newest
        QCOMPARE(model.query(), QStringLiteral("位置编码"));
        QVERIFY(shown.last().contains(kRopeTitle));
        QCOMPARE(model.total(), m_library->search(QStringLiteral("位置编码"), SearchSort::Rank, 1, 20)->total);

        // Clearing while a search runs: the late answer is dropped.
        model.setQuery(QStringLiteral("transformer"), SearchSort::Rank, 20);
        model.setQuery(QString(), SearchSort::Rank, 20);
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY(!model.busy());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.total(), 0);
    }

    void hostileQueriesAnswerWithoutError()
    {
        SearchModel model(*m_library);
        QSignalSpy failures(&model, &SearchModel::failed);
        const QStringList queries{QStringLiteral("\""), QStringLiteral("c++"), QStringLiteral("NOT"),
                                  QStringLiteral("-"),  QStringLiteral("a:b"), QStringLiteral("node.js"),
                                  QStringLiteral("*"),  QStringLiteral("(("),  QStringLiteral("tag:"),
                                  QString(10000, u'x'), QString(10000, u'编'), QStringLiteral("\" OR 1=1 --")};
        for (const QString& q : queries) {
            QSignalSpy pages(&model, &SearchModel::pageChanged);
            model.setQuery(q, SearchSort::Rank, 20);
            QTRY_VERIFY2(!model.busy(), qPrintable(q.left(20)));
            QVERIFY(pages.count() >= 1);
        }
        QCOMPARE(failures.count(), 0);
    }

    void libraryAnswersFromAnyThread()
    {
        auto future = QtConcurrent::run(
            [library = m_library.get()] { return library->search(QStringLiteral("RoPE"), SearchSort::Rank, 1, 5); });
        future.waitForFinished();
        const Result<SearchPage> found = future.result();
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error()));
        QVERIFY(found->total >= 1);
        QCOMPARE(Library::highlightTerms(QStringLiteral("RoPE \"位置 编码\" -bert tag:NLP")),
                 (QStringList{QStringLiteral("RoPE"), QStringLiteral("位置 编码")}));
    }

    void sidebarShowsCurrentAndSavedSearches()
    {
        SidebarModel sidebar(*m_library);
        QAbstractItemModelTester tester(&sidebar, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(sidebar.refresh().ok());
        QCOMPARE(sidebar.rowCount(), 3); // no Search section without a search

        sidebar.setCurrentSearch(QStringLiteral("位置"), 3);
        QCOMPARE(sidebar.rowCount(), 4);
        QModelIndex current = sidebar.indexOfSearch(QStringLiteral("位置"));
        QVERIFY(current.isValid());
        QCOMPARE(sidebar.searchAt(current), QStringLiteral("位置"));
        QVERIFY(!sidebar.filterAt(current).has_value());
        QCOMPARE(sidebar.data(current, SidebarModel::CountRole).toLongLong(), 3);
        QCOMPARE(SidebarModel::Kind(sidebar.data(current, SidebarModel::KindRole).toInt()), SidebarModel::Kind::Search);

        // Typing on changes the entry in place.
        QSignalSpy resets(&sidebar, &QAbstractItemModel::modelReset);
        sidebar.setCurrentSearch(QStringLiteral("位置编码"), 2);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(sidebar.indexOfSearch(QStringLiteral("位置编码")), current);

        // Saved, the entry stands for the current search too; persisted in the settings.
        m_library->saveSearch(QStringLiteral("位置编码"));
        m_library->saveSearch(QStringLiteral("tag:NLP"));
        m_library->saveSearch(QStringLiteral("tag:NLP")); // once only
        current = sidebar.indexOfSearch(QStringLiteral("位置编码"));
        QCOMPARE(SidebarModel::Kind(sidebar.data(current, SidebarModel::KindRole).toInt()),
                 SidebarModel::Kind::SavedSearch);
        QCOMPARE(sidebar.rowCount(current.parent()), 2);
        Library again(m_lib->db());
        QCOMPARE(again.savedSearches(), (QStringList{QStringLiteral("位置编码"), QStringLiteral("tag:NLP")}));

        m_library->removeSavedSearch(QStringLiteral("位置编码"));
        current = sidebar.indexOfSearch(QStringLiteral("位置编码"));
        QCOMPARE(SidebarModel::Kind(sidebar.data(current, SidebarModel::KindRole).toInt()), SidebarModel::Kind::Search);
        sidebar.setCurrentSearch(QString(), 0);
        QVERIFY(!sidebar.indexOfSearch(QStringLiteral("位置编码")).isValid());
        QVERIFY(sidebar.indexOfSearch(QStringLiteral("tag:NLP")).isValid());
        m_library->removeSavedSearch(QStringLiteral("tag:NLP"));
        QCOMPARE(sidebar.rowCount(), 3);
    }

private:
    std::unique_ptr<TestLibrary> m_lib;
    std::unique_ptr<Library> m_library;
};

QTEST_GUILESS_MAIN(TestSearchModel)
#include "tst_searchmodel.moc"
