#include "ui/pagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace folio {

namespace {
constexpr int kNeighbours = 2;
}

PageBar::PageBar(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 2, 0, 2);
    m_layout->setSpacing(2);
    rebuild();
}

QList<int> PageBar::visiblePages(int current, int count)
{
    QList<int> pages;
    for (int p = 1; p <= count; ++p) {
        const bool near = p >= current - kNeighbours && p <= current + kNeighbours;
        if (p == 1 || p == count || near)
            pages << p;
        else if (!pages.isEmpty() && pages.back() != 0)
            pages << 0;
    }
    return pages;
}

void PageBar::setPages(int current, int count)
{
    if (current == m_current && count == m_count)
        return;
    m_current = current;
    m_count = count;
    rebuild();
}

void PageBar::rebuild()
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto button = [this](const QString& text, int page, bool enabled, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setEnabled(enabled);
        b->setAutoRaise(true);
        b->setCheckable(page == m_current && text == QString::number(page));
        b->setChecked(b->isCheckable());
        connect(b, &QToolButton::clicked, this, [this, page] { Q_EMIT pageRequested(page); });
        m_layout->addWidget(b);
    };
    m_layout->addStretch();
    button(QStringLiteral("‹"), m_current - 1, m_current > 1, tr("Previous page"));
    for (int page : visiblePages(m_current, m_count)) {
        if (page == 0)
            m_layout->addWidget(new QLabel(QStringLiteral("…"), this));
        else
            button(QString::number(page), page, page != m_current, tr("Page %1").arg(page));
    }
    button(QStringLiteral("›"), m_current + 1, m_current < m_count, tr("Next page"));
    m_layout->addStretch();
}

} // namespace folio
