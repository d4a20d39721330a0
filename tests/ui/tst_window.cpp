// The window on a real library: sidebar and listing models, opening, starring, tags, keyboard paging, settings.
#include "models/library.h"
#include "models/listingmodel.h"
#include "models/sidebarmodel.h"
#include "storage/articlestore.h"
#include "support/testlibrary.h"
#include "sync/samplelibrary.h"
#include "ui/articleview.h"
#include "ui/listingdelegate.h"
#include "ui/mainwindow.h"
#include "ui/pagebar.h"
#include "ui/pagescheme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDesktopServices>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using namespace folio;
using namespace folio::test;

namespace {

qint64 sidebarCount(SidebarModel& model, const ListingFilter& filter)
{
    return model.data(model.indexOf(filter), SidebarModel::CountRole).toLongLong();
}

// Stands in for the system browser: QDesktopServices hands it the web addresses the window opens.
class BrowserProbe : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl& url) { opened.append(url); }
};

} // namespace

class TestWindow : public QObject {
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

    void sidebarModelIsAValidTree()
    {
        SidebarModel model(*m_library);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.refresh().ok());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(sidebarCount(model, ListingFilter::all()), 12);
        QCOMPARE(sidebarCount(model, ListingFilter::unread()), 12);
        QCOMPARE(sidebarCount(model, ListingFilter::byTag(QStringLiteral("nlp"))),
                 m_library->articles().listingPage(ListingFilter::byTag(QStringLiteral("NLP")), 1, 100)->total);
        QVERIFY(!model.filterAt(model.index(0, 0)).has_value()); // a section header
        QCOMPARE(model.filterAt(model.indexOf(ListingFilter::starred())), ListingFilter::starred());

