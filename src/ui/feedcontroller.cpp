#include "ui/feedcontroller.h"

#include "models/library.h"
#include "parse/feedparser.h"
#include "sync/feedsync.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>

namespace folio {

namespace {

constexpr int kScheduleCheckMs = 5 * 60 * 1000; // feeds keep their own intervals; this only looks for due ones
const QString kCacheImagesKey = QStringLiteral("sync/cacheImages");

} // namespace

FeedController::FeedController(Library& library, FeedSync& sync, QWidget* window)
    : QObject(window)
    , m_library(library)
    , m_sync(sync)
    , m_window(window)
{
    m_addFeed = new QAction(tr("&Add Feed…"), this);
    m_addFeed->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_addFeed, &QAction::triggered, this, &FeedController::askForFeed);

    m_syncNow = new QAction(tr("&Sync Now"), this);
    m_syncNow->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(m_syncNow, &QAction::triggered, this, [this] { m_sync.syncAll(); });

    m_importOpml = new QAction(tr("&Import Subscriptions (OPML)…"), this);
    connect(m_importOpml, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Subscriptions"), {},
                                                          tr("OPML files (*.opml *.xml);;All files (*)"));
        if (!path.isEmpty())
            importOpml(path);
    });
    m_exportOpml = new QAction(tr("&Export Subscriptions (OPML)…"), this);
    connect(m_exportOpml, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(m_window, tr("Export Subscriptions"),
                                         QStringLiteral("folio-subscriptions.opml"), tr("OPML files (*.opml)"));
        if (!path.isEmpty())
            exportOpml(path);
    });

    m_cacheImages = new QAction(tr("Keep &Images for Offline Reading"), this);
    m_cacheImages->setCheckable(true);
    m_cacheImages->setChecked(QSettings().value(kCacheImagesKey, true).toBool());
    m_sync.setCacheImages(m_cacheImages->isChecked());
    connect(m_cacheImages, &QAction::toggled, this, [this](bool on) {
        m_sync.setCacheImages(on);
        QSettings().setValue(kCacheImagesKey, on);
    });

    connect(&m_sync, &FeedSync::progress, this,
            [this](int done, int total) { Q_EMIT message(tr("Syncing feeds: %1 of %2…").arg(done).arg(total), 0); });
    // A big feed is readable some seconds before it is searchable: say what the sync is still doing.
    connect(&m_sync, &FeedSync::indexed, this,
            [this](int articles) { Q_EMIT message(tr("Making articles searchable: %n done…", nullptr, articles), 0); });
    // Lists reload at most about twice a second however many feeds finish meanwhile.
    m_changed = new QTimer(this);
    m_changed->setSingleShot(true);
    m_changed->setInterval(500);
    connect(m_changed, &QTimer::timeout, this, [this] { m_library.notifyChanged(); });
    connect(&m_sync, &FeedSync::feedSynced, this, [this](const FeedSyncResult& result) {
        if ((result.inserted + result.updated > 0 || !result.error.isEmpty()) && !m_changed->isActive())
            m_changed->start();
    });
    connect(&m_sync, &FeedSync::feedAdded, this, [this](qint64, const QString& title) {
        m_library.notifyChanged();
        Q_EMIT message(tr("Subscribed to %1").arg(title), 8000);
    });
    connect(&m_sync, &FeedSync::addFailed, this, [this](const QString& url, const QString& error) {
        Q_EMIT message(tr("Could not add %1: %2").arg(url, error), 15000);
        if (m_window && m_window->isVisible())
            QMessageBox::warning(m_window, tr("Add Feed"), tr("Could not add %1:\n%2").arg(url, error));
    });
    connect(&m_sync, &FeedSync::imageCached, this, [this](qint64 article) { Q_EMIT imageArrived(article); });
    connect(&m_sync, &FeedSync::finished, this, &FeedController::onFinished);
}

void FeedController::populateMenu(QMenu* menu)
{
    menu->addAction(m_addFeed);
    menu->addAction(m_syncNow);
    menu->addSeparator();
    menu->addAction(m_importOpml);
    menu->addAction(m_exportOpml);
    menu->addSeparator();
    menu->addAction(m_cacheImages);
}

void FeedController::startSchedule(bool now)
{
    if (!m_schedule) {
        m_schedule = new QTimer(this);
        m_schedule->setInterval(kScheduleCheckMs);
        connect(m_schedule, &QTimer::timeout, this, [this] { m_sync.syncDue(); });
    }
    m_schedule->start();
    if (now)
        m_sync.syncDue();
}

