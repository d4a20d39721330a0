#pragma once

#include <QStyledItemDelegate>

namespace folio {

// Paints a listing row as a blog's front page shows a post: title, date and tags, then the excerpt — or, for a
// search result, the snippet with the matched terms in bold. A click on a tag asks for that tag's listing.
class ListingDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // Where each tag of the row is drawn, for painting and for clicks.
    QList<QPair<QRect, QString>> tagRects(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    // A search snippet as rich text: the text HTML-escaped, then its highlight markers turned into <b> and </b>.
    static QString snippetHtml(const QString& snippet);

Q_SIGNALS:
    void tagClicked(const QString& tag);
};

} // namespace folio