        // Reading one article moves the counts in place, without resetting the tree.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_library->setRead(1, true).ok());
        QCOMPARE(sidebarCount(model, ListingFilter::unread()), 11);
        QCOMPARE(resets.count(), 0);
        QVERIFY(changes.count() >= 1);
    }

    void openingAnArticleMarksItReadAndStarToggles()
    {
        MainWindow window(*m_library);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // shortcuts reach the active window only
        SidebarModel& sidebar = *window.sidebar();
        const ArticleId first = window.listing()->articleIdAt(0);
        QVERIFY(first > 0);
        QVERIFY(window.openArticle(first).ok());
        QVERIFY(m_library->article(first)->read);
        QCOMPARE(sidebarCount(sidebar, ListingFilter::unread()), 11);
        QVERIFY(window.listing()->data(window.listing()->index(0), ListingModel::ReadRole).toBool());

        QTest::keyClick(&window, Qt::Key_S);
        QVERIFY(m_library->article(first)->starred);
        QCOMPARE(sidebarCount(sidebar, ListingFilter::starred()), 1);
        QVERIFY(window.listing()->data(window.listing()->index(0), ListingModel::StarredRole).toBool());
        QTest::keyClick(&window, Qt::Key_S);
        QVERIFY(!m_library->article(first)->starred);
        QCOMPARE(sidebarCount(sidebar, ListingFilter::starred()), 0);
    }

    void markAllReadAppliesToTheListingAndUndoes()
    {
        MainWindow window(*m_library);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        SidebarModel& sidebar = *window.sidebar();
        const ListingFilter nlp = ListingFilter::byTag(QStringLiteral("NLP"));
        const qint64 tagged = sidebarCount(sidebar, nlp);
        QVERIFY(tagged > 1 && tagged < 12);
        QVERIFY(window.showListing(nlp).ok());
        QVERIFY(m_library->setStarred(window.listing()->articleIdAt(0), true).ok());
        const ArticleId readBefore = window.listing()->articleIdAt(1);
        QVERIFY(window.openArticle(readBefore).ok());

        QTest::keyClick(&window, Qt::Key_A, Qt::ShiftModifier);
        // Only the tag's articles were marked; starring is untouched; the window shows it at once.
        QCOMPARE(sidebarCount(sidebar, ListingFilter::unread()), 12 - tagged);
        QCOMPARE(m_library->articles().listingPage(nlp, 1, 100)->total, tagged);
        for (int row = 0; row < window.listing()->rowCount(); ++row)
            QVERIFY(window.listing()->data(window.listing()->index(row), ListingModel::ReadRole).toBool());
        QCOMPARE(sidebarCount(sidebar, ListingFilter::starred()), 1);
        QVERIFY(window.statusBar()->currentMessage().contains(QString::number(tagged - 1)));

        // Undo gives back exactly what it marked: the article read before stays read.
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(sidebarCount(sidebar, ListingFilter::unread()), 11);
        QVERIFY(m_library->article(readBefore)->read);
        QVERIFY(!m_library->canUndoMarkAllRead());
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier); // nothing left to undo
        QCOMPARE(sidebarCount(sidebar, ListingFilter::unread()), 11);
    }

    void articleCommandsFromTheKeyboard()
    {
        const FeedId web = m_lib->feed(QStringLiteral("https://blog.example/feed.xml"), QStringLiteral("Blog"));
        Article post = article(QStringLiteral("web-post"), 4102444800000); // newest: first in the listing
        post.url = QStringLiteral("https://blog.example/posts/rope");
        QVERIFY(ArticleStore(m_lib->db()).upsert(web, {post}).ok());
        BrowserProbe browser;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        MainWindow window(*m_library);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const ArticleId id = window.listing()->articleIdAt(0);
        QCOMPARE(m_library->article(id)->url, post.url);
        QVERIFY(window.openArticle(id).ok());

        QTest::keyClick(&window, Qt::Key_O); // open in the browser
        QCOMPARE(browser.opened, QList<QUrl>{QUrl(post.url)});
        QTest::keyClick(&window, Qt::Key_U); // keep it unread
        QVERIFY(!m_library->article(id)->read);
        QTest::keyClick(&window, Qt::Key_U);
        QVERIFY(m_library->article(id)->read);

        // A sample article has no web address: nothing opens, the status bar says why.
        QVERIFY(window.openArticle(window.listing()->articleIdAt(1)).ok());
        QTest::keyClick(&window, Qt::Key_O);
        QCOMPARE(browser.opened.size(), 1);
        QVERIFY(!window.statusBar()->currentMessage().isEmpty());
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));

        // Zoom in steps, back to actual size, remembered for the next window.
        ArticleView& view = *window.articleView();
        QTest::keyClick(&window, Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view.zoomFactor(), 1.1));
        QTest::keyClick(&window, Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(view.zoomFactor() < 1.0);
        QVERIFY(QSettings().value(QStringLiteral("reader/zoom")).toReal() < 1.0);
        QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view.zoomFactor(), 1.0));
    }

    void keyboardPagesAndSteps()
    {
        MainWindow window(*m_library);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.setPageSize(5);
        QCOMPARE(window.listing()->pageCount(), 3);
        QTest::keyClick(&window, Qt::Key_N);
        QCOMPARE(window.listing()->page(), 2);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(window.listing()->page(), 3);
        QTest::keyClick(&window, Qt::Key_PageDown); // past the end: stays
        QCOMPARE(window.listing()->page(), 3);
        QTest::keyClick(&window, Qt::Key_P);
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(window.listing()->page(), 1);

        QTest::keyClick(&window, Qt::Key_J);
        QCOMPARE(window.currentArticle(), window.listing()->articleIdAt(0));
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(&window, Qt::Key_J); // the sixth article is the first of page 2
        QCOMPARE(window.listing()->page(), 2);
        QCOMPARE(window.currentArticle(), window.listing()->articleIdAt(0));
        QTest::keyClick(&window, Qt::Key_K);
        QCOMPARE(window.listing()->page(), 1);
        QCOMPARE(window.currentArticle(), window.listing()->articleIdAt(4));
    }

    void tagsInListingAndArticleShowTheTagListing()
    {
        MainWindow window(*m_library);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* list = window.findChild<QListView*>();
        QVERIFY(list);
        auto* delegate = qobject_cast<ListingDelegate*>(list->itemDelegate());
        QVERIFY(delegate);
        const QModelIndex row = window.listing()->index(0);
        QStyleOptionViewItem option;
        option.initFrom(list->viewport());
        option.rect = list->visualRect(row);
        const auto tags = delegate->tagRects(option, row);
        QVERIFY(!tags.isEmpty());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, tags.front().first.center());
        QCOMPARE(window.listing()->filter(), ListingFilter::byTag(tags.front().second));
        QVERIFY(window.listing()->total() >= 1);
        // The sidebar follows.
        auto* tree = window.findChild<QTreeView*>();
        QCOMPARE(window.sidebar()->filterAt(tree->currentIndex())->tag.value().toCaseFolded(),
                 tags.front().second.toCaseFolded());

        Q_EMIT window.articleView()->tagActivated(QStringLiteral("Transformer"));
        QCOMPARE(window.listing()->filter(), ListingFilter::byTag(QStringLiteral("Transformer")));
        QCOMPARE(window.listing()->total(),
                 m_library->articles().listingPage(ListingFilter::byTag(QStringLiteral("Transformer")), 1, 50)->total);
    }

    void pageBarShowsEndsAndNeighbours()
    {
        QCOMPARE(PageBar::visiblePages(1, 1), (QList<int>{1}));
        QCOMPARE(PageBar::visiblePages(1, 9), (QList<int>{1, 2, 3, 0, 9}));
        QCOMPARE(PageBar::visiblePages(6, 20), (QList<int>{1, 0, 4, 5, 6, 7, 8, 0, 20}));
        QCOMPARE(PageBar::visiblePages(9, 9), (QList<int>{1, 0, 7, 8, 9}));
        QCOMPARE(PageBar::visiblePages(1, 0), QList<int>{});
    }

    void settingsPersist()
    {
        {
            MainWindow window(*m_library);
            window.resize(1000, 700);
            window.setPageSize(30);
            window.setTheme(MainWindow::Theme::Dark);
        }
        MainWindow again(*m_library);
        QCOMPARE(again.listing()->pageSize(), 30);
        QVERIFY(again.articleView()->isDark());
        QCOMPARE(again.size(), QSize(1000, 700));
        again.setTheme(MainWindow::Theme::Light);
        QVERIFY(!again.articleView()->isDark());
    }

private:
    std::unique_ptr<TestLibrary> m_lib;
    std::unique_ptr<Library> m_library;
};

int main(int argc, char* argv[])
{
    registerPageScheme();
    QApplication app(argc, argv);
    TestWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_window.moc"
