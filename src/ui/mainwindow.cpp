#include "ui/mainwindow.h"

#include "models/library.h"
#include "models/listingmodel.h"
#include "models/searchmodel.h"
#include "models/sidebarmodel.h"
#include "sync/feedsync.h"
#include "ui/articleview.h"
#include "ui/feedcontroller.h"
#include "ui/feedicon.h"
#include "ui/listingdelegate.h"
#include "ui/pagebar.h"
#include "ui/searchbar.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace folio {

namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kFeedIconSize = 16; // the size SidebarModel scales feed icons to

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xdf, 0xe1, 0xe5), dim(0x8a, 0x90, 0x98);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xbf));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb3, 0xff));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Disabled, QPalette::Text, dim);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, dim);
    p.setColor(QPalette::Disabled, QPalette::WindowText, dim);
    return p;
}
const int kPageSizes[] = {10, 20, 30, 50, 100};

} // namespace

MainWindow::MainWindow(Library& library, bool persistent, QWidget* parent)
    : QMainWindow(parent)
    , m_library(library)
    , m_sidebar(new SidebarModel(library, this))
    , m_listing(new ListingModel(library, this))
    , m_search(new SearchModel(library, this))
    , m_shown(m_listing)
    , m_persistent(persistent)
{
    setWindowTitle(tr("Folio"));
    buildLayout();
    buildActions();
    report(m_sidebar->refresh());
    m_sidebarView->expandAll();
    restoreSettings();
    m_article->showPlaceholder(tr("Choose an article to read it here."));
    report(showListing(ListingFilter::all()));
    connect(&m_library, &Library::changed, this, &MainWindow::reloadLists);
    m_article->setImageSource([library = &m_library](const QString& url) -> std::optional<PageSchemeHandler::Image> {
        auto image = library->cachedImage(url);
        if (!image)
            return std::nullopt;
        return PageSchemeHandler::Image{image->mime, image->data};
    });
}

void MainWindow::attachSync(FeedSync& sync, bool background)
{
    if (m_feeds)
        return;
    m_feeds = new FeedController(m_library, sync, this);
    connect(m_feeds, &FeedController::message, this,
            [this](const QString& text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
    // Images arrive one by one; the open article reloads once they have settled.
    auto* imageReload = new QTimer(this);
    imageReload->setSingleShot(true);
    imageReload->setInterval(800);
    connect(imageReload, &QTimer::timeout, this, [this] {
        if (m_currentArticle != 0)
            if (auto article = m_library.article(m_currentArticle))
                m_article->showArticle(article.value());
    });
    connect(m_feeds, &FeedController::imageArrived, this, [this, imageReload](ArticleId id) {
        if (id == 0) // a feed's icon
            m_sidebar->reloadFeedIcons();
        else if (id == m_currentArticle)
            imageReload->start();
    });

    QMenu* menu = menuBar()->insertMenu(m_viewMenu->menuAction(), new QMenu(tr("F&eeds"), this))->menu();
    m_feeds->populateMenu(menu);
    if (auto* bar = findChild<QToolBar*>(QStringLiteral("reading"))) {
        bar->insertAction(bar->actions().value(0), m_feeds->syncAction());
        bar->insertAction(m_feeds->syncAction(), m_feeds->addFeedAction());
        bar->insertSeparator(bar->actions().value(2));
    }
    m_sidebarView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_sidebarView, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QVariant feed = m_sidebarView->indexAt(pos).data(SidebarModel::FeedIdRole);
        if (feed.isValid())
            m_feeds->showFeedMenu(feed.toLongLong(), m_sidebarView->viewport()->mapToGlobal(pos));
    });
    if (background)
        m_feeds->startSchedule(true);
}

void MainWindow::reloadLists()
{
    report(m_sidebar->refresh());
    if (m_searching) {
        selectSearchEntry();
        m_search->reload();
        return;
    }
    const ListingFilter filter = m_listing->filter();
    if (filter.feed && !m_library.feeds().feed(*filter.feed)) {
        report(showListing(ListingFilter::all())); // its feed was removed
        return;
    }
    selectSidebarEntry(filter);
    m_restoringSelection = true;
    report(m_listing->reload(m_listing->page()));
    const int row = m_listing->rowOf(m_currentArticle);
    if (row >= 0)
        m_listView->setCurrentIndex(m_listing->index(row));
    m_restoringSelection = false;
    syncPageBar();
}

MainWindow::~MainWindow()
{
    saveSettings();
}

