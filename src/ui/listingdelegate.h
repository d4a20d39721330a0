#pragma once

#include <QStyledItemDelegate>

namespace folio {

// Paints a listing row as a blog's front page shows a post: title, date and tags, then the excerpt.
class ListingDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace folio
