#include "ui/mainwindow.h"

#include "models/listingmodel.h"
#include "ui/listingdelegate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace folio {

MainWindow::MainWindow(ListingModel& listing, QWidget* parent)
    : QMainWindow(parent)
    , m_listing(listing)
{
    setWindowTitle(tr("Folio"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_list = new QListView(central);
    m_list->setModel(&m_listing);
    m_list->setItemDelegate(new ListingDelegate(m_list));
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list);

    auto* bar = new QHBoxLayout;
    auto* previous = new QToolButton(central);
    previous->setText(QStringLiteral("‹"));
    previous->setToolTip(tr("Previous page"));
    auto* next = new QToolButton(central);
    next->setText(QStringLiteral("›"));
    next->setToolTip(tr("Next page"));
    m_pageLabel = new QLabel(central);
    bar->addStretch();
    bar->addWidget(previous);
    bar->addWidget(m_pageLabel);
    bar->addWidget(next);
    bar->addStretch();
    layout->addLayout(bar);
    setCentralWidget(central);

    connect(previous, &QToolButton::clicked, this, [this] {
        if (m_listing.page() > 1)
            (void)m_listing.showPage(m_listing.page() - 1);
    });
    connect(next, &QToolButton::clicked, this, [this] {
        if (m_listing.page() < m_listing.pageCount())
            (void)m_listing.showPage(m_listing.page() + 1);
    });
    connect(&m_listing, &ListingModel::pageChanged, this, &MainWindow::updatePageLabel);
    updatePageLabel(m_listing.page(), m_listing.pageCount());
    resize(900, 640);
}

void MainWindow::updatePageLabel(int page, int pageCount)
{
    m_pageLabel->setText(tr("Page %1 of %2").arg(page).arg(qMax(1, pageCount)));
    statusBar()->showMessage(tr("%n article(s)", nullptr, int(m_listing.total())));
}

} // namespace folio