void MainWindow::buildLayout()
{
    m_sidebarView = new QTreeView(this);
    m_sidebarView->setModel(m_sidebar);
    m_sidebarView->setHeaderHidden(true);
    m_sidebarView->setRootIsDecorated(false);
    m_sidebarView->setItemsExpandable(false);
    m_sidebarView->setUniformRowHeights(true);
    m_sidebarView->setIconSize(QSize(kFeedIconSize, kFeedIconSize));
    m_sidebar->setDefaultFeedIcons(
        defaultFeedIcon(kFeedIconSize),
        style()->standardIcon(QStyle::SP_DirIcon).pixmap(kFeedIconSize, kFeedIconSize).toImage());
    m_sidebarView->header()->setStretchLastSection(false);
    m_sidebarView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sidebarView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(m_sidebar, &QAbstractItemModel::modelReset, m_sidebarView, &QTreeView::expandAll);
    connect(m_sidebarView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncingSidebar)
                    return;
                if (const auto query = m_sidebar->searchAt(current)) {
                    m_searchBar->setQuery(*query);
                    search(*query);
                } else if (const auto filter = m_sidebar->filterAt(current))
                    report(showListing(*filter));
            });

    auto* listingPane = new QWidget(this);
    auto* listingLayout = new QVBoxLayout(listingPane);
    listingLayout->setContentsMargins(0, 0, 0, 0);
    listingLayout->setSpacing(0);
    m_listView = new QListView(listingPane);
    m_listView->setModel(m_listing);
    auto* delegate = new ListingDelegate(m_listView);
    m_listView->setItemDelegate(delegate);
    m_listView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_listView->setUniformItemSizes(true);
    m_listView->setMouseTracking(true);
    m_listView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_listView->setResizeMode(QListView::Adjust);
    listingLayout->addWidget(m_listView, 1);
    m_pageBar = new PageBar(listingPane);
    listingLayout->addWidget(m_pageBar);
    connect(delegate, &ListingDelegate::tagClicked, this,
            [this](const QString& tag) { report(showListing(ListingFilter::byTag(tag))); });
    connectSelection();
    connect(m_pageBar, &PageBar::pageRequested, this, [this](int page) { report(m_shown->showPage(page)); });
    connect(m_listing, &ListingModel::pageChanged, this, [this] {
        if (m_shown == m_listing)
            syncPageBar();
    });

    m_article = new ArticleView(this);
    connect(m_article, &ArticleView::tagActivated, this,
            [this](const QString& tag) { report(showListing(ListingFilter::byTag(tag))); });
    connect(m_article, &ArticleView::externalLinkRequested, this,
            [](const QUrl& url) { QDesktopServices::openUrl(url); });

    m_splitter = new QSplitter(this);
    m_splitter->addWidget(m_sidebarView);
    m_splitter->addWidget(listingPane);
    m_splitter->addWidget(m_article);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({200, 420, 660});
    setCentralWidget(m_splitter);

    m_pageSize = new QComboBox(this);
    for (int size : kPageSizes)
        m_pageSize->addItem(tr("%1 per page").arg(size), size);
    connect(m_pageSize, &QComboBox::activated, this, [this] { setPageSize(m_pageSize->currentData().toInt()); });
}

void MainWindow::buildActions()
{
    QToolBar* bar = addToolBar(tr("Reading"));
    bar->setObjectName(QStringLiteral("reading"));
    bar->setMovable(false);
    const auto action = [this, bar](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        bar->addAction(a);
        return a;
    };
    action(tr("Previous page"), {QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_P)}, [this] { stepPage(-1); });
    action(tr("Next page"), {QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_N)}, [this] { stepPage(1); });
    action(tr("Previous article"), {QKeySequence(Qt::Key_K)}, [this] { stepArticle(-1); });
    action(tr("Next article"), {QKeySequence(Qt::Key_J)}, [this] { stepArticle(1); });
    action(tr("Star"), {QKeySequence(Qt::Key_S)}, [this] { toggleStar(); });
    bar->addSeparator();
    bar->addWidget(m_pageSize);
    buildSearch(bar);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    auto* themes = new QActionGroup(this);
    const auto themeAction = [this, view, themes](const QString& text, Theme theme) {
        QAction* a = view->addAction(text);
        a->setCheckable(true);
        a->setData(int(theme));
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, theme] { setTheme(theme); });
    };
    themeAction(tr("Follow the system"), Theme::System);
    themeAction(tr("Light"), Theme::Light);
    themeAction(tr("Dark"), Theme::Dark);
    connect(view, &QMenu::aboutToShow, this, [this, themes] {
        for (QAction* a : themes->actions())
            a->setChecked(a->data().toInt() == int(m_theme));
    });
    QMenu* file = menuBar()->insertMenu(view->menuAction(), new QMenu(tr("&File"), this))->menu();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    buildArticleMenu();
}

Status MainWindow::showListing(const ListingFilter& filter, int page)
{
    if (m_searching) {
        m_searching = false;
        m_searchBar->clear();
        m_sidebar->setCurrentSearch({}, 0);
        showModel(m_listing);
    }
    const int pageSize = m_pageSize->currentData().toInt() > 0 ? m_pageSize->currentData().toInt() : kDefaultPageSize;
    if (auto shown = m_listing->setFilter(filter, pageSize); !shown)
        return shown;
    if (page != 1) {
        if (auto paged = m_listing->showPage(page); !paged)
            return paged;
    }
    selectSidebarEntry(filter);
    return {};
}

