// Search in the real window, offscreen, on a real library seeded with the bundled samples: typing shows results,
// paging, sorting, j/k, Esc back to the listing, saved searches, the matched words marked in the opened article.
#include "models/library.h"
#include "models/listingmodel.h"
#include "models/searchmodel.h"
#include "models/sidebarmodel.h"
#include "support/pagescript.h"
#include "support/testlibrary.h"
#include "sync/samplelibrary.h"
#include "ui/articleview.h"
#include "ui/listingdelegate.h"
#include "ui/mainwindow.h"
#include "ui/pagescheme.h"
#include "ui/searchbar.h"

#include <QApplication>
#include <QComboBox>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QWebEngineScript>

using namespace folio;
using namespace folio::test;

namespace {

constexpr int kTimeout = 60000;
const QString kRopeTitle = QStringLiteral("旋转位置编码 RoPE：用复数乘法实现相对位置");

QStringList shownTitles(const MainWindow& window)
{
    QStringList titles;
    const PagedArticleModel* model = window.shown();
    for (int row = 0; row < model->rowCount(); ++row)
        titles << model->data(model->index(row, 0), PagedArticleModel::TitleRole).toString();
    return titles;
}

} // namespace

class TestSearchWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_lib = std::make_unique<TestLibrary>();
        QVERIFY(SampleLibrary::seedIfEmpty(m_lib->db()).value());
        m_library = std::make_unique<Library>(m_lib->db());
        m_window = std::make_unique<MainWindow>(*m_library);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // shortcuts reach the active window only
    }

    void cleanup()
    {
        m_window.reset();
        m_library.reset();
        m_lib.reset();
    }

    void typingShowsResultsAndEscRestoresTheListing()
    {
        MainWindow& window = *m_window;
        QVERIFY(window.showListing(ListingFilter::byTag(QStringLiteral("Transformer"))).ok());
        const qint64 tagTotal = window.listing()->total();
        auto* list = window.findChild<QListView*>();
        auto* tree = window.findChild<QTreeView*>();
        list->setFocus();

        QTest::keyClick(&window, Qt::Key_Slash);
        QLineEdit* field = window.searchBar()->field();
        QTRY_VERIFY(field->hasFocus());
        // Chinese arrives from an input method, committed in one go.
        QInputMethodEvent commit;
        commit.setCommitString(QStringLiteral("位置编码"));
        QApplication::sendEvent(field, &commit);
        QCOMPARE(field->text(), QStringLiteral("位置编码"));
        QTRY_VERIFY(window.searching());
        QTRY_VERIFY(shownTitles(window).contains(kRopeTitle));
        QCOMPARE(list->model(), window.searchResults());
        QCOMPARE(window.sidebar()->searchAt(tree->currentIndex()), QStringLiteral("位置编码"));
        QVERIFY(window.statusBar()->currentMessage().contains(QString::number(window.searchResults()->total())));

        // The delegate paints the snippet with the matches in bold.
        const QModelIndex first = window.shown()->index(0, 0);
        const QString html = ListingDelegate::snippetHtml(first.data(PagedArticleModel::SnippetRole).toString());
        QVERIFY2(html.contains(QStringLiteral("<b>")), qPrintable(html));
        QCOMPARE(ListingDelegate::snippetHtml(QStringLiteral("a<b>&") + kHighlightStart + QStringLiteral("c++") +
                                              kHighlightEnd),
                 QStringLiteral("a&lt;b&gt;&amp;<b>c++</b>"));

        // j and k step through the results.
        QVERIFY(window.searchResults()->rowCount() >= 2);
        list->setFocus();
        QTest::keyClick(&window, Qt::Key_J);
        QTest::keyClick(&window, Qt::Key_J);
        const int row = list->currentIndex().row();
        QVERIFY(row >= 1);
        QCOMPARE(window.currentArticle(), window.searchResults()->articleIdAt(row));
        QTest::keyClick(&window, Qt::Key_K);
        QCOMPARE(window.currentArticle(), window.searchResults()->articleIdAt(row - 1));

        field->setFocus();
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(!window.searching());
        QVERIFY(field->text().isEmpty());
        QCOMPARE(list->model(), window.listing());
        QCOMPARE(window.listing()->filter(), ListingFilter::byTag(QStringLiteral("Transformer")));
        QCOMPARE(window.listing()->total(), tagTotal);
        QCOMPARE(window.sidebar()->filterAt(tree->currentIndex())->tag.value().toCaseFolded(),
                 QStringLiteral("transformer"));
        QVERIFY(!window.sidebar()->indexOfSearch(QStringLiteral("位置编码")).isValid());

        // Ctrl+F from anywhere; Esc from the list leaves a search too.
        list->setFocus();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("RoPE"));
        QTRY_VERIFY(window.searching() && !window.searchResults()->busy() && window.shown()->rowCount() > 0);
        list->setFocus();
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.searching());
        QCOMPARE(list->model(), window.listing());

        // An emptied field leaves the search as well.
        QTest::keyClicks(field, QStringLiteral("bert"));
        QTRY_VERIFY(window.searching());
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Backspace);
        QTRY_VERIFY(!window.searching());
    }

    void pagesStepsAndSorts()
    {
        MainWindow& window = *m_window;
        window.setPageSize(2);
        window.search(QStringLiteral("编码"));
        SearchModel* results = window.searchResults();
        QTRY_VERIFY(!results->busy() && results->rowCount() == 2);
        QVERIFY(results->pageCount() >= 3);

        QTest::keyClick(&window, Qt::Key_N);
        QTRY_COMPARE(results->page(), 2);
        QTest::keyClick(&window, Qt::Key_P);
        QTRY_COMPARE(results->page(), 1);

        // j across the end of a page opens the first result of the next one.
        QTest::keyClick(&window, Qt::Key_J);
        QTest::keyClick(&window, Qt::Key_J);
        const ArticleId second = results->articleIdAt(1);
        QCOMPARE(window.currentArticle(), second);
        QTest::keyClick(&window, Qt::Key_J);
        QTRY_COMPARE(results->page(), 2);
        QTRY_COMPARE(window.currentArticle(), results->articleIdAt(0));
        QTest::keyClick(&window, Qt::Key_K);
        QTRY_COMPARE(results->page(), 1);
        QTRY_COMPARE(window.currentArticle(), second);

        // Newest first.
        auto* sort = window.searchBar()->findChild<QComboBox*>();
        sort->setCurrentIndex(sort->findData(int(SearchSort::Newest)));
        Q_EMIT sort->activated(sort->currentIndex());
        QTRY_VERIFY(!results->busy() && results->sort() == SearchSort::Newest);
        QCOMPARE(results->page(), 1);
        QList<QDateTime> dates;
        for (int page = 1; page <= results->pageCount(); ++page) {
            QVERIFY(results->showPage(page).ok());
            QTRY_VERIFY(!results->busy() && results->page() == page);
            for (int row = 0; row < results->rowCount(); ++row)
                dates << results->data(results->index(row), PagedArticleModel::PublishedRole).toDateTime();
        }
        QCOMPARE(dates.size(), int(results->total()));
        QVERIFY(std::is_sorted(dates.begin(), dates.end(), std::greater<>()));
    }

    void savedSearchesPersistAndAreRemoved()
    {
        window().search(QStringLiteral("RoPE"));
        QTRY_VERIFY(!window().searchResults()->busy());
        auto* save = window().searchBar()->findChild<QToolButton*>();
        QVERIFY(save && save->isEnabled());
        save->click();
        auto* tree = window().findChild<QTreeView*>();
        QModelIndex entry = window().sidebar()->indexOfSearch(QStringLiteral("RoPE"));
        QVERIFY(entry.isValid());
        QCOMPARE(SidebarModel::Kind(entry.data(SidebarModel::KindRole).toInt()), SidebarModel::Kind::SavedSearch);
        QCOMPARE(tree->currentIndex(), entry);

        // Another start: the saved search is there; choosing it searches.
        m_window.reset();
        Library again(m_lib->db());
        MainWindow next(again);
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        QVERIFY(!next.searching());
        auto* nextTree = next.findChild<QTreeView*>();
        entry = next.sidebar()->indexOfSearch(QStringLiteral("RoPE"));
        QVERIFY(entry.isValid());
        nextTree->setCurrentIndex(entry);
        QVERIFY(next.searching());
        QCOMPARE(next.searchBar()->query(), QStringLiteral("RoPE"));
        QTRY_VERIFY(shownTitles(next).contains(kRopeTitle));

        // The context menu removes it.
        entry = next.sidebar()->indexOfSearch(QStringLiteral("RoPE"));
        Q_EMIT nextTree->customContextMenuRequested(nextTree->visualRect(entry).center());
        QMenu* menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) != nullptr);
        QAction* remove = nullptr;
        for (QAction* a : menu->actions())
            remove = a->text() == MainWindow::tr("Remove saved search") ? a : remove;
        QVERIFY(remove);
        remove->trigger();
        menu->close();
        QVERIFY(again.savedSearches().isEmpty());
        // Still searching: the entry is the current search now, not a saved one.
        entry = next.sidebar()->indexOfSearch(QStringLiteral("RoPE"));
        QCOMPARE(SidebarModel::Kind(entry.data(SidebarModel::KindRole).toInt()), SidebarModel::Kind::Search);
        QCOMPARE(nextTree->currentIndex(), entry);
    }

    void openingAResultMarksTheTermsOutsideMath()
    {
        MainWindow& window = *m_window;
        // "boldsymbol" occurs only in the TeX of the RoPE article's formulas: found, never marked.
        window.search(QStringLiteral("位置编码 boldsymbol"));
        QTRY_VERIFY(shownTitles(window).contains(kRopeTitle));
        QSignalSpy typeset(window.articleView(), &ArticleView::typeset);
        auto* list = window.findChild<QListView*>();
        list->setCurrentIndex(window.shown()->index(int(shownTitles(window).indexOf(kRopeTitle)), 0));
        QTRY_VERIFY_WITH_TIMEOUT(typeset.count() >= 1, kTimeout);
        QVERIFY(typeset.last().at(0).toInt() > 0); // formulas were typeset

        ArticleView& view = *window.articleView();
        QVERIFY(evaluate(view, QStringLiteral("document.querySelectorAll('mark.search-hit').length")).toInt() > 0);
        QCOMPARE(evaluate(view, QStringLiteral("document.querySelectorAll('.katex mark, .math mark').length")).toInt(),
                 0);
        const QStringList marked =
            evaluate(view, QStringLiteral("Array.from(document.querySelectorAll('mark.search-hit'), "
                                          "m => m.textContent)"))
                .toStringList();
        QVERIFY(!marked.isEmpty());
        for (const QString& text : marked)
            QCOMPARE(text, QStringLiteral("位置编码"));

        // Opened from a listing, nothing is marked.
        window.leaveSearch();
        QVERIFY(window.showListing(ListingFilter::all()).ok());
        typeset.clear();
        QVERIFY(window.openArticle(window.listing()->articleIdAt(window.listing()->rowCount() - 1)).ok());
        QVERIFY(window.openArticle(window.listing()->articleIdAt(0)).ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            typeset.count() >= 1 && window.articleView()->articleId() == window.listing()->articleIdAt(0), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            evaluate(view, QStringLiteral("document.querySelectorAll('mark.search-hit').length")).toInt(), 0, kTimeout);
    }

    void anOpenedResultScrollsToTheFirstHit()
    {
        MainWindow& window = *m_window;
        window.resize(1280, 800);
        // Only in the references at the end of the RoPE article.
        window.search(QStringLiteral("RoFormer"));
        QTRY_VERIFY(shownTitles(window).contains(kRopeTitle));
        QSignalSpy typeset(window.articleView(), &ArticleView::typeset);
        auto* list = window.findChild<QListView*>();
        list->setCurrentIndex(window.shown()->index(int(shownTitles(window).indexOf(kRopeTitle)), 0));
        QTRY_VERIFY_WITH_TIMEOUT(typeset.count() >= 1, kTimeout);
        ArticleView& view = *window.articleView();
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(view, QStringLiteral("(function () {"
                                          "  var r = document.querySelector('mark.search-hit')"
                                          "      .getBoundingClientRect();"
                                          "  return scrollY > 0 && r.top >= 0 && r.bottom <= innerHeight;"
                                          "})()"))
                .toBool(),
            kTimeout);
    }

    void hostileQueriesShowNoError()
    {
        MainWindow& window = *m_window;
        QSignalSpy failures(window.searchResults(), &SearchModel::failed);
        QLineEdit* field = window.searchBar()->field();
        field->setFocus();
        QTest::keyClicks(field, QStringLiteral("c++"));
        QTRY_VERIFY(window.searching() && !window.searchResults()->busy());
        for (const QString& q : {QStringLiteral("\""), QStringLiteral("NOT"), QStringLiteral("-"),
                                 QStringLiteral("a:b"), QString(10000, u'q'), QStringLiteral("\"位置编码")}) {
            window.search(q);
            QTRY_VERIFY(!window.searchResults()->busy());
            // The status bar counts results: no error took its place.
            QVERIFY2(window.statusBar()->currentMessage().startsWith(
                         MainWindow::tr("%n result(s)", nullptr, int(window.searchResults()->total()))),
                     qPrintable(window.statusBar()->currentMessage()));
        }
        QCOMPARE(failures.count(), 0);
        QVERIFY(shownTitles(window).contains(kRopeTitle)); // the unbalanced quote still finds
    }

private:
    MainWindow& window() { return *m_window; }

    std::unique_ptr<TestLibrary> m_lib;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<MainWindow> m_window;
};

int main(int argc, char* argv[])
{
    registerPageScheme();
    QApplication app(argc, argv);
    TestSearchWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_search.moc"
