// The window's search: the field in the toolbar, results in the listing pane, the Search section of the sidebar.
#include "ui/mainwindow.h"

#include "models/library.h"
#include "models/listingmodel.h"
#include "models/searchmodel.h"
#include "models/sidebarmodel.h"
#include "ui/articleview.h"
#include "ui/searchbar.h"

#include <QAction>
#include <QComboBox>
#include <QListView>
#include <QMenu>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>

namespace folio {

void MainWindow::buildSearch(QToolBar* bar)
{
    m_searchBar = new SearchBar(this);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addWidget(m_searchBar);

    auto* find = new QAction(tr("Search"), this);
    find->setShortcuts({QKeySequence::Find, QKeySequence(Qt::Key_Slash)});
    connect(find, &QAction::triggered, m_searchBar, &SearchBar::focusField);
    addAction(find);
    auto* leave = new QAction(tr("Leave the search"), this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, [this] {
        if (m_searching)
            leaveSearch();
    });
    addAction(leave);

    connect(m_searchBar, &SearchBar::searchRequested, this, &MainWindow::search);
    connect(m_searchBar, &SearchBar::leaveRequested, this, &MainWindow::leaveSearch);
    connect(m_searchBar, &SearchBar::sortChanged, this, [this] {
        if (m_searching)
            search(m_search->query());
    });
    connect(m_searchBar, &SearchBar::saveRequested, this, [this](const QString& query) {
        m_library.saveSearch(query);
        statusBar()->showMessage(tr("Saved the search \u201C%1\u201D in the sidebar.").arg(query), 5000);
    });
    connect(&m_library, &Library::savedSearchesChanged, this, [this] {
        if (m_searching)
            selectSearchEntry();
    });
    connect(m_search, &SearchModel::failed, this, [this](const QString& message) { report(fail(message)); });
    connect(m_search, &SearchModel::pageChanged, this, [this] {
        if (!m_searching)
            return;
        m_sidebar->setCurrentSearch(m_search->query(), m_search->total());
        selectSearchEntry();
        // j / k crossed a page: the first or last result of the new page; else the open article stays selected.
        const int row = m_stepAfterPage > 0   ? 0
                        : m_stepAfterPage < 0 ? m_search->rowCount() - 1
                                              : m_search->rowOf(m_currentArticle);
        const bool step = m_stepAfterPage != 0;
        m_stepAfterPage = 0;
        if (row >= 0 && row < m_search->rowCount()) {
            m_restoringSelection = !step;
            m_listView->setCurrentIndex(m_search->index(row, 0));
            m_restoringSelection = false;
        }
        syncPageBar();
    });

    m_sidebarView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_sidebarView, &QWidget::customContextMenuRequested, this, &MainWindow::showSidebarMenu);
}

void MainWindow::search(const QString& query)
{
    const QString text = query.trimmed();
    if (text.isEmpty()) {
        leaveSearch();
        return;
    }
    if (m_searchBar->query() != text)
        m_searchBar->setQuery(text);
    if (!m_searching) {
        m_searching = true;
        showModel(m_search);
    }
    const int size = m_pageSize->currentData().toInt();
    m_stepAfterPage = 0;
    m_search->setQuery(text, m_searchBar->sort(), size > 0 ? size : 20);
    m_sidebar->setCurrentSearch(text, m_search->total());
    selectSearchEntry();
}

void MainWindow::leaveSearch()
{
    m_searchBar->clear();
    if (!m_searching)
        return;
    m_searching = false;
    m_sidebar->setCurrentSearch({}, 0);
    m_search->setQuery({}, m_searchBar->sort(), m_search->pageSize());
    showModel(m_listing);
    report(m_listing->reload(m_listing->page()));
    selectSidebarEntry(m_listing->filter());
    const int row = m_listing->rowOf(m_currentArticle);
    if (row >= 0) {
        m_restoringSelection = true;
        m_listView->setCurrentIndex(m_listing->index(row));
        m_restoringSelection = false;
    }
    syncPageBar();
    m_listView->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::selectSearchEntry()
{
    const QModelIndex entry = m_sidebar->indexOfSearch(m_search->query());
    if (!entry.isValid() || m_sidebarView->currentIndex() == entry)
        return;
    m_syncingSidebar = true;
    m_sidebarView->setCurrentIndex(entry);
    m_syncingSidebar = false;
}

void MainWindow::showSidebarMenu(const QPoint& pos)
{
    const QModelIndex entry = m_sidebarView->indexAt(pos);
    const QVariant query = entry.data(SidebarModel::QueryRole);
    if (!query.isValid())
        return;
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto kind = SidebarModel::Kind(entry.data(SidebarModel::KindRole).toInt());
    if (kind == SidebarModel::Kind::SavedSearch) {
        menu->addAction(tr("Remove saved search"), this,
                        [this, text = query.toString()] { m_library.removeSavedSearch(text); });
    } else {
        menu->addAction(tr("Save search"), this, [this, text = query.toString()] { m_library.saveSearch(text); });
    }
    menu->popup(m_sidebarView->viewport()->mapToGlobal(pos));
}

void MainWindow::connectSelection()
{
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (m_restoringSelection)
                    return;
                if (const ArticleId id = m_shown->articleIdAt(current.row()))
                    report(openArticle(id));
            });
}

void MainWindow::showModel(PagedArticleModel* model)
{
    if (m_shown == model)
        return;
    m_shown = model;
    QItemSelectionModel* old = m_listView->selectionModel();
    m_listView->setModel(model);
    delete old; // the view made a new one for the model
    connectSelection();
    syncPageBar();
}

} // namespace folio
