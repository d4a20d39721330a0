// The window's Article menu (open in the browser, read and unread, mark all as read with undo) and the
// article's zoom in the View menu.
#include "ui/mainwindow.h"

#include "models/library.h"
#include "models/listingmodel.h"
#include "ui/articleview.h"

#include <QAction>
#include <QDesktopServices>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

namespace folio {

namespace {

constexpr qreal kZoomStep = 1.1;
constexpr qreal kMinZoom = 0.5;
constexpr qreal kMaxZoom = 3.0;

} // namespace

void MainWindow::buildArticleMenu()
{
    QMenu* menu = menuBar()->insertMenu(m_viewMenu->menuAction(), new QMenu(tr("&Article"), this))->menu();
    QAction* open = menu->addAction(tr("Open in &Browser"), this, [this] { report(openInBrowser()); });
    open->setShortcuts({QKeySequence(Qt::Key_O), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    QAction* read = menu->addAction(tr("Mark as &Unread"), this, [this] { report(toggleRead()); });
    read->setShortcut(QKeySequence(Qt::Key_U));
    menu->addSeparator();
    QAction* markAll = menu->addAction(tr("Mark &All as Read"), this, [this] { report(markAllRead()); });
    markAll->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_A));
    QAction* undo = menu->addAction(tr("U&ndo Mark All as Read"), this, [this] { report(undoMarkAllRead()); });
    undo->setShortcut(QKeySequence::Undo);
    for (QAction* a : {open, read, markAll, undo})
        a->setShortcutContext(Qt::WindowShortcut);
    connect(menu, &QMenu::aboutToShow, this, [this, open, read, markAll, undo] {
        std::optional<Article> article;
        if (m_currentArticle != 0)
            if (auto found = m_library.article(m_currentArticle))
                article = found.value();
        open->setEnabled(article && QUrl(article->url).scheme().startsWith(QLatin1String("http")));
        read->setEnabled(bool(article));
        read->setText(article && !article->read ? tr("Mark as &Read") : tr("Mark as &Unread"));
        markAll->setEnabled(!m_searching);
        undo->setEnabled(m_library.canUndoMarkAllRead());
    });
    // The shortcuts stay live while the menu is closed; each command checks for itself.
    connect(menu, &QMenu::aboutToHide, this, [open, read, markAll, undo] {
        for (QAction* a : {open, read, markAll, undo})
            a->setEnabled(true);
    });

    m_viewMenu->addSeparator();
    const auto zoomAction = [this](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        QAction* a = m_viewMenu->addAction(text, this, slot);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
    };
    zoomAction(tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
               [this] { setArticleZoom(m_article->zoomFactor() * kZoomStep); });
    zoomAction(tr("Zoom &Out"), {QKeySequence::ZoomOut},
               [this] { setArticleZoom(m_article->zoomFactor() / kZoomStep); });
    zoomAction(tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, [this] { setArticleZoom(1.0); });
}

Status MainWindow::openInBrowser()
{
    if (m_currentArticle == 0)
        return {};
    auto article = m_library.article(m_currentArticle);
    if (!article)
        return fail(article.error());
    const QUrl url(article->url);
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return fail(tr("This article has no web address."));
    if (!QDesktopServices::openUrl(url))
        return fail(tr("No browser opened %1.").arg(url.toDisplayString()));
    return {};
}

Status MainWindow::toggleRead()
{
    if (m_currentArticle == 0)
        return {};
    auto article = m_library.article(m_currentArticle);
    if (!article)
        return fail(article.error());
    return m_library.setRead(m_currentArticle, !article->read);
}

Status MainWindow::markAllRead()
{
    if (m_searching)
        return {};
    auto marked = m_library.markAllRead(m_listing->filter());
    if (!marked)
        return fail(marked.error());
    statusBar()->showMessage(marked.value() == 0
                                 ? tr("Nothing here is unread.")
                                 : tr("Marked %n article(s) read. %1 undoes it.", nullptr, int(marked.value()))
                                       .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)),
                             8000);
    return {};
}

Status MainWindow::undoMarkAllRead()
{
    auto restored = m_library.undoMarkAllRead();
    if (!restored)
        return fail(restored.error());
    if (restored.value() > 0)
        statusBar()->showMessage(tr("%n article(s) unread again.", nullptr, int(restored.value())), 5000);
    return {};
}

void MainWindow::setArticleZoom(qreal factor)
{
    factor = qBound(kMinZoom, factor, kMaxZoom);
    m_article->setZoomFactor(factor);
    if (m_persistent)
        QSettings().setValue(QStringLiteral("reader/zoom"), factor);
}

} // namespace folio
