#pragma once

#include "domain/article.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QTimer;
class QWidget;

namespace folio {

class FeedSync;
class Library;
struct FeedSyncResult;
struct SyncSummary;

// The feed side of the window: add, rename, remove, sync (now, on start, on schedule), OPML in and out, the
// image-cache switch, and what the status bar says about it. Talks to the library through Library and to the
// network through FeedSync; never blocks the window.
class FeedController : public QObject {
    Q_OBJECT
public:
    FeedController(Library& library, FeedSync& sync, QWidget* window);

    // Adds the Feeds menu to `menu` (and the most used actions to the toolbar given).
    void populateMenu(QMenu* menu);
    QAction* addFeedAction() const { return m_addFeed; }
    QAction* syncAction() const { return m_syncNow; }

    // Background syncing: due feeds now (when `now`) and then every few minutes.
    void startSchedule(bool now);
    // The context menu of a feed in the sidebar.
    void showFeedMenu(FeedId feed, const QPoint& globalPos);

    void addFeed(const QString& address);
    void importOpml(const QString& path);
    void exportOpml(const QString& path);

Q_SIGNALS:
    // For the status bar: what syncing is doing or did.
    void message(const QString& text, int timeoutMs);
    // A cached image arrived for this article: a page showing it may want to reload.
    void imageArrived(ArticleId article);

private:
    void askForFeed();
    void renameFeed(FeedId feed);
    void removeFeed(FeedId feed);
    void onFinished(const SyncSummary& summary);

    Library& m_library;
    FeedSync& m_sync;
    QPointer<QWidget> m_window;
    QAction* m_addFeed = nullptr;
    QAction* m_syncNow = nullptr;
    QAction* m_importOpml = nullptr;
    QAction* m_exportOpml = nullptr;
    QAction* m_cacheImages = nullptr;
    QTimer* m_schedule = nullptr;
    QTimer* m_changed = nullptr;
};

} // namespace folio
