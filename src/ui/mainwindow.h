#pragma once

#include "domain/article.h"
#include "domain/listing.h"
#include "domain/result.h"

#include <QMainWindow>

class QComboBox;
class QMenu;
class QListView;
class QSplitter;
class QToolBar;
class QTreeView;

namespace folio {

class ArticleView;
class FeedController;
class FeedSync;
class Library;
class ListingModel;
class PageBar;
class PagedArticleModel;
class SearchBar;
class SearchModel;
class SidebarModel;

// The reader's window: the sidebar (All, Unread, Starred, searches, feeds, tags), the "latest updates" listing —
// or search results — with its page bar, and the article. Asks models for everything; keeps geometry, splitter, theme
// and page size.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    // A window that is not `persistent` neither reads nor writes the user's settings (screenshots, tests).
    explicit MainWindow(Library& library, bool persistent = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Turns on the feed side through `sync` (which outlives the window): the Feeds menu and sidebar feed actions,
    // and with `background` a sync of the due feeds now and on schedule. Without it the window only reads what
    // the library holds.
    void attachSync(FeedSync& sync, bool background);
    FeedController* feeds() const { return m_feeds; }

    // Shows a listing (leaving a search).
    Status showListing(const ListingFilter& filter, int page = 1);
    // Shows the results of `query` in the listing pane at once, as if typed into the search field; an empty query
    // leaves the search.
    void search(const QString& query);
    // Back to the listing shown before the search (Esc).
    void leaveSearch();
    bool searching() const { return m_searching; }
    // Shows the article and marks it read (unless marking is off: a screenshot leaves the library as it was).
    Status openArticle(ArticleId id);
    void setMarksReadOnOpen(bool marks) { m_marksRead = marks; }
    void setTheme(Theme theme);
    void setPageSize(int pageSize);

    ArticleView* articleView() const { return m_article; }
    ListingModel* listing() const { return m_listing; }
    SearchModel* searchResults() const { return m_search; }
    // What the listing pane shows now: the listing or the search results.
    PagedArticleModel* shown() const { return m_shown; }
    SearchBar* searchBar() const { return m_searchBar; }
    SidebarModel* sidebar() const { return m_sidebar; }
    ArticleId currentArticle() const { return m_currentArticle; }

    // Next or previous article of the listing, crossing page boundaries (j / k).
    void stepArticle(int delta);
    // Next or previous page (n / p, PgDn / PgUp).
    void stepPage(int delta);
    void toggleStar();
    // The Article menu's commands (Article menu: O, U, Shift+A, Ctrl+Z).
    Status openInBrowser();
    Status toggleRead();
    Status markAllRead();
    Status undoMarkAllRead();
    void setArticleZoom(qreal factor);

private:
    void buildLayout();
    void buildActions();
    void buildSearch(QToolBar* bar);
    void buildArticleMenu();
    void connectSelection();
    // Points the listing pane at `model` (each keeps its own selection).
    void showModel(PagedArticleModel* model);
    void selectSearchEntry();
    void showSidebarMenu(const QPoint& pos);
    void restoreSettings();
    void saveSettings() const;
    void selectSidebarEntry(const ListingFilter& filter);
    void syncPageBar();
    void report(const Status& status);
    // The library changed behind the window (a sync): lists load again, the open article stays selected.
    void reloadLists();
    bool darkTheme() const;

    Library& m_library;
    SidebarModel* m_sidebar = nullptr;
    ListingModel* m_listing = nullptr;
    SearchModel* m_search = nullptr;
    PagedArticleModel* m_shown = nullptr;
    SearchBar* m_searchBar = nullptr;
    QTreeView* m_sidebarView = nullptr;
    QListView* m_listView = nullptr;
    PageBar* m_pageBar = nullptr;
    QComboBox* m_pageSize = nullptr;
    ArticleView* m_article = nullptr;
    FeedController* m_feeds = nullptr;
    QMenu* m_viewMenu = nullptr;
    QSplitter* m_splitter = nullptr;
    Theme m_theme = Theme::System;
    ArticleId m_currentArticle = 0;
    bool m_syncingSidebar = false;
    bool m_searching = false;
    bool m_marksRead = true;
    int m_stepAfterPage = 0; // j / k asked for the next (1) or previous (-1) page of results
    bool m_restoringSelection = false;
    bool m_persistent = true;
};

} // namespace folio
