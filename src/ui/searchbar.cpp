#include "ui/searchbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

namespace folio {

SearchBar::SearchBar(QWidget* parent)
    : QWidget(parent)
    , m_field(new QLineEdit(this))
    , m_sort(new QComboBox(this))
    , m_save(new QToolButton(this))
    , m_debounce(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_field->setToolTip(tr("Words, \"phrases\", -excluded, tag:NAME, feed:NAME, is:unread, is:starred"));
    m_field->setClearButtonEnabled(true);
    m_field->setMinimumWidth(260);
    m_field->installEventFilter(this);
    m_sort->addItem(tr("Best match"), int(SearchSort::Rank));
    m_sort->addItem(tr("Newest first"), int(SearchSort::Newest));
    m_sort->setToolTip(tr("Order of the search results"));
    m_save->setText(tr("Save search"));
    m_save->setToolTip(tr("Keep this search in the sidebar"));
    m_save->setEnabled(false);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_sort);
    layout->addWidget(m_save);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_field, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_save->setEnabled(!text.trimmed().isEmpty());
        m_debounce->start();
    });
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT searchRequested(query()); });
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        Q_EMIT searchRequested(query());
    });
    // An emptied field (erased, or its clear button) leaves the search at once.
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty() && !m_settingQuery) {
            m_debounce->stop();
            Q_EMIT searchRequested(QString());
        }
    });
    connect(m_sort, &QComboBox::activated, this, [this] { Q_EMIT sortChanged(sort()); });
    connect(m_save, &QToolButton::clicked, this, [this] { Q_EMIT saveRequested(query()); });
}

QString SearchBar::query() const
{
    return m_field->text().trimmed();
}

SearchSort SearchBar::sort() const
{
    return SearchSort(m_sort->currentData().toInt());
}

void SearchBar::setQuery(const QString& query)
{
    m_debounce->stop();
    m_settingQuery = true;
    m_field->setText(query);
    m_settingQuery = false;
    m_save->setEnabled(!query.trimmed().isEmpty());
}

void SearchBar::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

bool SearchBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_debounce->stop();
        Q_EMIT leaveRequested();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace folio