void FeedController::askForFeed()
{
    bool ok = false;
    const QString address = QInputDialog::getText(
        m_window, tr("Add Feed"), tr("Address of a feed, or of a blog that has one:"), QLineEdit::Normal,
        QApplication::clipboard()->text().startsWith(QLatin1String("http")) ? QApplication::clipboard()->text()
                                                                            : QString(),
        &ok);
    if (ok && !address.trimmed().isEmpty())
        addFeed(address.trimmed());
}

void FeedController::addFeed(const QString& address)
{
    const QUrl url = QUrl::fromUserInput(address);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        Q_EMIT message(tr("Not a web address: %1").arg(address), 10000);
        return;
    }
    Q_EMIT message(tr("Looking for a feed at %1…").arg(url.toDisplayString()), 0);
    m_sync.addFeed(url);
}

void FeedController::showFeedMenu(FeedId feed, const QPoint& globalPos)
{
    QMenu menu(m_window);
    menu.addAction(tr("Sync This Feed"), this, [this, feed] { m_sync.syncFeeds({feed}); });
    menu.addAction(tr("Rename…"), this, [this, feed] { renameFeed(feed); });
    menu.addAction(tr("Copy Feed Address"), this, [this, feed] {
        if (auto f = m_library.feeds().feed(feed))
            QApplication::clipboard()->setText(f->url);
    });
    menu.addSeparator();
    menu.addAction(tr("Remove…"), this, [this, feed] { removeFeed(feed); });
    menu.exec(globalPos);
}

void FeedController::renameFeed(FeedId feed)
{
    auto current = m_library.feeds().feed(feed);
    if (!current)
        return Q_EMIT message(current.error(), 10000);
    bool ok = false;
    const QString name =
        QInputDialog::getText(m_window, tr("Rename Feed"), tr("Name (empty for the feed's own title):"),
                              QLineEdit::Normal, current->title, &ok);
    if (!ok)
        return;
    if (auto renamed = m_library.renameFeed(feed, name); !renamed)
        Q_EMIT message(renamed.error(), 10000);
}

void FeedController::removeFeed(FeedId feed)
{
    auto current = m_library.feeds().feed(feed);
    if (!current)
        return Q_EMIT message(current.error(), 10000);
    const auto answer = QMessageBox::question(
        m_window, tr("Remove Feed"),
        tr("Remove %1 and its %n article(s)? Starred articles go too.", nullptr, int(current->total))
            .arg(current->title));
    if (answer != QMessageBox::Yes)
        return;
    if (auto removed = m_library.removeFeed(feed); !removed)
        Q_EMIT message(removed.error(), 10000);
}

void FeedController::importOpml(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Q_EMIT message(tr("Cannot read %1: %2").arg(path, file.errorString()), 15000);
    auto outlines = parseOpml(file.read(16 * 1024 * 1024));
    if (!outlines)
        return Q_EMIT message(tr("%1 is not a subscription list: %2").arg(path, outlines.error()), 15000);
    QList<FeedId> feeds;
    for (const OpmlOutline& o : outlines.value()) {
        auto id = m_library.subscribe(o.feedUrl.toString(QUrl::FullyEncoded), o.title);
        if (!id)
            return Q_EMIT message(id.error(), 15000);
        feeds.append(id.value());
    }
    Q_EMIT message(tr("%n feed(s) imported; fetching them…", nullptr, int(feeds.size())), 8000);
    m_sync.syncFeeds(feeds);
}

void FeedController::exportOpml(const QString& path)
{
    auto feeds = m_library.feeds().feeds();
    if (!feeds)
        return Q_EMIT message(feeds.error(), 15000);
    QList<OpmlOutline> outlines;
    for (const Feed& f : feeds.value()) {
        if (f.kind == FeedKind::Web)
            outlines.append({f.title, QUrl(f.url), QUrl(f.siteUrl), {}});
    }
    QSaveFile file(path); // written whole or not at all
    if (!file.open(QIODevice::WriteOnly) || file.write(writeOpml(outlines, tr("Folio subscriptions"))) < 0 ||
        !file.commit())
        return Q_EMIT message(tr("Cannot write %1: %2").arg(path, file.errorString()), 15000);
    Q_EMIT message(tr("%n feed(s) exported to %1", nullptr, int(outlines.size())).arg(path), 8000);
}

void FeedController::onFinished(const SyncSummary& summary)
{
    m_changed->stop();
    m_library.notifyChanged();
    if (summary.feeds.isEmpty())
        return;
    QString text = tr("%n new article(s)", nullptr, summary.newArticles());
    if (summary.errors() > 0)
        text += QStringLiteral(" · ") + tr("%n feed(s) failed", nullptr, summary.errors());
    Q_EMIT message(text, 15000);
}

} // namespace folio