Status MainWindow::openArticle(ArticleId id)
{
    auto article = m_library.article(id);
    if (!article)
        return fail(article.error());
    m_currentArticle = id;
    m_article->setHighlightTerms(m_searching ? Library::highlightTerms(m_search->query()) : QStringList());
    m_article->showArticle(article.value());
    const int row = m_shown->rowOf(id);
    if (row >= 0 && m_listView->currentIndex().row() != row)
        m_listView->setCurrentIndex(m_shown->index(row, 0));
    return m_marksRead ? m_library.setRead(id, true) : Status{};
}

void MainWindow::stepArticle(int delta)
{
    const int row = m_listView->currentIndex().isValid() ? m_listView->currentIndex().row() + delta
                                                         : (delta > 0 ? 0 : m_shown->rowCount() - 1);
    if (row >= 0 && row < m_shown->rowCount()) {
        m_listView->setCurrentIndex(m_shown->index(row, 0));
        return;
    }
    const int page = m_shown->page() + (delta > 0 ? 1 : -1);
    if (page < 1 || page > m_shown->pageCount())
        return;
    if (m_shown == m_search) {
        m_stepAfterPage = delta > 0 ? 1 : -1; // the results come later: selected when they are there
        report(m_shown->showPage(page));
        return;
    }
    report(m_shown->showPage(page));
    if (m_shown->rowCount() > 0)
        m_listView->setCurrentIndex(m_shown->index(delta > 0 ? 0 : m_shown->rowCount() - 1, 0));
}

void MainWindow::stepPage(int delta)
{
    const int page = m_shown->page() + delta;
    if (page >= 1 && page <= m_shown->pageCount())
        report(m_shown->showPage(page));
}

void MainWindow::toggleStar()
{
    if (m_currentArticle == 0)
        return;
    auto article = m_library.article(m_currentArticle);
    if (article)
        report(m_library.setStarred(m_currentArticle, !article->starred));
}

void MainWindow::setTheme(Theme theme)
{
    static const QPalette systemPalette = QApplication::palette();
    m_theme = theme;
    QApplication::setPalette(theme == Theme::System ? systemPalette
                             : theme == Theme::Dark ? darkPalette()
                                                    : QApplication::style()->standardPalette());
    m_article->setDark(darkTheme());
}

void MainWindow::setPageSize(int pageSize)
{
    if (pageSize < 1)
        pageSize = kDefaultPageSize;
    if (m_pageSize->findData(pageSize) < 0)
        m_pageSize->addItem(tr("%1 per page").arg(pageSize), pageSize);
    m_pageSize->setCurrentIndex(m_pageSize->findData(pageSize));
    if (m_searching)
        m_search->setQuery(m_search->query(), m_searchBar->sort(), pageSize);
    else
        report(showListing(m_listing->filter()));
}

bool MainWindow::darkTheme() const
{
    if (m_theme != Theme::System)
        return m_theme == Theme::Dark;
    return palette().color(QPalette::Window).lightness() < 128;
}

void MainWindow::selectSidebarEntry(const ListingFilter& filter)
{
    m_syncingSidebar = true;
    const QModelIndex idx = m_sidebar->indexOf(filter);
    if (idx.isValid())
        m_sidebarView->setCurrentIndex(idx);
    else
        m_sidebarView->clearSelection();
    m_syncingSidebar = false;
}

void MainWindow::syncPageBar()
{
    m_pageBar->setPages(m_shown->page(), m_shown->pageCount());
    QString count = tr("%n article(s)", nullptr, int(m_shown->total()));
    if (m_searching) {
        count = m_search->totalCapped() ? tr("more than %1 results").arg(QLocale().toString(m_search->total()))
                                        : tr("%n result(s)", nullptr, int(m_shown->total()));
    }
    statusBar()->showMessage(count + QStringLiteral("  ·  ") +
                             tr("page %1 of %2").arg(m_shown->page()).arg(qMax(1, m_shown->pageCount())));
}

void MainWindow::report(const Status& status)
{
    if (!status)
        statusBar()->showMessage(status.error(), 10000);
}

void MainWindow::restoreSettings()
{
    if (!m_persistent) {
        resize(1280, 800);
        setPageSize(kDefaultPageSize);
        setTheme(Theme::System);
        return;
    }
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    const int size = qBound(1, settings.value(QStringLiteral("listing/pageSize"), kDefaultPageSize).toInt(), 1000);
    if (m_pageSize->findData(size) < 0)
        m_pageSize->addItem(tr("%1 per page").arg(size), size);
    m_pageSize->setCurrentIndex(m_pageSize->findData(size));
    setTheme(Theme(qBound(0, settings.value(QStringLiteral("reader/theme"), 0).toInt(), 2)));
    setArticleZoom(settings.value(QStringLiteral("reader/zoom"), 1.0).toReal());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("listing/pageSize"), m_pageSize->currentData().toInt());
    settings.setValue(QStringLiteral("reader/theme"), int(m_theme));
}

} // namespace folio
